import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cfn, loadApi, validate } from '../../src/index.js';
import { LocalGateway } from '../../src/serve/gateway.js';
import { LambdaHandlers } from '../../src/serve/lambda-proxy.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { fixturesRoot } from '../support/paths.js';

/**
 * HTTP APIs' parameter mapping, over real HTTP on 127.0.0.1 (fixtures/specs/serve/http-parameter-mapping.yaml),
 * against https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html:
 * - its examples: `append:header.header1` ← `$context.requestId`; renaming `header1` to `header2`
 *   (`append:header.header2` ← `$request.header.header1`, `remove:header.header1`); a 500 answered as
 *   403 with `header1` added, and a 404 with an `error` header from `$stageVariables.environmentId`;
 * - its value table: `$request.path.<name>` (and `${…}` to mix variables with text), `$request.path`
 *   (the path without the stage), `$request.querystring.<name>` (repeated values "Value1,Value2"),
 *   `$request.body.<JSONPath>`, `$response.header.<name>`, `$response.body.<JSONPath>`;
 * - its reserved headers (Authorization, x-amzn-*), which no mapping changes.
 */

let upstream: Server;
let server: RunningServer;
let handlers: LambdaHandlers;
const fixture = join(fixturesRoot, 'serve/http-parameter-mapping.yaml');

beforeAll(async () => {
  upstream = createServer((request, response) => {
    const status = /^\/status\/(\d+)$/.exec(request.url ?? '')?.[1];
    if (status) {
      response.writeHead(Number(status), {
        'content-type': 'application/json',
        'x-upstream': 'yes',
        'x-secret': 's3cr3t',
        'x-kept': 'first',
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'DELETE',
      });
      response.end(JSON.stringify({ pet: { name: 'Rex' } }));
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ url: request.url, method: request.method, headers: request.headers }));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  // A port that was free a moment ago: nothing listens there.
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const closedPort = String((closed.address() as AddressInfo).port);
  await new Promise((resolve) => closed.close(resolve));
  const { model, document } = await loadApi(fixture, { lenient: true });
  const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-mapping-'));
  writeFileSync(join(folder, 'package.json'), '{ "type": "module" }\n');
  mkdirSync(join(folder, 'dist/functions/mapped'), { recursive: true });
  writeFileSync(
    join(folder, 'dist/functions/mapped/index.js'),
    `export const handler = async () => ({ statusCode: 200, headers: { 'x-from-body': 'handler' }, body: JSON.stringify({ greeting: 'hi' }) });\n`,
  );
  mkdirSync(join(folder, 'dist/functions/hello'), { recursive: true });
  writeFileSync(join(folder, 'dist/functions/hello/index.js'), `export const handler = async () => 'Hello from Lambda!';\n`);
  handlers = new LambdaHandlers(model, folder);
  const gateway = new LocalGateway(model, {
    document,
    stage: '$default',
    stageVariables: { upstream: `127.0.0.1:${(upstream.address() as AddressInfo).port}`, environmentId: 'env-7', closedPort },
    handlers,
  });
  server = await startServer(gateway, { port: 0, host: '127.0.0.1', log: () => {} });
});

afterAll(async () => {
  await Promise.all([server.close(), handlers.close()]);
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
});

interface Echo {
  url: string;
  method: string;
  headers: Record<string, string>;
}

/** A request with raw headers (repeated ones kept apart). */
function send(path: string, options: { method?: string; headers?: string[]; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }>((resolve, reject) => {
    const url = new URL(path, server.url);
    const outgoing = httpRequest(
      url,
      { method: options.method ?? 'GET', headers: ['Host', url.host, ...(options.headers ?? [])] },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, text: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

describe('serve: HTTP API request parameter mapping (HTTP proxy)', () => {
  it('appends, overwrites and removes headers and query parameters with values from the request, context and stage', async () => {
    const body = JSON.stringify({ owner: { name: 'Ada' } });
    const answer = await send('/pets/7?kind=cat&kind=dog&secret=x&keep=1', {
      method: 'POST',
      headers: [
        'header1',
        'one',
        'X-Repeated',
        'a',
        'X-Repeated',
        'b',
        'Header3',
        'gone',
        'X-Kind',
        'lizard',
        'Authorization',
        'Bearer t',
        'Content-Type',
        'application/json',
        'Content-Length',
        String(body.length),
      ],
      body,
    });
    expect(answer.status, `${answer.text}`).toBe(200);
    const echo = JSON.parse(answer.text) as Echo;
    const requestId = answer.headers['apigw-requestid'];
    expect(echo.headers.header1, `header1 gets $context.requestId appended`).toBe(`one,${String(requestId)}`);
    expect(echo.headers.header2, `header2 from $request.header.header1, as sent`).toBe('one');
    expect(echo.headers, `remove:header.header3`).not.toHaveProperty('header3');
    expect(echo.headers['x-pet'], `static text mixed with \${request.path.petId} and $request.querystring.kind (repeats joined)`).toBe(
      'pet-7-cat,dog',
    );
    expect(echo.headers['x-owner'], `$request.body.owner.name`).toBe('Ada');
    expect(echo.headers['x-stage'], `$stageVariables.environmentId`).toBe('env-7');
    expect(echo.headers['x-joined'], `repeated headers combined with commas: "header1": "value1,value2"`).toBe('a,b');
    expect(echo.headers.authorization, `Authorization is reserved: the client's value goes on unchanged`).toBe('Bearer t');
    const query = new URL(echo.url, 'http://backend').searchParams;
    expect(query.getAll('kind'), `overwrite:querystring.kind replaces both values`).toStrictEqual(['lizard']);
    expect(query.has('secret'), `remove:querystring.secret`).toBe(false);
    expect(query.get('keep'), `unmapped parameters go on`).toBe('1');
    expect(query.get('added'), `append:querystring.added from $request.path`).toBe('/pets/7');
  });

  it('overwrites the path sent to the backend', async () => {
    const echo = JSON.parse((await send('/moved?to=there')).text) as Echo;
    expect(new URL(echo.url, 'http://backend').pathname, `overwrite:path`).toBe('/elsewhere/there');
  });
});

describe('serve: HTTP API response parameter mapping', () => {
  it("changes a 500 to 403 and adds header1, as the developer guide's example", async () => {
    const answer = await send('/status/500');
    expect(answer.status, `overwrite:statuscode`).toBe(403);
    expect(answer.headers.header1, `append:header.header1 from $context.requestId`).toBe(answer.headers['apigw-requestid']);
  });

  it('adds the error header to a 404 from a stage variable', async () => {
    const answer = await send('/status/404');
    expect(answer.status, `no statuscode mapping for 404`).toBe(404);
    expect(answer.headers.error, `append:header.error`).toBe('env-7');
  });

  it('reads $response.header and $response.body, removes headers, and leaves reserved ones alone', async () => {
    const answer = await send('/status/200');
    expect(answer.headers['x-upstream'], `overwrite with text and $response.header.x-upstream`).toBe('from-yes');
    expect(answer.headers['x-kept'], `append:header.x-kept from $response.body.pet.name`).toBe('first,Rex');
    expect(answer.headers, `remove:header.x-secret`).not.toHaveProperty('x-secret');
    expect(answer.headers, `x-amzn-* is reserved: no mapping adds it`).not.toHaveProperty('x-amzn-requestid');
  });

  it('applies to the answer of a Lambda integration too', async () => {
    const answer = await send('/function');
    expect(answer.status, `200 mapped to 202`).toBe(202);
    expect(answer.headers['x-from-body'], `$response.body.greeting appended to the function's header`).toBe('handler,hi');
  });

  it('leaves statuses without mappings as they are', async () => {
    const answer = await send('/status/201');
    expect(answer.status, `201`).toBe(201);
    expect(answer.headers['x-upstream'], `no mapping for 201`).toBe('yes');
  });
});

describe('serve: HTTP API routing', () => {
  it("sends the full request path to the $default route's integration", async () => {
    // "When you send a request to https://api-id.execute-api.us-east-2.amazonaws.com/store/checkout, API Gateway sends a request to
    // https://petstore-demo-endpoint.execute-api.com/store/checkout" (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html#http-api-develop-routes.default)
    const echo = JSON.parse((await send('/store/checkout?item=3', { method: 'DELETE' })).text) as Echo;
    expect(echo.url, `the URI's path, then the request's path and query`).toBe('/base/store/checkout?item=3');
    expect(echo.method, `ANY passes the method on`).toBe('DELETE');
  });
});

describe('serve: HTTP API route selection', () => {
  let routing: RunningServer;
  beforeAll(async () => {
    const { model, document } = await loadApi(join(fixturesRoot, 'serve/http-routing.yaml'));
    routing = await startServer(new LocalGateway(model, { document, stage: '$default' }), { port: 0, host: '127.0.0.1', log: () => {} });
  });
  afterAll(() => routing.close());

  // The developer guide's example routes and table (the first four), then its priorities
  // ("API Gateway selects the route with the most-specific match ... 1. Full match for a route and method.
  // 2. Match for a route and method with a greedy path variable ({proxy+}). 3. The $default route."):
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html#http-api-develop-routes.evaluation
  it.each([
    ['GET', '/pets/dog/1', 'GET /pets/dog/1'],
    ['GET', '/pets/dog/2', 'GET /pets/dog/{id}'],
    ['GET', '/pets/cat/1', 'GET /pets/{proxy+}'],
    ['POST', '/test/5', 'ANY /{proxy+}'],
    ['GET', '/x/b', 'GET /{kind}/b'],
    ['GET', '/x/b/c', 'GET /{kind}/b/{proxy+}'],
    ['GET', '/x/c/d', 'GET /x/{proxy+}'],
    ['POST', '/pets/cat/1', 'ANY /{proxy+}'],
    ['GET', '/', '$default'],
  ])('routes %s %s to %s', async (method, path, route) => {
    const response = await fetch(`${routing.url}${path}`, { method });
    expect(response.status, `${path}`).toBe(200);
    expect(await response.json(), `${method} ${path}`).toStrictEqual({ route });
  });
});

describe("serve: HTTP API events, against the developer guide's samples", () => {
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.proxy-format
  // (its 2.0 and 1.0 samples, without the fields of mutual TLS and authorizers), and the real request recorded in
  // aws/aws-lambda-go events/testdata/apigw-v2-request-no-authorizer.json (`"content-length": "0"` for curl's GET).
  let events: RunningServer;
  let echoes: LambdaHandlers;
  beforeAll(async () => {
    const { model, document } = await loadApi(join(fixturesRoot, 'serve/http-events.yaml'));
    const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-http-events-'));
    writeFileSync(join(folder, 'package.json'), '{ "type": "module" }\n');
    mkdirSync(join(folder, 'dist/functions/echo'), { recursive: true });
    writeFileSync(
      join(folder, 'dist/functions/echo/index.js'),
      [
        `export const handler = async (event) => event.rawPath === '/v2/b64'`,
        `  ? { statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'YmFzZTY0IGVuY29kZWQK', isBase64Encoded: true }`,
        `  : { statusCode: 200, body: JSON.stringify(event) };\n`,
      ].join('\n'),
    );
    echoes = new LambdaHandlers(model, folder);
    events = await startServer(new LocalGateway(model, { document, stage: '$default', handlers: echoes }), {
      port: 0,
      host: '127.0.0.1',
      log: () => {},
    });
  });
  afterAll(() => Promise.all([events.close(), echoes.close()]));

  const sampleHeaders = ['Header1', 'value1', 'Header2', 'value1', 'Header2', 'value2', 'Cookie', 'cookie1; cookie2'];
  const eventOf = async (path: string, options: { method?: string; headers?: string[]; body?: string } = {}) => {
    const url = new URL(path, events.url);
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      const headers = ['Host', url.host, ...(options.headers ?? [])];
      const outgoing = httpRequest(url, { method: options.method ?? 'GET', headers }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>));
      });
      outgoing.on('error', reject);
      outgoing.end(options.body);
    });
  };

  it('sends payload 2.0 with the fields of the sample, the query string as sent and repeated values joined', async () => {
    const event = await eventOf('/v2/7?parameter1=value1&parameter1=value2&parameter2=value', { headers: sampleHeaders });
    expect(Object.keys(event).sort(), `top-level fields (no body, no stageVariables: none sent)`).toStrictEqual([
      'cookies',
      'headers',
      'isBase64Encoded',
      'pathParameters',
      'queryStringParameters',
      'rawPath',
      'rawQueryString',
      'requestContext',
      'routeKey',
      'version',
    ]);
    expect(event.rawQueryString, `as sent`).toBe('parameter1=value1&parameter1=value2&parameter2=value');
    expect(event.queryStringParameters, `repeated values joined`).toStrictEqual({ parameter1: 'value1,value2', parameter2: 'value' });
    expect(event.cookies, `cookies`).toStrictEqual(['cookie1', 'cookie2']);
    expect(event.headers, `lower-cased, repeated values joined`).toMatchObject({
      header1: 'value1',
      header2: 'value1,value2',
      'content-length': '0',
    });
    expect(event.pathParameters, `pathParameters`).toStrictEqual({ id: '7' });
    expect(event.routeKey, `routeKey`).toBe('GET /v2/{id}');
    const context = event.requestContext as Record<string, unknown>;
    expect(Object.keys(context).sort(), `requestContext fields`).toStrictEqual([
      'accountId',
      'apiId',
      'domainName',
      'domainPrefix',
      'http',
      'requestId',
      'routeKey',
      'stage',
      'time',
      'timeEpoch',
    ]);
    expect(context.stage, `the $default stage`).toBe('$default');
    expect(Object.keys(context.http as object).sort(), `requestContext.http`).toStrictEqual([
      'method',
      'path',
      'protocol',
      'sourceIp',
      'userAgent',
    ]);
  });

  it('base64-encodes a binary body and passes text as it is, and decodes a base64 answer', async () => {
    // https://aws.amazon.com/blogs/compute/handling-binary-data-using-amazon-api-gateway-http-apis/: "The HTTP API Lambda
    // integration automatically infers the need for encoding based on the content-type header passed with the request":
    // text/plain "Hello World" arrives as it is, image/jpeg bytes base64-encoded; the answer
    // { body: "YmFzZTY0IGVuY29kZWQK", isBase64Encoded: true } "results in the corresponding text 'base64 encoded'".
    const text = await eventOf('/v2/7', {
      method: 'GET',
      headers: ['Content-Type', 'text/plain', 'Content-Length', '11'],
      body: 'Hello World',
    });
    expect([text.body, text.isBase64Encoded], `text/plain`).toStrictEqual(['Hello World', false]);
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]);
    const image = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const url = new URL('/v2/7', events.url);
      const outgoing = httpRequest(url, { headers: { 'content-type': 'image/jpeg', 'content-length': jpeg.length } }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>));
      });
      outgoing.on('error', reject);
      outgoing.end(jpeg);
    });
    expect([image.body, image.isBase64Encoded], `image/jpeg`).toStrictEqual([jpeg.toString('base64'), true]);
    const answer = await fetch(`${events.url}/v2/b64`);
    expect(await answer.text(), `decoded`).toBe('base64 encoded\n');
    expect(answer.headers.get('content-type'), `the function's content type`).toBe('text/plain');
  });

  it('routes a path with a trailing slash as the path without it, and keeps the slash in rawPath', async () => {
    // Tested on AWS: "both API Gateway REST and HTTPV2 route both /hello and /hello/ to the Lambda"
    // (https://github.com/aws-powertools/powertools-lambda-python/issues/1552, a comment of 2022-09-29 by walmsles).
    const event = await eventOf('/v2/7/');
    expect([event.routeKey, event.rawPath, event.pathParameters], `/v2/7/`).toStrictEqual(['GET /v2/{id}', '/v2/7/', { id: '7' }]);
  });

  it('answers 404 {"message":"Not Found"} for a path or method no route has', async () => {
    // "If no routes match a request, API Gateway returns {"message":"Not Found"} to the client."
    // (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html#http-api-develop-routes.evaluation)
    for (const [method, path] of [
      ['GET', '/nothing/here'],
      ['POST', '/v2/7'],
      ['GET', '/v1'],
    ] as const) {
      const response = await fetch(`${events.url}${path}`, { method });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(await response.json(), `${method} ${path}`).toStrictEqual({ message: 'Not Found' });
      expect(response.headers.get('apigw-requestid'), `HTTP APIs' request id header`).toMatch(/^[A-Za-z0-9_-]{15}=$/);
      expect(response.headers.has('x-amzn-requestid'), `no REST API header`).toBe(false);
    }
  });

  it('serves a named stage under /<stage>/ and keeps the stage in the paths of both payloads, not in the route key', async () => {
    // A deployed HTTP API's event on the stage dev: "routeKey": "ANY /agents/{proxy+}", "rawPath": "/dev/agents/1234"
    // (https://github.com/logandk/serverless-wsgi/issues/191; https://github.com/aws-powertools/powertools-lambda-python/issues/621).
    const { model, document } = await loadApi(join(fixturesRoot, 'serve/http-events.yaml'));
    const staged = await startServer(new LocalGateway(model, { document, stage: 'dev', handlers: echoes }), {
      port: 0,
      host: '127.0.0.1',
      log: () => {},
    });
    try {
      interface Event {
        routeKey: string;
        rawPath: string;
        resource: string;
        path: string;
        pathParameters: Record<string, string>;
        requestContext: { http: { path: string }; path: string; stage: string };
      }
      const read = async (path: string, init?: RequestInit) => (await (await fetch(`${staged.url}${path}`, init)).json()) as Event;
      const v2 = await read('/dev/v2/7');
      expect([v2.routeKey, v2.rawPath, v2.requestContext.http.path, v2.requestContext.stage, v2.pathParameters], `2.0`).toStrictEqual([
        'GET /v2/{id}',
        '/dev/v2/7',
        '/dev/v2/7',
        'dev',
        { id: '7' },
      ]);
      const v1 = await read('/dev/v1/agents/1234', { method: 'POST' });
      expect([v1.resource, v1.path, v1.requestContext.path, v1.pathParameters], `1.0`).toStrictEqual([
        '/v1/{proxy+}',
        '/dev/v1/agents/1234',
        '/dev/v1/agents/1234',
        { proxy: 'agents/1234' },
      ]);
    } finally {
      await staged.close();
    }
  });

  it('keeps rawQueryString as the client wrote it', async () => {
    const event = await eventOf('/v2/7?q=a%20b&flag');
    expect(event.rawQueryString, `not re-encoded`).toBe('q=a%20b&flag');
    expect(event.queryStringParameters, `decoded`).toStrictEqual({ q: 'a b', flag: '' });
  });

  it('sends payload 1.0 as HTTP APIs do: version, lower-case headers, no stage in requestContext.path', async () => {
    const event = await eventOf('/v1/my/path?parameter1=value1&parameter1=value2&parameter2=value', {
      method: 'POST',
      headers: [...sampleHeaders, 'Content-Type', 'text/plain', 'Content-Length', '18'],
      body: 'Hello from Lambda!',
    });
    expect(Object.keys(event).sort(), `top-level fields of the sample`).toStrictEqual([
      'body',
      'headers',
      'httpMethod',
      'isBase64Encoded',
      'multiValueHeaders',
      'multiValueQueryStringParameters',
      'path',
      'pathParameters',
      'queryStringParameters',
      'requestContext',
      'resource',
      'stageVariables',
      'version',
    ]);
    expect(Object.keys(event.requestContext as object).sort(), `requestContext fields of the sample (no authorizer here)`).toStrictEqual([
      'accountId',
      'apiId',
      'domainName',
      'domainPrefix',
      'extendedRequestId',
      'httpMethod',
      'identity',
      'path',
      'protocol',
      'requestId',
      'requestTime',
      'requestTimeEpoch',
      'resourceId',
      'resourcePath',
      'stage',
    ]);
    expect(event.version, `version`).toBe('1.0');
    expect(event.headers, `lower case, the last value`).toMatchObject({ header1: 'value1', header2: 'value2' });
    expect(event.multiValueHeaders, `every value`).toMatchObject({ header1: ['value1'], header2: ['value1', 'value2'] });
    expect(event.queryStringParameters, `the last value`).toStrictEqual({ parameter1: 'value2', parameter2: 'value' });
    expect(event.multiValueQueryStringParameters, `every value`).toStrictEqual({ parameter1: ['value1', 'value2'], parameter2: ['value'] });
    expect(event).toMatchObject({
      resource: '/v1/{proxy+}',
      path: '/v1/my/path',
      httpMethod: 'POST',
      body: 'Hello from Lambda!',
      isBase64Encoded: false,
    });
    expect(event.stageVariables, `none`).toBeNull();
    const context = event.requestContext as Record<string, unknown>;
    expect(context, `requestContext`).toMatchObject({
      path: '/v1/my/path',
      resourceId: null,
      resourcePath: '/v1/{proxy+}',
      stage: '$default',
      httpMethod: 'POST',
    });
    expect(context, `no deploymentId in the sample`).not.toHaveProperty('deploymentId');
  });
});

describe('serve: HTTP API answers', () => {
  it('answers a function that returns a string with that string as a JSON answer', async () => {
    // "Hello from Lambda!" is interpreted as statusCode 200, body "Hello from Lambda!", content-type application/json
    // (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.v2).
    const answer = await send('/hello');
    expect(answer.status, `200`).toBe(200);
    expect(answer.headers['content-type'], `assumed content type`).toBe('application/json');
    expect(answer.text, `the function's response as the body`).toBe('Hello from Lambda!');
  });

  it('answers 500 Internal Server Error when the HTTP backend cannot be reached', async () => {
    // HTTP APIs' integration failure answer (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html).
    const answer = await send('/unreachable');
    expect([answer.status, JSON.parse(answer.text)], `no backend`).toStrictEqual([500, { message: 'Internal Server Error' }]);
  });

  it('ignores the CORS headers of the backend when the API configures CORS', async () => {
    // "If you configure CORS for an API, API Gateway ignores CORS headers returned from your backend integration."
    // (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html)
    const plain = await send('/status/201');
    expect(plain.headers, `no Origin: no CORS headers at all`).not.toHaveProperty('access-control-allow-origin');
    expect(plain.headers, `the backend's Allow-Methods is dropped`).not.toHaveProperty('access-control-allow-methods');
    const cors = await send('/status/201', { headers: ['Origin', 'https://app.example'] });
    expect(cors.headers['access-control-allow-origin'], `the configured origin, not the backend's *`).toBe('https://app.example');
    expect(cors.headers, `the backend's Allow-Methods is dropped`).not.toHaveProperty('access-control-allow-methods');
  });
});

describe('validate: HTTP API mappings of reserved headers', () => {
  it('reports a request and a response mapping of a reserved header', async () => {
    const result = await validate(fixture);
    const found = result.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.pointer]);
    expect(found, `Authorization and x-amzn-* are reserved`).toStrictEqual([
      [
        'APIGW_REQUEST_PARAMETER_MAPPING',
        '/paths/~1pets~1{petId}/post/x-amazon-apigateway-integration/requestParameters/overwrite:header.authorization',
      ],
      [
        'APIGW_RESPONSE_PARAMETER_MAPPING',
        '/paths/~1status~1{code}/get/x-amazon-apigateway-integration/responseParameters/200/overwrite:header.x-amzn-requestid',
      ],
    ]);
  });
});

describe('validate: HTTP API mapping values and status codes', () => {
  it('reports variables a side does not have and status codes outside 200-599', async () => {
    // Request values: $request.header|querystring|body|path…, $context, $stageVariables; response values: $response.header|body…,
    // $context, $stageVariables (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html);
    // "The selection key must be a valid HTTP status code within the range of 200-599"
    // (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-apigatewayv2-integration-responseparameter.html).
    const file = join(mkdtempSync(join(tmpdir(), 'apigw-gen-mapping-values-')), 'openapi.yaml');
    writeFileSync(
      file,
      [
        'openapi: 3.0.1',
        'info: { title: mapping values, version: 1.0.0 }',
        "x-amazon-apigateway-importexport-version: '1.0'",
        'paths:',
        '  /a:',
        '    get:',
        "      responses: { '200': { description: ok } }",
        '      x-amazon-apigateway-integration:',
        '        type: http_proxy',
        '        httpMethod: GET',
        '        uri: https://backend.example/a',
        "        payloadFormatVersion: '1.0'",
        '        requestParameters:',
        '          append:header.ok: id-${request.path.id}-$context.requestId',
        '          append:header.from-response: $response.header.x',
        '          append:header.unknown: ${request.cookie.x}',
        '        responseParameters:',
        "          '200':",
        '            append:header.ok: $response.body.a[0].b',
        '            append:header.from-request: $request.header.x',
        "          '100':",
        "            overwrite:statuscode: '200'",
      ].join('\n'),
    );
    const result = await validate(file);
    const found = result.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.pointer.split('/').slice(-2).join('/')]);
    expect(found, `three values and one status`).toStrictEqual([
      ['APIGW_REQUEST_PARAMETER_MAPPING', 'requestParameters/append:header.from-response'],
      ['APIGW_REQUEST_PARAMETER_MAPPING', 'requestParameters/append:header.unknown'],
      ['APIGW_RESPONSE_PARAMETER_MAPPING', '200/append:header.from-request'],
      ['APIGW_RESPONSE_PARAMETER_MAPPING', 'responseParameters/100'],
    ]);
  });
});

describe('cfn: HTTP API mappings reach the template', () => {
  it('keeps requestParameters and responseParameters in the AWS::ApiGatewayV2::Api Body', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'apigw-gen-mapping-cfn-')), 'template.json');
    const { files } = await cfn({ document: fixture, out, format: 'json', lenient: true, dryRun: true });
    interface Integration {
      requestParameters: Record<string, string>;
      responseParameters: Record<string, Record<string, string>>;
    }
    type Body = { paths: Record<string, Record<string, { 'x-amazon-apigateway-integration': Integration }>> };
    const template = JSON.parse(files[0]!.contents) as { Resources: Record<string, { Type: string; Properties: { Body?: Body } }> };
    const api = Object.values(template.Resources).find((resource) => resource.Type === 'AWS::ApiGatewayV2::Api')!;
    const integration = (path: string, method: string) => api.Properties.Body!.paths[path]![method]!['x-amazon-apigateway-integration'];
    expect(integration('/status/{code}', 'get').responseParameters['500'], `by status code`).toStrictEqual({
      'append:header.header1': '$context.requestId',
      'overwrite:statuscode': '403',
    });
    expect(integration('/pets/{petId}', 'post').requestParameters['overwrite:header.x-pet'], `\${…} kept as written`).toBe(
      'pet-${request.path.petId}-$request.querystring.kind',
    );
  });
});
