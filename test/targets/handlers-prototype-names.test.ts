import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadApi } from '../../src/index.js';
import type { ApiModel } from '../../src/model/types.js';
import { LocalGateway } from '../../src/serve/gateway.js';
import type { GatewayRequest } from '../../src/serve/gateway-messages.js';
import { proxyEvent } from '../../src/serve/proxy-events.js';
import { compile, writeHandlers } from '../support/handlers-package.js';
import { lambdaContext } from '../support/lambda-context.js';
import { fixturesRoot } from '../support/paths.js';

/**
 * A document names a required header and body properties like Object.prototype's members
 * (fixtures/specs/hostile/prototype-names-handlers.yaml): the generated router's request
 * validator, compiled and run, and serve's take them as plain names, as API Gateway's validator
 * (JSON Schema on JSON objects, which have no inherited members) does. Messages are AWS's, from
 * LocalStack's AWS-validated snapshot of `test_api_gateway_request_validator`
 * (https://github.com/localstack/localstack/blob/main/tests/aws/services/apigateway/test_apigateway_common.snapshot.json).
 */

type RestHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

const document = join(fixturesRoot, 'hostile/prototype-names-handlers.yaml');
const INVALID_BODY = { message: 'Invalid request body' };

const CASES: { name: string; headers: Record<string, string>; body: string; expected: { message: string } | 'passes' }[] = [
  {
    name: 'a required header named constructor, not sent',
    headers: { 'content-type': 'application/json' },
    body: '{"constructor": "c", "valueOf": 0}',
    expected: { message: 'Missing required request parameters: [constructor]' },
  },
  {
    name: 'a required property named valueOf, missing',
    headers: { constructor: 'h' },
    body: '{"constructor": "c", "toString": "t"}',
    expected: INVALID_BODY,
  },
  {
    name: 'a property named constructor of the wrong type',
    headers: { constructor: 'h' },
    body: '{"constructor": 1, "valueOf": 0}',
    expected: INVALID_BODY,
  },
  {
    name: 'optional toString and __proto__ not given',
    headers: { constructor: 'h' },
    body: '{"constructor": "c", "valueOf": 0}',
    expected: 'passes',
  },
  {
    name: 'every property given',
    headers: { constructor: 'h' },
    body: '{"constructor": "c", "valueOf": 0, "toString": "t", "__proto__": "p"}',
    expected: 'passes',
  },
];

let model: ApiModel;
let gateway: LocalGateway;
let handler: RestHandler;

beforeAll(async () => {
  const loaded = await loadApi(document, { lenient: true });
  model = loaded.model;
  gateway = new LocalGateway(model, { document: loaded.document, stage: 'dev' });
  const { out } = await writeHandlers(document, { lenient: true });
  const errors = await compile(out);
  if (errors !== '') throw new Error(`the handlers do not compile:\n${errors}`);
  ({ handler } = (await import(pathToFileURL(join(out, 'dist/functions/things-function/handler.gen.js')).href)) as {
    handler: RestHandler;
  });
}, 120_000);

function gatewayRequest(test: (typeof CASES)[number]): GatewayRequest {
  return {
    method: 'POST',
    path: '/things',
    query: new URLSearchParams(),
    headers: Object.fromEntries(Object.entries(test.headers).map(([name, value]) => [name.toLowerCase(), value])),
    rawHeaders: Object.entries(test.headers).flat(),
    body: Buffer.from(test.body),
    sourceIp: '127.0.0.1',
  };
}

/** What the generated handler and serve answer to a request. */
async function answers(test: (typeof CASES)[number]) {
  const request = gatewayRequest(test);
  const event = proxyEvent(
    model.operations[0]!,
    { ...request, pathParameters: {}, requestId: 'r-1', stage: 'dev', stageVariables: {}, binary: false },
    '1.0',
  ) as unknown as APIGatewayProxyEvent;
  const answered = await handler(event, lambdaContext());
  const served = await gateway.handle(request);
  return { handler: { status: answered.statusCode, body: answered.body }, serve: { status: served.statusCode, body: String(served.body) } };
}

const refused = CASES.flatMap((test) => (test.expected === 'passes' ? [] : [{ ...test, expected: test.expected }]));
const passing = CASES.filter((test) => test.expected === 'passes');

describe("request validation of names like Object.prototype's members", () => {
  it.each(refused)('refuses: $name', async (test) => {
    const { handler, serve } = await answers(test);
    expect(handler, 'the generated handler').toStrictEqual({ status: 400, body: JSON.stringify(test.expected) });
    expect({ ...serve, body: JSON.parse(serve.body) as unknown }, 'serve').toStrictEqual({ status: 400, body: test.expected });
  });

  it.each(passing)('lets through: $name', async (test) => {
    const { handler, serve } = await answers(test);
    // The stub answers 501: the operation is reached.
    expect(handler.status, `the generated handler: ${handler.body}`).toBe(501);
    expect(serve.status, `serve: ${serve.body}`).not.toBe(400);
  });
});
