import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApi } from '../../src/index.js';
import { LocalGateway } from '../../src/serve/gateway.js';
import { LambdaHandlers } from '../../src/serve/lambda-proxy.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { fixturesRoot } from '../support/paths.js';

/**
 * Names a client or a document chooses that are also the names of Object.prototype's members
 * (`__proto__`, `constructor`, `toString`, `valueOf`, `hasOwnProperty`), over real HTTP on
 * 127.0.0.1 (fixtures/specs/serve/rest-prototype-names.yaml, http-prototype-names.yaml). API
 * Gateway's parameters, headers, body keys, stage variables and mappings are plain names
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/request-response-data-mappings.html,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html): each
 * case expects what the same request gives with any other name, and none answers 500. A missing
 * identity source is a 401 without calling the authorizer
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html);
 * the validator's 400 message is AWS's as recorded in localstack/localstack
 * tests/aws/services/apigateway/test_apigateway_common.snapshot.json (AWS-validated); a proxy result's
 * `multiValueHeaders` are headers by name
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-output-format).
 */

/** Functions that answer with the request's query parameters as headers, buffered and streamed. */
const FUNCTIONS = {
  echoquery: `export const handler = async (event) => ({ statusCode: 200, multiValueHeaders: event.multiValueQueryStringParameters, body: 'buffered' });`,
  streamquery: `export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
  const metadata = { statusCode: 200, multiValueHeaders: event.multiValueQueryStringParameters };
  awslambda.HttpResponseStream.from(responseStream, metadata).end('streamed');
});`,
};

/** A REQUEST authorizer that lets every caller through. */
const ALLOW = `export const handler = async (event) => ({
  principalId: 'caller',
  policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: event.methodArn }] },
});
`;

let backend: Server;
let handlers: LambdaHandlers;
let rest: RunningServer;
let http: RunningServer;

beforeAll(async () => {
  // Echoes what it got: the request target, the headers as sent and the body.
  backend = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const echo = { url: incoming.url, headers: incoming.rawHeaders, body: Buffer.concat(chunks).toString('utf8') };
      outgoing.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(echo));
    });
  });
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  const stageVariables = { backend: `127.0.0.1:${(backend.address() as AddressInfo).port}` };
  const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-prototype-names-'));
  writeFileSync(join(folder, 'package.json'), '{ "type": "module" }\n');
  for (const [name, source] of Object.entries(FUNCTIONS)) {
    mkdirSync(join(folder, 'dist/functions', name), { recursive: true });
    writeFileSync(join(folder, 'dist/functions', name, 'index.js'), `${source}\n`);
  }
  mkdirSync(join(folder, 'dist/authorizers'));
  for (const name of ['constructor-header', 'stage-variable']) writeFileSync(join(folder, 'dist/authorizers', `${name}.js`), ALLOW);
  const restApi = await loadApi(join(fixturesRoot, 'serve/rest-prototype-names.yaml'));
  const httpApi = await loadApi(join(fixturesRoot, 'serve/http-prototype-names.yaml'));
  handlers = new LambdaHandlers(restApi.model, folder);
  const serve = (api: typeof restApi, stage: string, lambda?: LambdaHandlers) => {
    const gateway = new LocalGateway(api.model, {
      document: api.document,
      stage,
      stageVariables,
      warn: () => undefined,
      ...(lambda ? { handlers: lambda } : {}),
    });
    return startServer(gateway, { port: 0, host: '127.0.0.1', log: () => undefined });
  };
  [rest, http] = await Promise.all([serve(restApi, 'dev', handlers), serve(httpApi, '$default')]);
});

afterAll(async () => {
  await Promise.all([rest?.close(), http?.close()]);
  await handlers?.close();
  await new Promise((resolve) => backend?.close(resolve));
});

interface Answer {
  status: number;
  /** Response headers as sent: lower-case name, value. */
  headers: [string, string][];
  body: string;
}

/**
 * A request with headers sent as given (fetch refuses none of these names, but node:http keeps
 * the order and sends `__proto__` as a header of its own).
 */
function send(url: string, options: { method?: string; headers?: [string, string][]; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // Headers as a list: node:http then adds none of its own, Host included.
    const headers = ['host', new URL(url).host, ...(options.headers ?? []).flat()];
    if (options.body !== undefined) headers.push('content-length', String(Buffer.byteLength(options.body)));
    const outgoing = httpRequest(url, { method: options.method ?? 'GET', headers }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const pairs: [string, string][] = [];
        for (let index = 0; index < incoming.rawHeaders.length; index += 2)
          pairs.push([incoming.rawHeaders[index]!.toLowerCase(), incoming.rawHeaders[index + 1]!]);
        resolve({ status: incoming.statusCode ?? 0, headers: pairs, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/** What the echo server got. */
function echoed(answer: Answer): { url: string; headers: [string, string][]; body: string } {
  expect(answer.status, `answered ${answer.body}`).toBe(200);
  const echo = JSON.parse(answer.body) as { url: string; headers: string[]; body: string };
  const headers: [string, string][] = [];
  for (let index = 0; index < echo.headers.length; index += 2) headers.push([echo.headers[index]!.toLowerCase(), echo.headers[index + 1]!]);
  return { url: echo.url, headers, body: echo.body };
}

/** The values of a header, in order. */
function valuesOf(headers: [string, string][], name: string): string[] {
  return headers.filter(([key]) => key === name).map(([, value]) => value);
}

describe('serve: REST mapping templates read names like any other', () => {
  it("$input.params(name) finds query parameters named like Object.prototype's members, and nothing when they are absent", async () => {
    const query = 'constructor=qc&toString=qt&__proto__=qp&valueOf=qv&hasOwnProperty=qh';
    const sent = JSON.parse(echoed(await send(`${rest.url}/templates/i?${query}`, { method: 'POST', body: '{}' })).body) as Record<
      string,
      string
    >;
    expect(sent.byName).toBe('qc|qt|qp|qv|qh');
    expect(sent.querystring).toBe('{constructor=qc, toString=qt, __proto__=qp, valueOf=qv, hasOwnProperty=qh}');
    // As the console's "Method Request passthrough" template reads them: keySet(), then get(name).
    expect(sent.each).toBe('constructor=qc;toString=qt;__proto__=qp;valueOf=qv;hasOwnProperty=qh;');
    const none = JSON.parse(echoed(await send(`${rest.url}/templates/i`, { method: 'POST', body: '{}' })).body) as Record<string, string>;
    expect(none.byName).toBe('||||');
  });

  it('$input.path and $util.parseJson keep body keys named __proto__ and toString as keys, and Map.put sets them', async () => {
    const body = '{"__proto__": {"polluted": "yes"}, "toString": "ts", "constructor": "c"}';
    const answer = await send(`${rest.url}/templates/i`, { method: 'POST', body });
    const sent = JSON.parse(echoed(answer).body) as Record<string, string>;
    expect(sent.body).toBe('{__proto__={polluted=yes}, toString=ts, constructor=c}');
    expect(sent.parsed).toBe(sent.body);
    expect(sent.polluted, 'the body has no key "polluted"').toBe('');
    expect(sent.keyToString).toBe('ts');
    expect(sent.put).toBe('{constructor=c, __proto__=p}');
    expect(valuesOf(answer.headers, '__proto__'), '$context.responseOverride.header').toStrictEqual(['overridden']);
  });

  it('passes through the body of a request whose Content-Type has no template, whatever its name', async () => {
    for (const mediaType of ['constructor', '__proto__']) {
      const echo = echoed(
        await send(`${rest.url}/templates/i`, { method: 'POST', headers: [['content-type', mediaType]], body: 'as sent' }),
      );
      expect(echo.body, `Content-Type: ${mediaType}`).toBe('as sent');
    }
  });
});

describe('serve: REST request and response parameters', () => {
  it('maps parameters named like Object.prototype members from the request, and none the request lacks', async () => {
    const answer = await send(`${rest.url}/mapped/i`, { headers: [['__proto__', 'from the client']] });
    const echo = echoed(answer);
    expect(echo.url, 'no constructor or valueOf parameter in the request; no stage variable toString').toBe('/echo');
    expect(valuesOf(echo.headers, '__proto__')).toStrictEqual(['from the client']);
    expect(valuesOf(echo.headers, 'x-constructor')).toStrictEqual([]);
    expect(valuesOf(echo.headers, 'x-context'), '$context has no variable constructor').toStrictEqual([]);
    expect(valuesOf(answer.headers, 'x-missing'), 'the backend sent no constructor header').toStrictEqual([]);
    expect(valuesOf(answer.headers, '__proto__')).toStrictEqual(['from the integration response']);
    const given = echoed(await send(`${rest.url}/mapped/i?constructor=qc`, { headers: [['constructor', 'hc']] }));
    expect(given.url).toBe('/echo?constructor=qc');
    expect(valuesOf(given.headers, 'x-constructor')).toStrictEqual(['hc']);
  });
});

describe('serve: REST request validation and identity sources', () => {
  it('refuses a request without the required headers constructor and __proto__, and passes one with them', async () => {
    const missing = await send(`${rest.url}/validated`);
    expect(missing.status).toBe(400);
    expect(JSON.parse(missing.body)).toStrictEqual({ message: 'Missing required request parameters: [__proto__, constructor]' });
    const complete = await send(`${rest.url}/validated`, {
      headers: [
        ['constructor', 'c'],
        ['__proto__', 'p'],
      ],
    });
    expect(echoed(complete).url, 'the stage has no variable valueOf').toBe('/echo');
  });

  it('answers 401 when a header or stage variable named like an Object.prototype member is missing', async () => {
    expect((await send(`${rest.url}/guarded/header`)).status).toBe(401);
    expect((await send(`${rest.url}/guarded/header`, { headers: [['constructor', 'token']] })).status).toBe(200);
    expect((await send(`${rest.url}/guarded/stage-variable`)).status, 'the stage has no variable hasOwnProperty').toBe(401);
  });
});

describe('serve: REST gateway responses', () => {
  it('leaves $context.constructor as it leaves any unknown variable, and sends a __proto__ header', async () => {
    const answer = await send(`${rest.url}/nowhere`);
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toStrictEqual({ constructor: '$context.constructor', unknown: '$context.unknownName' });
    expect(valuesOf(answer.headers, '__proto__')).toStrictEqual(['from the gateway response']);
  });
});

describe('serve: HTTP API parameter mapping', () => {
  it('appends to headers named __proto__ and constructor, and maps nothing from names the request lacks', async () => {
    const answer = await send(`${http.url}/mapped/i`);
    const echo = echoed(answer);
    expect(valuesOf(echo.headers, 'constructor')).toStrictEqual(['added']);
    expect(valuesOf(echo.headers, '__proto__')).toStrictEqual(['added']);
    for (const name of ['x-constructor', 'x-path', 'x-stage', 'x-context'])
      expect(valuesOf(echo.headers, name), `${name}`).toStrictEqual([]);
    expect(valuesOf(answer.headers, 'constructor')).toStrictEqual(['answered']);
    expect(valuesOf(answer.headers, 'x-answer'), 'the backend sent no constructor header').toStrictEqual([]);
  });

  it('reads and extends the headers constructor and __proto__ the client sent', async () => {
    const echo = echoed(
      await send(`${http.url}/mapped/i`, {
        headers: [
          ['constructor', 'c1'],
          ['__proto__', 'p1'],
        ],
      }),
    );
    expect(valuesOf(echo.headers, 'constructor')).toStrictEqual(['c1,added']);
    expect(valuesOf(echo.headers, '__proto__')).toStrictEqual(['p1,added']);
    expect(valuesOf(echo.headers, 'x-constructor')).toStrictEqual(['c1']);
  });
});

describe('serve: Lambda proxy results', () => {
  it('answers headers named constructor and __proto__ of a buffered and a streamed result as they are', async () => {
    for (const path of ['/functions/buffered', '/functions/streamed']) {
      const answer = await send(`${rest.url}${path}?constructor=c&__proto__=p`);
      expect(answer.status, `${path}`).toBe(200);
      expect(valuesOf(answer.headers, 'constructor'), `${path}`).toStrictEqual(['c']);
      expect(valuesOf(answer.headers, '__proto__'), `${path}`).toStrictEqual(['p']);
    }
  });
});
