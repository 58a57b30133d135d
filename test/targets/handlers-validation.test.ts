import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
import { runCli } from '../support/run-cli.js';
import { lambdaContext } from '../support/lambda-context.js';
import { fixturesRoot } from '../support/paths.js';

/**
 * Generated routers refuse what `serve`'s request validator refuses, with the same status and
 * body: each request goes through serve (in process) and, as the proxy event serve would send
 * (serve's own event builder, compared with AWS's samples), through the compiled handler.
 * Requests the validator lets through reach the operation, which answers 501 as a stub.
 * Messages, as AWS answers them (LocalStack's AWS-validated snapshot of
 * `test_api_gateway_request_validator`, https://github.com/localstack/localstack/blob/main/tests/aws/services/apigateway/test_apigateway_common.snapshot.json):
 * `{"message": "Invalid request body"}` and `{"message": "Missing required request parameters: [...]"}`.
 */

type RestHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

const document = join(fixturesRoot, 'valid/rest-request-validation.yaml');

interface Case {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query?: string;
  headers?: Record<string, string>;
  body?: string;
  /** What serve answers (and so the handler): a 400 message, or `passes` for a request the validator lets through. */
  expected: { message: string } | 'passes';
}

const ORDER = { customer: 'Ann', items: [{ sku: 'AB1', quantity: 2 }] };
const order = (changes: Record<string, unknown>) => JSON.stringify({ ...ORDER, ...changes });
const INVALID_BODY = { message: 'Invalid request body' };
const missing = (names: string) => ({ message: `Missing required request parameters: [${names}]` });
const createOrder = {
  method: 'POST',
  path: '/orders',
  query: '?tenant=t1',
  headers: { 'content-type': 'application/json', 'X-Client': 'web' },
} as const;

const CASES: Case[] = [
  // listOrders: the API's default validator (params-only).
  { name: 'required header and query string both missing', method: 'GET', path: '/orders', expected: missing('X-Tenant, status') },
  { name: 'required query string missing', method: 'GET', path: '/orders', headers: { 'X-Tenant': 'a' }, expected: missing('status') },
  { name: 'required header missing', method: 'GET', path: '/orders', query: '?status=open', expected: missing('X-Tenant') },
  {
    name: 'required parameters present',
    method: 'GET',
    path: '/orders',
    query: '?status=open',
    headers: { 'X-Tenant': 'a' },
    expected: 'passes',
  },
  {
    name: 'header names match whatever their case',
    method: 'GET',
    path: '/orders',
    query: '?status=open',
    headers: { 'x-tenant': 'a' },
    expected: 'passes',
  },
  {
    name: 'an empty header value is present',
    method: 'GET',
    path: '/orders',
    query: '?status=open',
    headers: { 'X-Tenant': '' },
    expected: 'passes',
  },
  {
    name: 'a body is not validated by params-only',
    method: 'GET',
    path: '/orders',
    query: '?status=open',
    headers: { 'X-Tenant': 'a' },
    body: 'not json',
    expected: 'passes',
  },
  // createOrder: parameters, then the body.
  {
    name: 'parameters are checked before the body',
    method: 'POST',
    path: '/orders',
    body: 'not json',
    expected: missing('X-Client, tenant'),
  },
  { ...createOrder, name: 'a valid order', body: order({}), expected: 'passes' },
  { ...createOrder, name: 'a body that is not JSON', body: '{"customer": ', expected: INVALID_BODY },
  { ...createOrder, name: 'an empty body', body: '', expected: INVALID_BODY },
  { ...createOrder, name: 'a required property missing', body: JSON.stringify({ customer: 'Ann' }), expected: INVALID_BODY },
  { ...createOrder, name: 'a string shorter than minLength', body: order({ customer: 'A' }), expected: INVALID_BODY },
  {
    ...createOrder,
    name: 'minLength counts code points: one emoji is one character',
    body: order({ customer: '😀' }),
    expected: INVALID_BODY,
  },
  { ...createOrder, name: 'two emoji make minLength 2', body: order({ customer: '😀😀' }), expected: 'passes' },
  { ...createOrder, name: 'a property additionalProperties: false forbids', body: order({ coupon: 'X' }), expected: INVALID_BODY },
  { ...createOrder, name: 'an empty array under minItems', body: order({ items: [] }), expected: INVALID_BODY },
  {
    ...createOrder,
    name: 'equal items under uniqueItems (keys in another order)',
    body: order({
      items: [
        { sku: 'AB1', quantity: 1 },
        { quantity: 1, sku: 'AB1' },
      ],
    }),
    expected: INVALID_BODY,
  },
  { ...createOrder, name: 'a referenced schema: pattern', body: order({ items: [{ sku: 'ab1' }] }), expected: INVALID_BODY },
  {
    ...createOrder,
    name: 'a referenced schema: integer minimum',
    body: order({ items: [{ sku: 'AB1', quantity: 0 }] }),
    expected: INVALID_BODY,
  },
  { ...createOrder, name: 'an integer given as a string', body: order({ items: [{ sku: 'AB1', quantity: '2' }] }), expected: INVALID_BODY },
  { ...createOrder, name: 'OpenAPI 3.0 exclusiveMinimum: true excludes the minimum', body: order({ total: 0 }), expected: INVALID_BODY },
  { ...createOrder, name: 'a number above an exclusive minimum', body: order({ total: 0.01 }), expected: 'passes' },
  { ...createOrder, name: 'nullable: null is allowed', body: order({ note: null }), expected: 'passes' },
  { ...createOrder, name: 'a nullable string still has its maxLength', body: order({ note: 'too long' }), expected: INVALID_BODY },
  { ...createOrder, name: 'a value outside the enum', body: order({ priority: 'urgent' }), expected: INVALID_BODY },
  { ...createOrder, name: 'format email (a pattern)', body: order({ email: 'not-an-address' }), expected: INVALID_BODY },
  {
    ...createOrder,
    name: 'format date (a function): month 13',
    body: order({ placedAt: '2024-13-01' }),
    expected: INVALID_BODY,
  },
  { ...createOrder, name: 'format date: 29 February of a leap year', body: order({ placedAt: '2024-02-29' }), expected: 'passes' },
  { ...createOrder, name: 'an array where an object is expected', body: '[]', expected: INVALID_BODY },
  {
    ...createOrder,
    name: 'a media type with parameters is read by its essence',
    headers: { 'content-type': 'Application/JSON; charset=utf-8', 'X-Client': 'web' },
    body: order({ customer: 'A' }),
    expected: INVALID_BODY,
  },
  {
    ...createOrder,
    name: 'another JSON media type has its own schema',
    headers: { 'content-type': 'application/vnd.orders+json', 'X-Client': 'web' },
    body: JSON.stringify({ sku: 'AB1' }),
    expected: 'passes',
  },
  {
    ...createOrder,
    name: 'another JSON media type, invalid for its schema',
    headers: { 'content-type': 'application/vnd.orders+json', 'X-Client': 'web' },
    body: order({}),
    expected: INVALID_BODY,
  },
  {
    ...createOrder,
    name: 'a text media type is not validated',
    headers: { 'content-type': 'text/plain', 'X-Client': 'web' },
    body: 'longer than maxLength',
    expected: 'passes',
  },
  // replaceOrder: body-only; cancelOrder: a validator that checks nothing.
  {
    name: 'body-only: an invalid body',
    method: 'PUT',
    path: '/orders/o1',
    headers: { 'content-type': 'application/json', 'If-Match': 'e1' },
    body: order({ items: 'none' }),
    expected: INVALID_BODY,
  },
  {
    name: 'body-only: a valid body',
    method: 'PUT',
    path: '/orders/o1',
    headers: { 'content-type': 'application/json', 'If-Match': 'e1' },
    body: order({}),
    expected: 'passes',
  },
  {
    name: 'no validation: nothing refused',
    method: 'DELETE',
    path: '/orders/o1',
    query: '?reason=late',
    body: 'not json',
    expected: 'passes',
  },
];

let model: ApiModel;
let gateway: LocalGateway;
let handler: RestHandler;
let unvalidated: RestHandler;

async function buildHandler(options: Parameters<typeof writeHandlers>[1]): Promise<RestHandler> {
  const { out } = await writeHandlers(document, options);
  const errors = await compile(out);
  if (errors !== '') throw new Error(`the handlers do not compile:\n${errors}`);
  const module = (await import(pathToFileURL(join(out, 'dist/functions/orders-function/handler.gen.js')).href)) as { handler: RestHandler };
  return module.handler;
}

beforeAll(async () => {
  const loaded = await loadApi(document);
  model = loaded.model;
  gateway = new LocalGateway(model, { document: loaded.document, stage: 'dev' });
  [handler, unvalidated] = await Promise.all([buildHandler({}), buildHandler({ skipValidation: ['createOrder'] })]);
}, 120_000);

function gatewayRequest(test: Pick<Case, 'method' | 'path' | 'query' | 'headers' | 'body'>): GatewayRequest {
  return {
    method: test.method,
    path: test.path,
    query: new URLSearchParams(test.query ?? ''),
    headers: Object.fromEntries(Object.entries(test.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value])),
    rawHeaders: Object.entries(test.headers ?? {}).flat(),
    body: Buffer.from(test.body ?? ''),
    sourceIp: '127.0.0.1',
  };
}

/** The payload 1.0 event serve sends the operation's Lambda function for a request. */
function lambdaEvent(request: GatewayRequest): APIGatewayProxyEvent {
  const operation = model.operations.find(
    (candidate) =>
      candidate.method === request.method && new RegExp(`^${candidate.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(request.path),
  )!;
  const pathParameters: Record<string, string> = request.path === '/orders' ? {} : { orderId: request.path.split('/')[2]! };
  return proxyEvent(
    operation,
    { ...request, pathParameters, requestId: 'r-1', stage: 'dev', stageVariables: {}, binary: false },
    '1.0',
  ) as unknown as APIGatewayProxyEvent;
}

const refused = CASES.flatMap((test) => (test.expected === 'passes' ? [] : [{ ...test, expected: test.expected }]));
const passing = CASES.filter((test) => test.expected === 'passes');

describe('generated request validation, case by case against serve', () => {
  it.each(refused)('refuses: $name', async (test) => {
    const request = gatewayRequest(test);
    const served = await gateway.handle(request);
    const answered = await handler(lambdaEvent(request), lambdaContext());
    const servedAnswer = { status: served.statusCode, body: JSON.parse(String(served.body)) as unknown };
    expect(servedAnswer, `serve`).toStrictEqual({ status: 400, body: test.expected });
    expect({ status: answered.statusCode, body: JSON.parse(answered.body) as unknown }, `the generated handler`).toStrictEqual(
      servedAnswer,
    );
  });

  it.each(passing)('lets through: $name', async (test) => {
    const request = gatewayRequest(test);
    const served = await gateway.handle(request);
    const answered = await handler(lambdaEvent(request), lambdaContext());
    expect(served.statusCode, `serve lets it through`).not.toBe(400);
    expect(answered.statusCode, `the operation is reached: ${answered.body}`).toBe(501);
  });

  it('covers every operation validator of the fixture, and both outcomes', () => {
    const routes = new Set(CASES.map((test) => `${test.method} ${test.path.replace(/\/o1$/, '/{orderId}')}`));
    expect([...routes].sort()).toStrictEqual(['DELETE /orders/{orderId}', 'GET /orders', 'POST /orders', 'PUT /orders/{orderId}']);
    expect(passing.length, `passing cases`).toBeGreaterThan(5);
    expect(refused.length, `refused cases`).toBeGreaterThan(20);
  });
});

describe('generated request validation options', () => {
  it('skips the operations it is told to skip (skipValidation), and only those', async () => {
    const invalid = gatewayRequest({ ...createOrder, body: order({ customer: 'A' }) });
    expect((await unvalidated(lambdaEvent(invalid), lambdaContext())).statusCode).toBe(501);
    const list = gatewayRequest({ method: 'GET', path: '/orders' });
    expect(JSON.parse((await unvalidated(lambdaEvent(list), lambdaContext())).body)).toStrictEqual(missing('X-Tenant, status'));
  });

  it('decodes a base64-encoded body before validating it', async () => {
    const event = lambdaEvent(gatewayRequest({ ...createOrder, body: order({}) }));
    const encoded = { ...event, body: Buffer.from(order({ customer: 'A' })).toString('base64'), isBase64Encoded: true };
    expect(JSON.parse((await handler(encoded, lambdaContext())).body)).toStrictEqual(INVALID_BODY);
    const valid = { ...event, body: Buffer.from(order({})).toString('base64'), isBase64Encoded: true };
    expect((await handler(valid, lambdaContext())).statusCode).toBe(501);
  });

  it('compiles a schema that bodies $ref once: one export per schema, one function shared with the schemas that $ref it', async () => {
    const { files } = await writeHandlers(document);
    const validators = files.find((file) => file.path.endsWith('/validators.gen.ts'))!.contents;
    const router = files.find((file) => file.path.endsWith('/handler.gen.ts'))!.contents;
    // createOrder and replaceOrder $ref Order; createOrder's vnd.orders+json body is Item, which Order's items $ref.
    expect(
      [...validators.matchAll(/^export const (\w+)/gm)].map((match) => match[1]),
      `exports`,
    ).toStrictEqual(['ItemSchema', 'OrderSchema']);
    expect(router.match(/Validators\.OrderSchema/g)?.length, `Order's uses`).toBe(2);
    expect(validators.match(/pattern0\.test\(/g)?.length, `Item's check, once`).toBe(1);
    expect(validators.match(/"#\/properties\/customer\/minLength"/g)?.length, `Order's check, once`).toBe(1);
  });

  it('shares a schema with a $ref beside annotations only: a $ref with validation keywords beside (OpenAPI 3.1) is a schema of its own', async () => {
    const body = (schema: object) => ({
      requestBody: { content: { 'application/json': { schema } } },
      responses: { '204': { description: 'Done.' } },
      'x-amazon-apigateway-integration': {
        type: 'aws_proxy',
        httpMethod: 'POST',
        uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:notes/invocations',
      },
    });
    const note = { $ref: '#/components/schemas/Note' };
    const path = join(mkdtempSync(join(tmpdir(), 'apigw-gen-validation-')), 'notes.json');
    writeFileSync(
      path,
      JSON.stringify({
        openapi: '3.1.0',
        info: { title: 'Notes', version: '1' },
        paths: {
          '/a': { post: { operationId: 'postA', ...body({ ...note, description: 'A note.' }) } },
          '/b': { post: { operationId: 'postB', ...body(note) } },
          '/c': { post: { operationId: 'postC', ...body({ ...note, maxProperties: 1 }) } },
        },
        components: { schemas: { Note: { type: 'object', properties: { text: { type: 'string' } } } } },
      }),
    );
    const { files } = await writeHandlers(path, { validation: 'all' });
    const validators = files.find((file) => file.path.endsWith('/validators.gen.ts'))!.contents;
    const router = files.find((file) => file.path.endsWith('/handler.gen.ts'))!.contents;
    expect(
      [...validators.matchAll(/^export const (\w+)/gm)].map((match) => match[1]),
      `exports`,
    ).toStrictEqual(['NoteSchema', 'postCBody']);
    expect(router.match(/Validators\.NoteSchema/g)?.length, `postA and postB`).toBe(2);
  });

  it('are CLI options: --validation off writes no validators, --skip-validation refuses an unknown operation id', async () => {
    const off = join(mkdtempSync(join(tmpdir(), 'apigw-gen-validation-')), 'api');
    expect((await runCli(['handlers', document, '-o', off, '--validation', 'off'])).code).toBe(0);
    expect(existsSync(join(off, 'src/functions/orders-function/validators.gen.ts'))).toBe(false);
    expect(readFileSync(join(off, 'src/functions/orders-function/handler.gen.ts'), 'utf8')).not.toContain('validation:');
    const all = join(mkdtempSync(join(tmpdir(), 'apigw-gen-validation-')), 'api');
    expect((await runCli(['handlers', document, '-o', all, '--validation', 'all', '--skip-validation', 'listOrders'])).code).toBe(0);
    // cancelOrder's validator checks nothing, `all` checks its required query string; listOrders is skipped.
    const router = readFileSync(join(all, 'src/functions/orders-function/handler.gen.ts'), 'utf8');
    expect(router).toContain(`validation: {\n      query: ['reason'],\n    },\n    implementation: cancelOrder,`);
    expect(router).not.toContain(`validation: {\n      headers: ['X-Tenant'],`);
    const bad = await runCli(['handlers', document, '-o', all, '--skip-validation', 'listorders']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n').at(-2)).toBe(
      'apigw-gen: --skip-validation names no operation of the document: listorders (give operationIds).',
    );
  });
});
