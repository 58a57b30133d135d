import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApi } from '../../src/index.js';
import { LocalGateway } from '../../src/serve/gateway.js';
import { LambdaHandlers } from '../../src/serve/lambda-proxy.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { fixturesRoot } from '../support/paths.js';

/**
 * Lambda proxy integrations of a REST API against what real API Gateway did: each case is a
 * request of an AWS-validated LocalStack test (`@markers.aws.validated`) and what its snapshot
 * recorded against AWS, sent over HTTP on 127.0.0.1 to `serve` with the routes that test set up
 * (fixtures/specs/serve/recorded-lambda.yaml) and its functions as handler modules.
 * - Events: the echo function answers the event it got; every field the snapshot recorded with a
 *   value is compared, except what depends on the deployment (ids, times, the host, the caller's
 *   address), the headers CloudFront adds in front of AWS (`CloudFront-*`, `Via`, `X-Amz-Cf-Id`)
 *   and the values of the headers API Gateway adds (`X-Amzn-Trace-Id`, `X-Forwarded-*`: present).
 * - Results: the function answers the JSON body it got; status, body and the headers the
 *   snapshot recorded are compared.
 *
 * Source: https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/apigateway/test_apigateway_lambda.py
 * and test_apigateway_lambda.snapshot.json beside it.
 */

const STAGE = 'stage';
const EVENT_TEST = 'test_lambda_aws_proxy_integration';
const RESULT_TEST = 'test_aws_proxy_response_payload_format_validation';

/** What Python's `requests` sends by default, then the test's headers (`authorization` lower case on purpose there). */
const REQUESTS_HEADERS = [
  'User-Agent',
  'python-requests/testing',
  'Accept-Encoding',
  'gzip, deflate',
  'Accept',
  '*/*',
  'Connection',
  'keep-alive',
];
const TEST_HEADERS = [...REQUESTS_HEADERS, 'tEsT-HEADeR', 'aValUE', 'authorization', 'random-value'];
/** What test_apigateway_integrations.py's TestApiGatewayHeaderRemapping sends (after `requests`' own defaults). */
const REMAPPING_HEADERS = Object.entries({
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
}).flat();
/** The headers the snapshot recorded for TEST_HEADERS, less CloudFront's and API Gateway's own. */
const RECORDED_HEADERS = {
  Accept: '*/*',
  'Accept-Encoding': 'gzip, deflate',
  Authorization: 'random-value',
  'User-Agent': 'python-requests/testing',
  'tEsT-HEADeR': 'aValUE',
};
/** requestContext.identity as recorded, less `sourceIp`. */
const RECORDED_IDENTITY = (userAgent: string) => ({
  accessKey: null,
  accountId: null,
  caller: null,
  cognitoAuthenticationProvider: null,
  cognitoAuthenticationType: null,
  cognitoIdentityId: null,
  cognitoIdentityPoolId: null,
  principalOrgId: null,
  user: null,
  userAgent,
  userArn: null,
});
/** The keys of requestContext in every event recorded. */
const RECORDED_CONTEXT_KEYS = [
  'accountId',
  'apiId',
  'deploymentId',
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
];

interface RecordedEvent {
  /** Snapshot key of the test. */
  key: string;
  method?: string;
  /** As sent, after the host: `/<stage>/...?query`. */
  target: string;
  rawHeaders?: string[];
  body?: string;
  /** The event's fields as recorded (`headers` less CloudFront's and API Gateway's own). */
  event: Record<string, unknown>;
  /** requestContext fields as recorded. */
  context: Record<string, unknown>;
}

const proxyEvent = (path: string, proxy: string, query: Record<string, string[]> | null = null) => ({
  resource: '/{proxy+}',
  path,
  httpMethod: 'GET',
  headers: RECORDED_HEADERS,
  pathParameters: { proxy },
  queryStringParameters: query && Object.fromEntries(Object.entries(query).map(([name, values]) => [name, values.at(-1)])),
  multiValueQueryStringParameters: query,
  stageVariables: null,
  body: null,
  isBase64Encoded: false,
});

const EVENTS: RecordedEvent[] = [
  {
    key: `${EVENT_TEST} [invocation-payload-without-trailing-slash]`,
    target: `/${STAGE}/proxy-value`,
    event: proxyEvent('/proxy-value', 'proxy-value'),
    context: { path: '/stage/proxy-value', resourcePath: '/{proxy+}' },
  },
  {
    key: `${EVENT_TEST} [invocation-payload-with-trailing-slash]`,
    target: `/${STAGE}/proxy-value/`,
    event: proxyEvent('/proxy-value/', 'proxy-value'),
    context: { path: '/stage/proxy-value/', resourcePath: '/{proxy+}' },
  },
  {
    key: `${EVENT_TEST} [invocation-payload-with-double-slash]`,
    target: `/${STAGE}/proxy-value//double-slash`,
    event: proxyEvent('/proxy-value//double-slash', 'proxy-value//double-slash'),
    context: { path: '/stage/proxy-value//double-slash', resourcePath: '/{proxy+}' },
  },
  {
    key: `${EVENT_TEST} [invocation-payload-with-prepended-slash-to-stage]`,
    target: `//${STAGE}/proxy-value`,
    event: proxyEvent('/proxy-value', 'proxy-value'),
    context: { path: '/stage/proxy-value', resourcePath: '/{proxy+}' },
  },
  {
    key: `${EVENT_TEST} [invocation-payload-with-prepended-slash]`,
    target: `/${STAGE}//proxy-value`,
    event: proxyEvent('/proxy-value', 'proxy-value'),
    context: { path: '/stage//proxy-value', resourcePath: '/{proxy+}' },
  },
  {
    key: `${EVENT_TEST} [invocation-payload-without-trailing-slash-and-query-params]`,
    target: `/${STAGE}/proxy-value?urlparam=test`,
    event: proxyEvent('/proxy-value', 'proxy-value', { urlparam: ['test'] }),
    context: { path: '/stage/proxy-value', resourcePath: '/{proxy+}' },
  },
  {
    key: `${EVENT_TEST} [invocation-payload-with-trailing-slash-and-query-params]`,
    target: `/${STAGE}/proxy-value/?urlparam=test`,
    event: proxyEvent('/proxy-value/', 'proxy-value', { urlparam: ['test'] }),
    context: { path: '/stage/proxy-value/', resourcePath: '/{proxy+}' },
  },
  {
    key: `${EVENT_TEST} [invocation-payload-with-path-encoded-email]`,
    target: `/${STAGE}/proxy-value/api/user/test%2Balias@gmail.com/plus/test+alias@gmail.com`,
    event: proxyEvent(
      '/proxy-value/api/user/test%2Balias@gmail.com/plus/test+alias@gmail.com',
      'proxy-value/api/user/test%2Balias@gmail.com/plus/test+alias@gmail.com',
    ),
    context: { path: '/stage/proxy-value/api/user/test%2Balias@gmail.com/plus/test+alias@gmail.com', resourcePath: '/{proxy+}' },
  },
  {
    // The query as `requests` sends the test's URL: the space quoted, the fragment (`#`) left out.
    key: `${EVENT_TEST} [invocation-payload-with-params-encoding]`,
    target: `/${STAGE}/proxy-value/api?dateTimeOffset=2023-06-12T18:05:10.123456+00:00&email=test%2Balias@gmail.com&plus=test+alias@gmail.com&url=https://www.google.com/&whitespace=foo%20bar&zhash=abort/`,
    event: proxyEvent('/proxy-value/api', 'proxy-value/api', {
      dateTimeOffset: ['2023-06-12T18:05:10.123456 00:00'],
      email: ['test+alias@gmail.com'],
      plus: ['test alias@gmail.com'],
      url: ['https://www.google.com/'],
      whitespace: ['foo bar'],
      zhash: ['abort/'],
    }),
    context: { path: '/stage/proxy-value/api', resourcePath: '/{proxy+}' },
  },
  {
    key: `${EVENT_TEST} [invocation-payload-with-params-encoding-multi]`,
    method: 'POST',
    target: `/${STAGE}/proxy-value?category=electronics&category=books&price=10&price=20&price=30`,
    rawHeaders: [...REQUESTS_HEADERS, 'Content-Type', 'application/json;charset=utf-8', 'aUThorization', 'Bearer token123;API key456'],
    body: '{"message": "hello world"}',
    event: {
      ...proxyEvent('/proxy-value', 'proxy-value', { category: ['electronics', 'books'], price: ['10', '20', '30'] }),
      httpMethod: 'POST',
      headers: {
        Accept: '*/*',
        'Accept-Encoding': 'gzip, deflate',
        Authorization: 'Bearer token123;API key456',
        'Content-Type': 'application/json;charset=utf-8',
        'User-Agent': 'python-requests/testing',
      },
      body: '{"message": "hello world"}',
    },
    context: { path: '/stage/proxy-value', resourcePath: '/{proxy+}', httpMethod: 'POST' },
  },
  {
    key: `${EVENT_TEST} [invocation-hardcoded]`,
    target: `/${STAGE}//hardcoded`,
    event: { ...proxyEvent('/hardcoded', ''), resource: '/hardcoded', pathParameters: null },
    context: { path: '/stage//hardcoded', resourcePath: '/hardcoded' },
  },
  {
    // There at the root ({pathVariable}); the integration's requestParameters do not apply to a proxy integration.
    key: 'test_lambda_aws_proxy_integration_request_data_mapping [http-proxy-invocation-data-mapping]',
    method: 'POST',
    target: `/${STAGE}/data-mapping/foobar?testQueryString=foo&testVar=bar`,
    rawHeaders: [
      'user-Agent',
      'test/integration',
      'Accept-Encoding',
      'gzip, deflate',
      'Accept',
      'application/json',
      'Connection',
      'keep-alive',
      'Content-Type',
      'application/json',
      'foobar',
      'mapped-value',
      'headerVar',
      'request-value',
    ],
    body: '{"message": "hello world"}',
    event: {
      resource: '/data-mapping/{pathVariable}',
      path: '/data-mapping/foobar',
      httpMethod: 'POST',
      headers: {
        Accept: 'application/json',
        'Accept-Encoding': 'gzip, deflate',
        'Content-Type': 'application/json',
        'User-Agent': 'test/integration',
        foobar: 'mapped-value',
        headerVar: 'request-value',
      },
      pathParameters: { pathVariable: 'foobar' },
      queryStringParameters: { testQueryString: 'foo', testVar: 'bar' },
      multiValueQueryStringParameters: { testQueryString: ['foo'], testVar: ['bar'] },
      stageVariables: null,
      body: '{"message": "hello world"}',
      isBase64Encoded: false,
    },
    context: { path: '/stage/data-mapping/foobar', resourcePath: '/data-mapping/{pathVariable}', httpMethod: 'POST' },
  },
  {
    // The snapshot masks the values of Date and Via: the ones sent are expected.
    key: 'test_apigateway_integrations.py::TestApiGatewayHeaderRemapping::test_apigateway_header_remapping_aws[AWS_PROXY] [no-param-integration]',
    target: `/${STAGE}/no-param`,
    rawHeaders: REMAPPING_HEADERS,
    event: {
      resource: '/no-param',
      path: '/no-param',
      httpMethod: 'GET',
      headers: {
        Accept: 'application/json',
        'Accept-Charset': 'UTF-8',
        'Accept-Encoding': 'br',
        Age: 'request_Age',
        Authorization: 'Unauthorized',
        'Content-Encoding': 'deflate',
        'Content-Type': 'application/json',
        Date: 'request_Date',
        Pragma: 'cache',
        Range: 'bytes=500-999',
        Referer: 'https://example.com/',
        'User-Agent': 'localStack/0.0',
        Via: 'p.example.net',
        Warn: '299 localStack/0.0',
      },
      pathParameters: null,
      queryStringParameters: null,
      body: null,
    },
    context: { path: '/stage/no-param', resourcePath: '/no-param' },
  },
];

interface RecordedResult {
  key: string;
  /** What the function answers (the test posts it as JSON; undefined: no body). */
  answer?: unknown;
  status: number;
  /** The body as recorded: parsed JSON, else text. */
  content: unknown;
  /** Headers the snapshot recorded, by lower-case name (Content-Length and Connection aside). */
  headers?: Record<string, string>;
}

const INTERNAL_ERROR = { message: 'Internal server error' };

const RESULTS: RecordedResult[] = [
  { key: 'invoke-api-no-body', answer: { statusCode: 200 }, status: 200, content: '' },
  {
    key: 'invoke-api-with-headers',
    answer: { statusCode: 200, headers: { 'test-header': 'value', 'header-bool': true } },
    status: 200,
    content: '',
    headers: { 'content-type': 'application/json', 'header-bool': 'true', 'test-header': 'value' },
  },
  {
    key: 'invoke-api-with-headers-null',
    answer: { statusCode: 200, headers: null },
    status: 200,
    content: '',
    headers: { 'content-type': 'application/json' },
  },
  { key: 'invoke-api-wrong-format', answer: { statusCode: 200, wrongValue: 'value' }, status: 502, content: INTERNAL_ERROR },
  // The test sends no body for `{}`: the function fails on it (Python's json.loads(None)).
  { key: 'invoke-api-empty-response', status: 502, content: INTERNAL_ERROR },
  {
    key: 'invoke-api-b64-encoded-true',
    answer: { statusCode: 200, body: 'dGVzdC1kYXRh', isBase64Encoded: true },
    status: 200,
    content: 'dGVzdC1kYXRh',
  },
  { key: 'invoke-api-b64-encoded-false', answer: { statusCode: 200, body: 'dGVzdC1kYXRh' }, status: 200, content: 'dGVzdC1kYXRh' },
  {
    key: 'invoke-api-multi-headers-valid',
    answer: { statusCode: 200, multiValueHeaders: { 'test-multi': ['value1', 'value2'] } },
    status: 200,
    content: '',
    headers: { 'content-type': 'application/json', 'test-multi': 'value1, value2' },
  },
  {
    key: 'invoke-api-multi-headers-overwrite',
    answer: { statusCode: 200, multiValueHeaders: { 'test-multi': ['value-multi'] }, headers: { 'test-multi': 'value-solo' } },
    status: 200,
    content: '',
    headers: { 'content-type': 'application/json', 'test-multi': 'value-multi, value-solo' },
  },
  {
    key: 'invoke-api-multi-headers-overwrite-casing',
    answer: { statusCode: 200, multiValueHeaders: { 'tesT-Multi': ['value-multi'] }, headers: { 'test-multi': 'value-solo' } },
    status: 200,
    content: '',
    headers: { 'content-type': 'application/json', 'test-multi': 'value-multi, value-solo' },
  },
  {
    key: 'invoke-api-multi-headers-invalid',
    answer: { statusCode: 200, multiValueHeaders: { 'test-multi-invalid': 'value1' } },
    status: 502,
    content: INTERNAL_ERROR,
  },
  { key: 'invoke-api-invalid-status-code', answer: { statusCode: 'test' }, status: 502, content: INTERNAL_ERROR },
  { key: 'invoke-api-status-code-str', answer: { statusCode: '201' }, status: 201, content: '' },
  { key: 'invoke-api-just-string', answer: 'justAString', status: 502, content: INTERNAL_ERROR },
  { key: 'invoke-api-only-headers', answer: { headers: { 'test-header': 'value' } }, status: 200, content: '' },
];

/** The tests' functions: TEST_LAMBDA_AWS_PROXY (answers its event) and LAMBDA_RESPONSE_FROM_BODY (answers the JSON body it got). */
const FUNCTIONS = {
  'echo-function': `export const handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event), isBase64Encoded: false });\n`,
  'response-from-body-function': `export const handler = async (event) => {
  if (event.body === null) throw new TypeError('the JSON object must be str, bytes or bytearray, not NoneType');
  return JSON.parse(event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body);
};\n`,
};

function handlersFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-recorded-'));
  writeFileSync(join(folder, 'package.json'), '{ "type": "module" }\n');
  for (const [name, source] of Object.entries(FUNCTIONS)) {
    mkdirSync(join(folder, 'dist/functions', name), { recursive: true });
    writeFileSync(join(folder, 'dist/functions', name, 'index.js'), source);
  }
  return folder;
}

/** A request as the test's client sent it: raw header names and order, the target as written (`//stage/...` too). */
function send(options: { method: string; target: string; rawHeaders: string[]; body?: string; to?: RunningServer }) {
  const { port } = new URL((options.to ?? server).url);
  const body = options.body === undefined ? [] : ['Content-Length', String(Buffer.byteLength(options.body))];
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string; bytes: Buffer }>(
    (resolve, reject) => {
      const outgoing = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: options.method,
          path: options.target,
          headers: ['Host', `127.0.0.1:${port}`, ...options.rawHeaders, ...body],
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () =>
            resolve({
              status: incoming.statusCode ?? 0,
              headers: incoming.headers,
              text: Buffer.concat(chunks).toString('utf8'),
              bytes: Buffer.concat(chunks),
            }),
          );
        },
      );
      outgoing.setTimeout(30_000, () => outgoing.destroy(new Error(`${options.target}: no answer in 30 s`)));
      outgoing.on('error', reject);
      outgoing.end(options.body);
    },
  );
}

const GATEWAY_HEADERS = ['X-Amzn-Trace-Id', 'X-Forwarded-For', 'X-Forwarded-Port', 'X-Forwarded-Proto'];

let server: RunningServer;
let handlers: LambdaHandlers;
/** test_aws_proxy_binary_response's deployments: the API's binaryMediaTypes at each. */
const BINARY_STAGES = { test: [], test2: ['image/png', '*/test'], test3: ['image/png', 'image/jpg', 'application/*'] };
const binaryServers: Partial<Record<keyof typeof BINARY_STAGES, RunningServer>> = {};

beforeAll(async () => {
  const { model, document } = await loadApi(join(fixturesRoot, 'serve/recorded-lambda.yaml'));
  handlers = new LambdaHandlers(model, handlersFolder());
  server = await startServer(new LocalGateway(model, { document, stage: STAGE, handlers, warn: () => undefined }), {
    port: 0,
    host: '127.0.0.1',
    log: () => undefined,
  });
  for (const [stage, binaryMediaTypes] of Object.entries(BINARY_STAGES)) {
    binaryServers[stage as keyof typeof BINARY_STAGES] = await startServer(
      new LocalGateway({ ...model, binaryMediaTypes }, { document, stage, handlers, warn: () => undefined }),
      { port: 0, host: '127.0.0.1', log: () => undefined },
    );
  }
});

afterAll(async () => {
  for (const binaryServer of Object.values(binaryServers)) await binaryServer.close();
  await server.close();
  await handlers.close();
});

describe(`serve: ${EVENTS.length} REST proxy events recorded against AWS`, () => {
  it.each(EVENTS.map((entry) => [entry.key, entry] as const))('%s', async (_, entry) => {
    const answer = await send({
      method: entry.method ?? 'GET',
      target: entry.target,
      rawHeaders: entry.rawHeaders ?? TEST_HEADERS,
      body: entry.body,
    });
    expect(answer.status, `${answer.text}`).toBe(200);
    const event = JSON.parse(answer.text) as Record<string, unknown> & {
      headers: Record<string, string>;
      multiValueHeaders: Record<string, string[]>;
      requestContext: Record<string, unknown> & { identity: Record<string, unknown> };
    };
    const headers = Object.fromEntries(
      Object.entries(event.headers).filter(([name]) => name !== 'Host' && !GATEWAY_HEADERS.includes(name)),
    );
    const { sourceIp, ...identity } = event.requestContext.identity;
    const actual = {
      event: { ...Object.fromEntries(Object.keys(entry.event).map((key) => [key, event[key]])), headers },
      // The multi-value headers hold the same values as lists.
      multiValueHeaders: Object.fromEntries(Object.keys(headers).map((name) => [name, event.multiValueHeaders[name]])),
      gatewayHeaders: GATEWAY_HEADERS.filter((name) => typeof event.headers[name] === 'string'),
      eventKeys: Object.keys(event).sort(),
      contextKeys: Object.keys(event.requestContext).sort(),
      context: Object.fromEntries(Object.keys(entry.context).map((key) => [key, event.requestContext[key]])),
      protocol: event.requestContext.protocol,
      stage: event.requestContext.stage,
      identity,
      sourceIp: typeof sourceIp,
    };
    const recordedHeaders = entry.event.headers as Record<string, string>;
    expect(actual).toStrictEqual({
      event: entry.event,
      multiValueHeaders: Object.fromEntries(Object.entries(recordedHeaders).map(([name, value]) => [name, [value]])),
      gatewayHeaders: GATEWAY_HEADERS,
      eventKeys: [
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
      ],
      contextKeys: RECORDED_CONTEXT_KEYS,
      context: entry.context,
      protocol: 'HTTP/1.1',
      stage: STAGE,
      identity: RECORDED_IDENTITY(recordedHeaders['User-Agent']!),
      sourceIp: 'string',
    });
  });
});

describe(`serve: ${RESULTS.length} REST proxy results recorded against AWS (${RESULT_TEST}, there on /{proxy+})`, () => {
  it.each(RESULTS.map((entry) => [entry.key, entry] as const))('%s', async (_, entry) => {
    const body = entry.answer === undefined ? undefined : JSON.stringify(entry.answer);
    const answer = await send({
      method: 'POST',
      target: `/${STAGE}/response-format/test`,
      rawHeaders: ['User-Agent', 'python/test', ...(body === undefined ? [] : ['Content-Type', 'application/json'])],
      body,
    });
    let content: unknown = answer.text;
    try {
      content = JSON.parse(answer.text);
    } catch {
      // the recorded content is text then too
    }
    const headers = Object.fromEntries(Object.keys(entry.headers ?? {}).map((name) => [name, answer.headers[name]]));
    expect({ status: answer.status, content, headers }).toStrictEqual({
      status: entry.status,
      content: entry.content,
      headers: entry.headers ?? {},
    });
  });
});

/** test_aws_proxy_binary_response: a 1x1 PNG the function answers as base64. */
const IMAGE_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8/wIAAgkBAyMAlYwAAAAASUVORK5CYII=';

interface BinaryCase {
  stage: keyof typeof BINARY_STAGES;
  accept?: string;
  /** The function's Content-Type (`null`: none). */
  contentType?: string | null;
  isBase64Encoded?: boolean;
  body?: string;
  /** `binary`: the decoded bytes; `text`: the base64 text itself; or an error status. */
  expect: 'binary' | 'text' | 500;
}

const BINARY_CASES: BinaryCase[] = [
  { stage: 'test', accept: 'image/png', expect: 'text' },
  { stage: 'test2', accept: 'image/png', expect: 'binary' },
  { stage: 'test2', accept: 'image/jpg', expect: 'text' },
  { stage: 'test2', accept: 'image/*', expect: 'text' },
  { stage: 'test2', accept: '*/test', expect: 'text' },
  { stage: 'test2', accept: 'random/test', expect: 'text' },
  { stage: 'test2', accept: '*/*', expect: 'text' },
  { stage: 'test2', accept: 'image/webp,image/png,*/*;q=0.8', expect: 'text' },
  { stage: 'test2', accept: 'image/png,image/*,*/*;q=0.8', expect: 'binary' },
  { stage: 'test2', accept: 'image/png', isBase64Encoded: false, expect: 'text' },
  { stage: 'test3', accept: 'image/png', expect: 'binary' },
  { stage: 'test3', accept: 'application/whatever', contentType: 'application/test', expect: 'binary' },
  { stage: 'test3', accept: 'application/test', contentType: 'application/test', expect: 'binary' },
  { stage: 'test3', accept: 'application/*', contentType: 'application/test', expect: 'binary' },
  { stage: 'test3', accept: 'image/jpg', contentType: 'image/png', expect: 'binary' },
  { stage: 'test3', accept: 'image/png', contentType: 'application/whatever', expect: 'binary' },
  { stage: 'test3', accept: 'image/png', contentType: null, expect: 'binary' },
  { stage: 'test3', accept: 'application', contentType: null, expect: 'text' },
  { stage: 'test3', contentType: null, expect: 'text' },
  { stage: 'test3', accept: 'image/png', contentType: null, body: 'èé+à)(', expect: 500 },
];

describe(`serve: ${BINARY_CASES.length} binary proxy results recorded against AWS (test_aws_proxy_binary_response, asserted there)`, () => {
  it.each(
    BINARY_CASES.map(
      (entry) =>
        [
          `${entry.stage} Accept ${entry.accept ?? '(none)'} Content-Type ${entry.contentType === null ? '(none)' : (entry.contentType ?? 'image/png')}${entry.isBase64Encoded === false ? ' not base64-encoded' : ''}${entry.body ? ' bad base64' : ''}`,
          entry,
        ] as const,
    ),
  )('%s', async (_, entry) => {
    const contentType = entry.contentType === undefined ? 'image/png' : entry.contentType;
    const answer = {
      statusCode: 200,
      body: entry.body ?? IMAGE_BASE64,
      isBase64Encoded: entry.isBase64Encoded ?? true,
      headers: { ...(contentType === null ? {} : { 'Content-Type': contentType }), 'Cache-Control': 'no-cache' },
    };
    const response = await send({
      method: 'POST',
      target: `/${entry.stage}/response-format/test`,
      rawHeaders: ['User-Agent', 'python/test', ...(entry.accept === undefined ? [] : ['Accept', entry.accept])],
      body: JSON.stringify(answer),
      to: binaryServers[entry.stage]!,
    });
    const got =
      response.status !== 200
        ? response.status
        : response.bytes.equals(Buffer.from(IMAGE_BASE64, 'base64'))
          ? 'binary'
          : response.text === IMAGE_BASE64
            ? 'text'
            : `neither: ${response.text}`;
    expect(got).toBe(entry.expect);
  });
});

describe('serve: X-Amzn-Trace-Id of Lambda proxy answers recorded against AWS (test_apigateway_common.py::TestApiGatewayCommon::test_invocation_trace_id)', () => {
  const fullTrace = 'Root=1-3152b799-8954dae64eda91bc9a23a7e8;Parent=7fa8c0f79203be72;Sampled=1';
  const trace = async (incoming?: string) => {
    const answer = await send({
      method: 'GET',
      target: `/${STAGE}/proxy-value`,
      rawHeaders: [...REQUESTS_HEADERS, ...(incoming === undefined ? [] : ['x-amzn-trace-id', incoming])],
    });
    return String(answer.headers['x-amzn-trace-id']);
  };

  it('answers with a trace of its own [normal-req-headers-AWS_PROXY]', async () => {
    expect(await trace()).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=[01]$/);
  });

  it("keeps the client's whole trace (asserted there: the trace is in the answer's, its Parent second)", async () => {
    const answered = await trace(fullTrace);
    expect({ contains: answered.includes(fullTrace), parent: answered.split(';')[1] }).toStrictEqual({
      contains: true,
      parent: 'Parent=7fa8c0f79203be72',
    });
  });

  it("keeps the client's Root and adds a Parent of its own (asserted there)", async () => {
    const answered = await trace('Root=1-3152b799-8954dae64eda91bc9a23a7e8');
    expect({
      root: answered.startsWith('Root=1-3152b799-8954dae64eda91bc9a23a7e8;'),
      parent: /^Parent=[0-9a-f]{16}$/.test(answered.split(';')[1] ?? ''),
    }).toStrictEqual({
      root: true,
      parent: true,
    });
  });
});
