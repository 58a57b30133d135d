import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApi } from '../../src/index.js';
import { LocalGateway } from '../../src/serve/gateway.js';
import { LambdaHandlers } from '../../src/serve/lambda-proxy.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { UsagePlans } from '../../src/serve/usage-plans.js';
import { fixturesRoot, repoRoot } from '../support/paths.js';

/**
 * Request validation, API keys, routing and HTTP integrations of a REST API against what real
 * API Gateway did: each case is a request of an AWS-validated LocalStack test
 * (`@markers.aws.validated`) and what its snapshot recorded against AWS (or, where the test
 * asserts rather than snapshots, what it asserts), sent over HTTP on 127.0.0.1 to `serve` with
 * the routes the test set up (fixtures/specs/serve/recorded-common.yaml and recorded-routing.yaml).
 * The HTTP backends are a local server standing for the tests' (a Lambda function URL answering
 * the status its path ends with, httpbin answering the headers it got).
 *
 * Source: https://github.com/localstack/localstack/tree/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/apigateway
 * (test_apigateway_common.py, test_apigateway_http.py, test_apigateway_integrations.py and their snapshots).
 */

const COMMON = 'test_apigateway_common.py::TestApiGatewayCommon';
const VALIDATOR = `${COMMON}::test_api_gateway_request_validator`;
const ROUTING = 'test_apigateway_common.py::TestApigatewayRouting';
const PASSTHROUGH = 'test_apigateway_http.py::test_http_integration_invoke_status_code_passthrough';

interface RecordedCase {
  source: string;
  /** Which API: the common routes (stage `local`), the routing tests' or the imported documents' (their stage). */
  api?: 'routing' | 'circular' | 'v1' | 'v2';
  method: string;
  /** After the stage. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  status: number;
  /** The answer's JSON, or the value at a dotted path in it. */
  json?: unknown;
  jsonAt?: Record<string, unknown>;
  responseHeaders?: Record<string, string>;
}

const valid = { 'x-header-param': 'test', 'content-type': 'application/json' };
const missingToken = {
  json: { message: 'Missing Authentication Token' },
  responseHeaders: { 'x-amzn-errortype': 'MissingAuthenticationTokenException' },
};

const CASES: RecordedCase[] = [
  {
    source: `${VALIDATOR} (asserts: every parameter and a valid body pass, the function gets the body)`,
    method: 'POST',
    path: '/nested/value?qs1=test',
    headers: valid,
    body: '{"a": 1, "b": 2}',
    status: 200,
    jsonAt: { body: '{"a": 1, "b": 2}' },
  },
  {
    source: `${VALIDATOR} (asserts: a GET without a body fails the body's model, 400 "Invalid request body")`,
    method: 'GET',
    path: '/nested/value?qs1=test',
    headers: { 'x-header-param': 'test' },
    status: 400,
    json: { message: 'Invalid request body' },
  },
  {
    source: `${VALIDATOR} (asserts: the same with Content-Type application/json)`,
    method: 'GET',
    path: '/nested/value?qs1=test',
    headers: valid,
    status: 400,
    json: { message: 'Invalid request body' },
  },
  {
    source: `${VALIDATOR} [missing-required-headers-request-params-get]`,
    method: 'GET',
    path: '/nested/value?qs1=test',
    status: 400,
    json: { message: 'Missing required request parameters: [x-header-param]' },
  },
  {
    source: `${VALIDATOR} [missing-required-qs-request-params-get]`,
    method: 'GET',
    path: '/nested/value',
    headers: { 'x-header-param': 'test' },
    status: 400,
    json: { message: 'Missing required request parameters: [qs1]' },
  },
  {
    source: `${VALIDATOR} [invalid-request-body]`,
    method: 'POST',
    path: '/nested/value?qs1=test',
    headers: valid,
    body: '{"test": "test"}',
    status: 400,
    json: { message: 'Invalid request body' },
  },
  {
    source: `${ROUTING}::test_routing_not_found [working-route]`,
    method: 'GET',
    path: '/existing',
    status: 200,
    json: { message: 'exists', statusCode: 200 },
  },
  { source: `${ROUTING}::test_routing_not_found [not-found]`, method: 'GET', path: '/random-non-existing', status: 403, ...missingToken },
  { source: `${ROUTING}::test_routing_not_found [wrong-method]`, method: 'POST', path: '/existing', status: 403, ...missingToken },
  {
    source: 'test_apigateway_common.py::TestUsagePlans::test_api_key_required_for_methods (asserts: 403 without the key)',
    method: 'GET',
    path: '/test',
    status: 403,
  },
  {
    source: "test_apigateway_common.py::TestUsagePlans::test_api_key_required_for_methods (asserts: 200 with the plan's key)",
    method: 'GET',
    path: '/test',
    headers: { 'x-api-key': 'key-1' },
    status: 200,
  },
  ...(
    [
      ['HTTP', '/status', 200, 200],
      ['HTTP', '/status', 400, 200],
      ['HTTP_PROXY', '/status-proxy', 200, 200],
      ['HTTP_PROXY', '/status-proxy', 400, 400],
    ] as const
  ).map(([type, route, code, status]) => ({
    source: `${PASSTHROUGH}[${type}] [${code === 200 ? 'matching-response' : 'non-matching-response'}]`,
    method: 'POST',
    path: `${route}/${code}`,
    status,
    json: { message: '', status_code: code },
  })),
  ...(
    [
      ['OPTIONS', '/test', 'OPTIONS'],
      ['POST', '/test', 'POST'],
      ['OPTIONS', '/test/any', 'ANY'],
      ['GET', '/test/any', 'ANY'],
    ] as const
  ).map(([method, path, expected]) => ({
    source: `${ROUTING}::test_proxy_routing_with_hardcoded_resource_sibling (asserts: ${method} ${path} is the ${expected} method's)`,
    api: 'routing' as const,
    method,
    path,
    status: 200,
    jsonAt: { message: `${expected} request` },
  })),
  ...(
    [
      ['/part1', 'part1'],
      ['/part1/hardcoded-value', 'hardcoded-value'],
      ['/part1/random-value', 'proxy'],
    ] as const
  ).map(([path, message]) => ({
    source: `${ROUTING}::test_routing_with_hardcoded_resource_sibling_order (asserts: GET ${path} answers "${message}")`,
    api: 'routing' as const,
    method: 'GET',
    path,
    status: 200,
    jsonAt: { message },
  })),
  ...(
    [
      ['a valid body', { name: 'Person1', b: 2, house: { randomProperty: 'this is random', contains: [{ name: 'Person2', b: 3 }] } }, 200],
      ['a body without the required properties', { random: 'blabla' }, 400],
      [
        'a body with a nested Person that is not one',
        {
          name: 'Person1',
          b: 2,
          house: {
            randomProperty: 'this is random, but I follow House schema except for contains',
            contains: [{ randomObject: 'I am not following Person schema' }],
          },
        },
        400,
      ],
    ] as const
  ).map(([what, body, status]) => ({
    source: `test_apigateway_import.py::TestApiGatewayImportRestApi::test_import_with_circular_models_and_request_validation (asserts: ${what} ${status === 200 ? 'passes' : 'is "Invalid request body"'})`,
    api: 'circular' as const,
    method: 'POST',
    path: '/person',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    status,
    ...(status === 400 ? { json: { message: 'Invalid request body' } } : {}),
  })),
  {
    source:
      'test_apigateway_import.py::TestApiGatewayImportRestApi::test_import_with_stage_variables [get-resp-from-http] (origin and domain masked)',
    api: 'v1',
    method: 'GET',
    path: '/path1',
    status: 200,
    json: { args: { qs_key: 'qs_value' }, data: '', method: 'POST', path: '/test-path' },
  },
  {
    source:
      'test_apigateway_import.py::TestApiGatewayImportRestApi::test_import_with_stage_variables [get-error-resp-from-http] (a stage without the variables)',
    api: 'v2',
    method: 'GET',
    path: '/path1',
    status: 500,
    json: { message: 'Internal server error' },
    responseHeaders: { 'x-amzn-errortype': 'InternalServerErrorException' },
  },
];

/** TEST_LAMBDA_AWS_PROXY: answers its event. */
const ECHO = `export const handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });\n`;

let backend: Server;
let handlers: LambdaHandlers;
const servers: Partial<Record<'common' | 'routing' | 'circular' | 'v1' | 'v2', RunningServer>> = {};

function send(server: RunningServer, options: { method: string; target: string; rawHeaders?: string[]; body?: string }) {
  const { port } = new URL(server.url);
  const length = options.body === undefined ? [] : ['Content-Length', String(Buffer.byteLength(options.body))];
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }>((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method,
        path: options.target,
        headers: ['Host', `127.0.0.1:${port}`, ...(options.rawHeaders ?? []), ...length],
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, text: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    outgoing.setTimeout(30_000, () => outgoing.destroy(new Error(`${options.target}: no answer in 30 s`)));
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

beforeAll(async () => {
  backend = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      // httpbin's /anything: the body and headers it got.
      if (request.url === '/anything') {
        const body = JSON.stringify({ data: Buffer.concat(chunks).toString('utf8'), headers: request.headers });
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }).end(body);
        return;
      }
      // httpbin's /headers (behind AWS's load balancer, as the test's): the headers it got, and headers of its own.
      if (request.url === '/headers') {
        const body = JSON.stringify({ headers: request.headers });
        response
          .writeHead(200, {
            'content-type': 'application/json',
            'content-length': String(Buffer.byteLength(body)),
            server: 'gunicorn/19.9.0',
            'access-control-allow-origin': '*',
            'access-control-allow-credentials': 'true',
          })
          .end(body);
        return;
      }
      // The echo server of test_import_with_stage_variables (httpbin-like): what it got.
      if (request.url?.startsWith('/test-path')) {
        const url = new URL(request.url, 'http://backend');
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ args: Object.fromEntries(url.searchParams), data: '', method: request.method, path: url.pathname }));
        return;
      }
      // lambda_echo_status_code.py behind a function URL: the status the path ends with.
      const code = Number(/\/(\d{3})$/.exec(request.url ?? '')?.[1] ?? 400);
      response.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify({ status_code: code, message: '' }));
    });
  });
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-recorded-common-'));
  writeFileSync(join(folder, 'package.json'), '{ "type": "module" }\n');
  mkdirSync(join(folder, 'dist/functions/echo-function'), { recursive: true });
  writeFileSync(join(folder, 'dist/functions/echo-function/index.js'), ECHO);
  const common = await loadApi(join(fixturesRoot, 'serve/recorded-common.yaml'));
  handlers = new LambdaHandlers(common.model, folder);
  servers.common = await startServer(
    new LocalGateway(common.model, {
      document: common.document,
      stage: 'local',
      stageVariables: { backend: `127.0.0.1:${(backend.address() as AddressInfo).port}` },
      usagePlans: new UsagePlans('local', [{ name: 'plan', stages: ['local'], methodThrottles: [], keyValues: ['key-1'] }], []),
      handlers,
    }),
    { port: 0, host: '127.0.0.1', log: () => undefined },
  );
  // Imported documents: fixtures/localstack/MANIFEST.tsv. As the test does off AWS, the stage-variables
  // document's https:// URI becomes http://, for the local backend.
  const circular = await loadApi(join(repoRoot, 'fixtures/localstack/openapi.spec.circular-ref-with-request-body.json'));
  servers.circular = await startServer(new LocalGateway(circular.model, { document: circular.document, stage: 'dev' }), {
    port: 0,
    host: '127.0.0.1',
    log: () => undefined,
  });
  const stageVariablesDocument = join(folder, 'openapi.spec.stage-variables.json');
  writeFileSync(
    stageVariablesDocument,
    readFileSync(join(repoRoot, 'fixtures/localstack/openapi.spec.stage-variables.json'), 'utf8').replace('https://', 'http://'),
  );
  // Imported with import-rest-api there: a REST API, whatever its payloadFormatVersion suggests.
  const imported = await loadApi(stageVariablesDocument, { apiKind: 'rest' });
  for (const [stage, stageVariables] of [
    ['v1', { TestHost: `127.0.0.1:${(backend.address() as AddressInfo).port}`, testPath: 'test-path', querystring: 'qs_key=qs_value' }],
    ['v2', {}],
  ] as const) {
    servers[stage] = await startServer(new LocalGateway(imported.model, { document: imported.document, stage, stageVariables }), {
      port: 0,
      host: '127.0.0.1',
      log: () => undefined,
    });
  }
  const routing = await loadApi(join(fixturesRoot, 'serve/recorded-routing.yaml'));
  servers.routing = await startServer(new LocalGateway(routing.model, { document: routing.document, stage: 'dev' }), {
    port: 0,
    host: '127.0.0.1',
    log: () => undefined,
  });
});

afterAll(async () => {
  for (const server of Object.values(servers)) await server.close();
  await handlers.close();
  await new Promise((resolve) => backend.close(resolve));
});

describe(`serve: ${CASES.length} REST API cases recorded against AWS`, () => {
  it.each(CASES.map((entry) => [entry.source, entry] as const))('%s', async (_, entry) => {
    const stage = entry.api === undefined ? 'local' : entry.api === 'v1' || entry.api === 'v2' ? entry.api : 'dev';
    const answer = await send(servers[entry.api ?? 'common']!, {
      method: entry.method,
      target: `/${stage}${entry.path}`,
      rawHeaders: Object.entries(entry.headers ?? {}).flat(),
      ...(entry.body === undefined ? {} : { body: entry.body }),
    });
    let json: unknown;
    try {
      json = JSON.parse(answer.text);
    } catch {
      json = answer.text;
    }
    const actual: Record<string, unknown> = { status: answer.status };
    const expected: Record<string, unknown> = { status: entry.status };
    if (entry.json !== undefined) [actual.json, expected.json] = [json, entry.json];
    for (const [path, value] of Object.entries(entry.jsonAt ?? {})) {
      actual[`json ${path}`] = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], json);
      expected[`json ${path}`] = value;
    }
    for (const [name, value] of Object.entries(entry.responseHeaders ?? {})) {
      actual[`header ${name}`] = answer.headers[name];
      expected[`header ${name}`] = value;
    }
    expect(actual).toStrictEqual(expected);
  });
});

/** What TestApiGatewayHeaderRemapping sends (after `requests`' own defaults), less what Node's client cannot send as such. */
const REMAPPING_HEADERS = {
  'User-Agent': 'localStack/0.0',
  'Accept-Encoding': 'br',
  Accept: 'application/json',
  Connection: 'close',
  'Accept-Charset': 'UTF-8',
  Age: 'request_Age',
  Authorization: 'Unauthorized',
  'Content-Encoding': 'deflate',
  'Content-MD5': 'request_Content-MD5',
  'Content-Type': 'application/json',
  Date: 'request_Date',
  Expect: '100-continue',
  'Max-Forwards': '2',
  Pragma: 'cache',
  'Proxy-Authenticate': 'Basic',
  Range: 'bytes=500-999',
  Referer: 'https://example.com/',
  Server: 'https://example.com/',
  TE: 'deflate',
  Trailer: 'Expires',
  'Transfer-Encoding': 'chunked',
  Upgrade: 'HTTP/2.0',
  Via: 'p.example.net',
  Warn: '299 localStack/0.0',
  'WWW-Authenticate': 'Basic YWxhZGRpbjpvcGVuc2VzYW1l',
};

describe('serve: HTTP_PROXY headers recorded against AWS', () => {
  // test_apigateway_integrations.py::TestApiGatewayHeaderRemapping::test_apigateway_header_remapping_http[HTTP_PROXY] [no-param-integration]:
  // the backend got these headers (Host its own; the snapshot masks Date's value and the ids), and the client got the
  // backend's Connection, Content-Length, Date and Server as x-amzn-Remapped-* headers, its other headers as they were.
  it('forwards the headers AWS forwards, adds its own, and remaps the backend’s reserved response headers', async () => {
    const answer = await send(servers.common!, {
      method: 'GET',
      target: '/local/no-param',
      rawHeaders: Object.entries(REMAPPING_HEADERS).flat(),
    });
    const got = (JSON.parse(answer.text) as { headers: Record<string, string> }).headers;
    // Node's client and server speak HTTP/1.1 with keep-alive between serve and the backend: Connection is theirs.
    const { connection, host, 'x-amzn-trace-id': traceId, 'x-amzn-apigateway-api-id': apiId, ...forwarded } = got;
    expect({
      status: answer.status,
      forwarded,
      added: { host: typeof host, traceId: typeof traceId, apiId: typeof apiId, connection: typeof connection },
      remapped: ['x-amzn-remapped-content-length', 'x-amzn-remapped-date', 'x-amzn-remapped-server', 'x-amzn-remapped-connection'].map(
        (name) => [name, typeof answer.headers[name]],
      ),
      server: answer.headers.server,
      cors: [answer.headers['access-control-allow-origin'], answer.headers['access-control-allow-credentials']],
    }).toStrictEqual({
      status: 200,
      forwarded: {
        accept: 'application/json',
        'accept-charset': 'UTF-8',
        'accept-encoding': 'br',
        age: 'request_Age',
        authorization: 'Unauthorized',
        'content-length': '0',
        'content-type': 'application/json',
        date: 'request_Date',
        pragma: 'cache',
        range: 'bytes=500-999',
        referer: 'https://example.com/',
        'user-agent': 'localStack/0.0',
        warn: '299 localStack/0.0',
      },
      added: { host: 'string', traceId: 'string', apiId: 'string', connection: 'string' },
      remapped: [
        ['x-amzn-remapped-content-length', 'string'],
        ['x-amzn-remapped-date', 'string'],
        ['x-amzn-remapped-server', 'string'],
        ['x-amzn-remapped-connection', 'string'],
      ],
      server: undefined,
      cors: ['*', 'true'],
    });
  });
});

describe('serve: HTTP integration headers recorded against AWS', () => {
  // test_apigateway_integrations.py::TestApiGatewayHeaderRemapping::test_apigateway_header_remapping_http[HTTP] [no-param-integration]:
  // without mappings the backend gets none of the client's headers, only API Gateway's (Host, the ids and Content-Length its own).
  it('sends an HTTP backend only its own headers without mappings', async () => {
    const answer = await send(servers.common!, {
      method: 'GET',
      target: '/local/no-param-http',
      rawHeaders: Object.entries(REMAPPING_HEADERS).flat(),
    });
    const { data, headers: got } = JSON.parse(answer.text) as { data: string; headers: Record<string, string> };
    const { host, connection, 'x-amzn-trace-id': traceId, 'x-amzn-apigateway-api-id': apiId, ...sent } = got;
    expect({ status: answer.status, data, sent, added: [typeof host, typeof connection, typeof traceId, typeof apiId] }).toStrictEqual({
      status: 200,
      data: '',
      sent: { accept: 'application/json', 'content-length': '0', 'user-agent': 'AmazonAPIGateway_local' },
      added: ['string', 'string', 'string', 'string'],
    });
  });

  // test_apigateway_integrations.py::TestApiGatewayHeaderRemapping::test_apigateway_header_remapping_http[HTTP] [full-integration]:
  // the request template's $input.params() has API Gateway's reserved request headers empty; the backend gets the mapped
  // headers less Connection, Expect, Proxy-Authenticate, TE and Via, with API Gateway's own; the client gets the mapped
  // method response headers, reserved names as x-amzn-Remapped-*, Transfer-Encoding not at all. The snapshot masks Date,
  // Host and Via: the values sent are expected.
  it('maps request and response headers as AWS does', async () => {
    const answer = await send(servers.common!, {
      method: 'GET',
      target: '/local/full',
      rawHeaders: Object.entries(REMAPPING_HEADERS).flat(),
    });
    const { data, headers: got } = JSON.parse(answer.text) as { data: string; headers: Record<string, string> };
    // How the body is framed and whether the connection stays open are the local hop's (Node sends a Trailer header only
    // with a chunked body), not compared.
    const { host, 'x-amzn-trace-id': traceId, 'x-amzn-apigateway-api-id': apiId, ...sent } = got;
    const mapped = Object.fromEntries(
      Object.entries(sent).filter(([name]) => !['connection', 'transfer-encoding', 'content-length'].includes(name)),
    );
    const rendered = JSON.parse(data) as Record<string, string>;
    const responseHeaders = Object.fromEntries(
      Object.entries(answer.headers).filter(
        ([name]) => name.startsWith('x-amzn-remapped-') || /^response_param_/.test(String(answer.headers[name])),
      ),
    );
    expect({
      rendered,
      mapped,
      added: [typeof host, typeof traceId, typeof apiId],
      responseHeaders,
    }).toStrictEqual({
      rendered: {
        Accept: 'application/json',
        'Accept-Charset': 'UTF-8',
        'Accept-Encoding': 'br',
        Age: 'request_Age',
        Authorization: 'Unauthorized',
        Connection: '',
        'Content-Encoding': 'deflate',
        'Content-Length': '',
        'Content-MD5': '',
        'Content-Type': 'application/json',
        Date: 'request_Date',
        Expect: '',
        Host: `127.0.0.1:${new URL(servers.common!.url).port}`,
        'Max-Forwards': '',
        Pragma: 'cache',
        'Proxy-Authenticate': '',
        Range: 'bytes=500-999',
        Referer: 'https://example.com/',
        Server: '',
        TE: '',
        'Transfer-Encoding': '',
        Trailer: '',
        Upgrade: '',
        'User-Agent': 'localStack/0.0',
        Via: 'p.example.net',
        Warn: '299 localStack/0.0',
        'WWW-Authenticate': '',
      },
      mapped: {
        accept: 'text/html',
        'accept-charset': 'UTF-16',
        'accept-encoding': 'zstd',
        age: 'request_params_age',
        authorization: 'request_params_authorization',
        'content-encoding': 'compress',
        'content-md5': 'request_params_Content-MD5',
        'content-type': 'application/json',
        date: 'request_params_Date',
        'max-forwards': '2',
        pragma: 'no-cache',
        range: 'bytes=0-499',
        referer: 'https://example.com/page',
        server: 'https://example.com/page',
        trailer: 'user-agent',
        upgrade: 'HTTP/2.0',
        'user-agent': 'Override-Agent',
        warn: '110 anderson/1.3.37 "Response is stale"',
        'www-authenticate': 'Basic YWxhZGRpbjpvcGVuc2VzYW1l',
      },
      added: ['string', 'string', 'string'],
      responseHeaders: {
        accept: 'response_param_Accept',
        'accept-charset': 'response_param_Accept-Charset',
        'accept-encoding': 'response_param_Accept-Encoding',
        age: 'response_param_Age',
        'content-encoding': 'response_param_Content-Encoding',
        'content-type': 'response_param_Content-Type',
        pragma: 'response_param_Pragma',
        range: 'response_param_Range',
        referer: 'response_param_Referer',
        te: 'response_param_TE',
        via: 'response_param_Via',
        warn: 'response_param_Warn',
        'x-amzn-remapped-authorization': 'response_param_Authorization',
        'x-amzn-remapped-connection': 'response_param_Connection',
        'x-amzn-remapped-content-length': 'response_param_Content-Length',
        'x-amzn-remapped-content-md5': 'response_param_Content-MD5',
        'x-amzn-remapped-date': 'response_param_Date',
        'x-amzn-remapped-expect': 'response_param_Expect',
        'x-amzn-remapped-host': 'response_param_Host',
        'x-amzn-remapped-max-forwards': 'response_param_Max-Forwards',
        'x-amzn-remapped-proxy-authenticate': 'response_param_Proxy-Authenticate',
        'x-amzn-remapped-server': 'response_param_Server',
        'x-amzn-remapped-trailer': 'response_param_Trailer',
        'x-amzn-remapped-upgrade': 'response_param_Upgrade',
        'x-amzn-remapped-user-agent': 'response_param_User-Agent',
        'x-amzn-remapped-www-authenticate': 'response_param_WWW-Authenticate',
      },
    });
  });
});

describe('serve: X-Amzn-Trace-Id by integration, recorded against AWS', () => {
  const fullTrace = 'Root=1-3152b799-8954dae64eda91bc9a23a7e8;Parent=7fa8c0f79203be72;Sampled=1';
  it.each([
    // test_apigateway_common.py::TestApiGatewayCommon::test_invocation_trace_id [normal-req-headers-MOCK], [trace-id-req-headers-MOCK]
    ['MOCK, without a trace', 'GET', '/existing', [], false],
    ['MOCK, with the client’s trace', 'GET', '/existing', ['x-amzn-trace-id', fullTrace], false],
    // test_apigateway_integrations.py::TestApiGatewayHeaderRemapping: [HTTP] no-param has it, [HTTP_PROXY] no-param does not
    ['HTTP', 'POST', '/status/200', [], true],
    ['HTTP_PROXY', 'POST', '/status-proxy/200', [], false],
  ] as const)('%s', async (_, method, path, rawHeaders, traced) => {
    const answer = await send(servers.common!, { method, target: `/local${path}`, rawHeaders: [...rawHeaders] });
    expect({ status: answer.status, traced: answer.headers['x-amzn-trace-id'] !== undefined }).toStrictEqual({ status: 200, traced });
  });
});
