import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApi } from '../../src/index.js';
import { LocalGateway } from '../../src/serve/gateway.js';
import { LambdaHandlers } from '../../src/serve/lambda-proxy.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { compile, replaceFiles, writeHandlers } from '../support/handlers-package.js';
import { fixturesRoot } from '../support/paths.js';

/**
 * Mapping templates and non-proxy integrations against what real API Gateway answered: each case
 * is a request of an AWS-validated LocalStack test (`@markers.aws.validated`) and the answer its
 * snapshot recorded against AWS, sent over HTTP on 127.0.0.1 to `serve` with the routes that
 * test set up (fixtures/specs/serve/vtl-recorded.json). Backends are local stand-ins for the
 * ones those tests call: httpbin's `/post` (answers `{"json": <body>}`), an echo Lambda function
 * URL (answers the body it got) and a server answering the status its path names; Lambda
 * functions are the `handlers` output, implemented as the tests' Python functions are. Where a test
 * asserts rather than snapshots, the case checks what it asserts.
 *
 * Source: https://github.com/localstack/localstack/tree/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/apigateway
 */

const COMMON = 'test_apigateway_common.py::TestApiGatewayCommon';
const INTEGRATIONS = 'test_apigateway_integrations.py';
const BASIC = 'test_apigateway_basic.py';
const CANARY = 'test_apigateway_canary.py::TestCanaryDeployments::test_invoking_canary_deployment';
const LAMBDA = 'test_apigateway_lambda.py';

interface RecordedCase {
  /** Test file::test name [snapshot key] in localstack/localstack tests/aws/services/apigateway/. */
  source: string;
  method: string;
  path: string;
  /** A JSON body as Python's `requests` sends `json=` (`json.dumps`: `", "` and `": "` separators). */
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
  /** Values in the response's JSON, by dotted path. */
  responseJsonAt?: Record<string, unknown>;
  /** Which served stage: `canary` sends every request to the stage's canary. */
  stage?: 'canary';
  status?: number;
  text?: string;
  responseJson?: unknown;
  responseHeaders?: Record<string, string>;
}

const pythonJson = (value: unknown) => JSON.stringify(value).replace(/","/g, '", "').replace(/":/g, '": ');

const inputPath = (key: string, route: string, json: unknown, text: string): RecordedCase => ({
  source: `${COMMON}::test_input_path_template_formatting [${key}]`,
  method: 'POST',
  path: `/input-path/${route}`,
  ...(json === undefined ? {} : { json }),
  text,
});

const inputBody = (route: string, [empty, json, raw]: [string, string, string]): RecordedCase[] =>
  (
    [
      ['empty-body', { body: '', headers: { 'content-type': 'application/json' } }, empty],
      ['json-body', { json: { some: 'value' } }, json],
      ['str-body', { body: 'some raw data', headers: { 'content-type': 'application/json' } }, raw],
    ] as const
  ).map(([key, request, text]) => ({
    source: `${COMMON}::test_input_body_formatting [response-${route}.${key}]`,
    method: 'POST',
    path: `/input-body/${route}`,
    ...request,
    text,
  }));

const pathData = (message: string) => Buffer.from(pythonJson({ message })).toString('base64');

const CASES: RecordedCase[] = [
  inputPath('dict-response', 'path', { foo: 'bar' }, '{foo=bar}'),
  inputPath('json-list', 'path', [{ foo: 'bar' }], '[{"foo":"bar"}]'),
  inputPath('nested-dict', 'nested', { nested: { foo: 'bar' } }, '{foo=bar}'),
  inputPath('nested-list', 'nested', { nested: [{ foo: 'bar' }] }, '[{"foo":"bar"}]'),
  inputPath('dict-in-list', 'list', [{ foo: 'bar' }], '{foo=bar}'),
  inputPath('list-with-nested-list', 'list', [[{ foo: 'bar' }]], '[{"foo":"bar"}]'),
  inputPath('dict-with-nested-list', 'path', { foo: [{ nested: 'bar' }] }, '{foo=[{"nested":"bar"}]}'),
  inputPath('bigger-dict', 'path', { bigger: 'dict', to: 'test', with: 'separators' }, '{bigger=dict, to=test, with=separators}'),
  inputPath('to-string', 'to-string', { foo: 'bar' }, '{foo=bar}'),
  inputPath('list-to-string', 'to-string', { list: [{ foo: 'bar' }] }, '{list=[{"foo":"bar"}]}'),
  inputPath('empty-body', 'invalid-path', undefined, '{"body": , "nested": , "isNull": "true", "isEmptyString": "true"}'),
  inputPath('nested-empty-list', 'nested-list', { listValue: [] }, '{"body": [], "nested": , "isNull": "false", "isEmptyString": "false"}'),
  inputPath('nested-null-list', 'nested-list', { listValue: null }, '{"body": , "nested": , "isNull": "true", "isEmptyString": "true"}'),
  ...inputBody('raw-body', ['{}', '{"some": "value"}', 'some raw data']),
  ...inputBody('str-body-input', [
    'Action=SendMessage&MessageBody={}',
    'Action=SendMessage&MessageBody={"some": "value"}',
    'Action=SendMessage&MessageBody=some raw data',
  ]),
  ...inputBody('str-body-output', [
    'Action=SendMessage&MessageBody={}',
    'Action=SendMessage&MessageBody={"some": "value"}',
    'Action=SendMessage&MessageBody=some raw data',
  ]),
  ...inputBody('str-body-all', [
    'Action=SendMessage&MessageBody=Action=SendMessage&MessageBody={}',
    'Action=SendMessage&MessageBody=Action=SendMessage&MessageBody={"some": "value"}',
    'Action=SendMessage&MessageBody=Action=SendMessage&MessageBody=some raw data',
  ]),
  ...inputBody('body-attr-access', ['{}', '{}', '{}']),
  ...inputBody('url-encode', [
    'EncodedBody=%7B%7D&EncodedBodyAccess=',
    'EncodedBody=%7B%22some%22%3A+%22value%22%7D&EncodedBodyAccess=',
    'EncodedBody=some+raw+data&EncodedBodyAccess=',
  ]),
  {
    source: `${INTEGRATIONS}::test_integration_mock_with_path_param (asserts status 200 and an empty body)`,
    method: 'GET',
    path: '/mock-path-param/test-path',
    status: 200,
    text: '',
  },
  ...(
    [
      ['invoke-path1', 'path1', 'path was path one'],
      ['invoke-path2', 'path2', 'path was path two'],
      ['invoke-path-else', 'whatever', 'this is the else clause'],
    ] as const
  ).map(([key, message, response]) => ({
    source: `${INTEGRATIONS}::test_integration_mock_with_request_overrides_in_response_template [${key}]`,
    method: 'GET',
    path: `/request-overrides/${pathData(message)}`,
    responseJson: { response },
  })),
  {
    source: `${INTEGRATIONS}::test_integration_mock_with_response_override_in_request_template[True] [response]`,
    method: 'GET',
    path: '/response-override/with-template',
    status: 444,
    responseHeaders: { foo: 'bar' },
    responseJson: { custom: 'is also passed around', fooHeader: 'bar', statusOverride: '444' },
  },
  {
    source: `${INTEGRATIONS}::test_integration_mock_with_response_override_in_request_template[False] [response]`,
    method: 'GET',
    path: '/response-override/without-template',
    status: 444,
    responseHeaders: { foo: 'bar' },
    text: '',
  },
  {
    source: `${INTEGRATIONS}::test_integration_mock_with_vtl_map_assignation [response]`,
    method: 'GET',
    path: '/vtl-map-assignation',
    status: 200,
    responseJson: { value: 'bar', value2: 'putBar', value3: 'nestedFoo' },
  },
  {
    source: `${BASIC}::TestAPIGateway::test_api_gateway_mock_integration [mocked-response] (routes: tests/aws/files/openapi-mock.json)`,
    method: 'GET',
    path: '/echo/foobar',
    responseJson: { echo: 'foobar', response: 'mocked' },
  },
  ...['GET', 'POST'].map((method) => ({
    source: `${BASIC}::TestIntegrations::test_mock_integration_response[WHEN_NO_MATCH-UrlType.PATH_BASED-${method}] [mock-response]`,
    method,
    path: '/mock-response/42',
    headers: { 'content-type': 'application/json' },
    status: 200,
    responseJson: { id: 42, statusCode: 200 },
  })),
  {
    // One document serves both deployments locally: `message` says which one AWS ran, the rest is compared.
    source: `${CANARY} [response-deployment-1] (percentTraffic 0)`,
    method: 'GET',
    path: '/canary',
    responseJson: {
      isCanary: 'false',
      message: 'deployment',
      nonExistingDefault: '',
      nonOverridden: 'default',
      statusCode: 200,
      variable: 'default',
    },
  },
  {
    source: `${CANARY} [response-canary-deployment] (percentTraffic 100)`,
    method: 'GET',
    path: '/canary',
    stage: 'canary',
    responseJson: {
      isCanary: 'true',
      message: 'deployment',
      nonExistingDefault: 'canary',
      nonOverridden: 'default',
      statusCode: 200,
      variable: 'canary',
    },
  },
  {
    source: `${INTEGRATIONS}::test_http_integration_status_code_selection (backend 404 -> 400 by selectionPattern 4\\d{2})`,
    method: 'GET',
    path: '/status-selection/404',
    status: 400,
  },
  {
    source: `${INTEGRATIONS}::test_http_integration_status_code_selection (backend 201 -> the default response, 200)`,
    method: 'GET',
    path: '/status-selection/201',
    status: 200,
  },
  {
    // Asserted there: the backend got testheader "test" and contextheader = the resource's id ($context.resourceId; "local" here).
    source: `${COMMON}::test_integration_request_parameters_mapping`,
    method: 'GET',
    path: '/request-parameters',
    headers: { customHeader: 'test' },
    status: 200,
    responseJsonAt: { 'headers.testheader': 'test', 'headers.contextheader': 'local' },
  },
  {
    // Asserted there: Content-Type and Access-Control-Allow-Origin come from the integration response's responseParameters.
    source: `${BASIC}::TestAPIGateway::test_api_gateway_lambda_integration_aws_type`,
    method: 'POST',
    path: '/lambda-aws-type',
    json: { test: 'test' },
    headers: { accept: '*/*' },
    responseHeaders: { 'content-type': 'text/html', 'access-control-allow-origin': '*' },
  },
  {
    source: `${LAMBDA}::test_lambda_selection_patterns [lambda-selection-pattern-200] (the "200" pattern is not matched by a success)`,
    method: 'GET',
    path: '/lambda-selection/200',
    status: 200,
    responseJson: 'Pass',
  },
  ...(
    [
      ['400', 405, 'Error: Raising four hundred from within the Lambda function'],
      ['500', 502, 'Error: Raising five hundred from within the Lambda function'],
    ] as const
  ).map(([code, status, errorMessage]) => ({
    // errorType and stackTrace are the runtime's (Python's there), so only the message is compared.
    source: `${LAMBDA}::test_lambda_selection_patterns [lambda-selection-pattern-${code}]`,
    method: 'GET',
    path: `/lambda-selection/${code}`,
    status,
    responseJsonAt: { errorMessage },
  })),
  ...(
    [
      ['202', '200', 'noerror'],
      ['400', '400', 'customerror'],
    ] as const
  ).map(([status, httpStatus, body]) => ({
    source: `${LAMBDA}::test_lambda_aws_integration_response_with_mapping_templates [response-template-${status}]`,
    method: 'POST',
    path: '/lambda-mapping/test',
    json: httpStatus === '200' ? { httpStatus } : { httpStatus, errorMessage: 'Test Bad request' },
    status: Number(status),
    responseJson: { body, statusCode: 200 },
  })),
  {
    // Python's requests sends `data=` without a Content-Type; no templates: the body goes to the function as it is.
    source: `${LAMBDA}::test_lambda_aws_integration [lambda-aws-integration]`,
    method: 'POST',
    path: '/lambda-aws/test',
    body: pythonJson({ message: 'hello world' }),
    status: 200,
    responseJson: { message: 'hello world' },
  },
  ...['param1=foobar', 'param1=foobar&Signature=1'].map((query, index) => ({
    source: `${LAMBDA}::test_lambda_aws_integration_with_request_template [lambda-aws-integration-${index + 1}]`,
    method: 'GET',
    path: `/lambda-aws-template/test?${query}`,
    status: 200,
    responseJson: { param1: 'foobar' },
  })),
];

/** The tests' Lambda functions (Python there), as handlers of the `handlers` output. */
const FUNCTIONS = {
  // tests/aws/services/lambda_/functions/lambda_select_pattern.py
  'select-pattern': `(event) => {
  const { statusCode } = event as { statusCode: string };
  if (statusCode === '200') return 'Pass';
  if (statusCode === '400') throw new Error('Error: Raising four hundred from within the Lambda function');
  if (statusCode === '500') throw new Error('Error: Raising five hundred from within the Lambda function');
  return 'Error Value in the json request should either be 400 or 500 to demonstrate';
}`,
  // tests/aws/services/lambda_/functions/lambda_mapping_responses.py
  'mapping-responses': `(event) => {
  const { body } = event as { body: { httpStatus: string } };
  return { statusCode: 200, body: Number(body.httpStatus) >= 400 ? 'customerror' : 'noerror' };
}`,
  // TEST_LAMBDA_PYTHON_ECHO: answers its event
  'echo-invocations': '(event) => event',
};

let backend: Server;
let handlers: LambdaHandlers;
const servers: Record<'main' | 'canary', RunningServer | undefined> = { main: undefined, canary: undefined };

beforeAll(async () => {
  backend = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const status = /^\/status\/(\d{3})$/.exec(request.url ?? '')?.[1];
      if (status) {
        response.writeHead(Number(status)).end();
      } else if (request.url === '/post') {
        let json: unknown = null;
        try {
          json = JSON.parse(body);
        } catch {
          // httpbin answers `"json": null` for a body that is not JSON
        }
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ args: {}, data: body, json, headers: request.headers }));
      } else {
        response.writeHead(200, { 'content-type': 'application/json' }).end(body);
      }
    });
  });
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  const documentPath = join(fixturesRoot, 'serve/vtl-recorded.json');
  const { out } = await writeHandlers(documentPath);
  replaceFiles(
    out,
    Object.fromEntries(
      Object.entries(FUNCTIONS).map(([folder, implementation]) => [
        `src/functions/${folder}/non-proxy.ts`,
        `import type { NonProxyHandler } from './operations.gen.js';\n\nexport const handleNonProxyEvent: NonProxyHandler = ${implementation};\n`,
      ]),
    ),
  );
  const errors = await compile(out);
  if (errors !== '') throw new Error(`the handlers do not compile:\n${errors}`);
  const { model, document } = await loadApi(documentPath);
  handlers = new LambdaHandlers(model, out);
  const stageVariables = { backend: `127.0.0.1:${(backend.address() as AddressInfo).port}`, testVar: 'default', defaultVar: 'default' };
  const stageVariableOverrides = { testVar: 'canary', noStageVar: 'canary' };
  for (const [name, percentTraffic] of [
    ['main', 0],
    ['canary', 100],
  ] as const) {
    const gateway = new LocalGateway(model, {
      document,
      stage: 'dev',
      stageVariables,
      canary: { percentTraffic, stageVariableOverrides },
      handlers,
    });
    servers[name] = await startServer(gateway, { port: 0, host: '127.0.0.1', log: () => undefined });
  }
}, 120_000);

afterAll(async () => {
  for (const server of Object.values(servers)) if (server) await server.close();
  await handlers.close();
  await new Promise((resolve) => backend.close(resolve));
});

describe(`serve: ${CASES.length} mapping-template cases recorded against AWS`, () => {
  it.each(CASES.map((entry) => [entry.source, entry] as const))('%s', async (_, entry) => {
    const server = servers[entry.stage ?? 'main']!;
    const headers: Record<string, string> = { ...entry.headers };
    let body = entry.body;
    if (entry.json !== undefined) {
      body = pythonJson(entry.json);
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(`${server.url}${entry.path}`, {
      method: entry.method,
      headers,
      ...(body ? { body } : {}),
    });
    const text = await response.text();
    const answer: Record<string, unknown> = {};
    const expected: Record<string, unknown> = {};
    if (entry.status !== undefined) [answer.status, expected.status] = [response.status, entry.status];
    if (entry.text !== undefined) [answer.text, expected.text] = [text, entry.text];
    if (entry.responseJson !== undefined) [answer.json, expected.json] = [parseJson(text), entry.responseJson];
    for (const [path, value] of Object.entries(entry.responseJsonAt ?? {})) {
      answer[`json ${path}`] = path
        .split('.')
        .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], parseJson(text));
      expected[`json ${path}`] = value;
    }
    for (const [name, value] of Object.entries(entry.responseHeaders ?? {})) {
      answer[`header ${name}`] = response.headers.get(name);
      expected[`header ${name}`] = value;
    }
    expect(answer).toStrictEqual(expected);
  });
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
