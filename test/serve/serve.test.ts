import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeDocument } from '../../src/emit/document-file.js';
import { loadApi } from '../../src/index.js';
import { DocumentSchemaValidator } from '../../src/mock/schema-validator.js';
import { LocalGateway } from '../../src/serve/gateway.js';
import { apiGatewayTime } from '../../src/serve/proxy-events.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { UsagePlans } from '../../src/serve/usage-plans.js';
import { planMockDocument } from '../../src/targets/mock/index.js';
import { fixturesRoot } from '../support/paths.js';

/**
 * `serve` end to end: a real HTTP client against the local gateway on 127.0.0.1, for routing
 * precedence, VTL templates, CORS preflight, API Gateway's errors (and their customisation), API
 * keys, unsupported media types, HTTP proxying to a second local server, and example answers
 * for Lambda integrations.
 */

let upstream: Server;
let server: RunningServer;
const log: string[] = [];

beforeAll(async () => {
  upstream = createServer((request, response) => {
    // Holds the request until the gateway gives up (its integration timeout) and the test server closes.
    if (request.url === '/never-answers') return;
    response.writeHead(207, { 'content-type': 'application/json', 'x-upstream': 'yes' });
    response.end(JSON.stringify({ url: request.url, method: request.method }));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const { model, document } = await loadApi(join(fixturesRoot, 'serve/rest-gateway.yaml'));
  const gateway = new LocalGateway(model, {
    document,
    stage: 'dev',
    stageVariables: { region: 'eu-west-1', upstream: `127.0.0.1:${(upstream.address() as AddressInfo).port}` },
    usagePlans: new UsagePlans('dev', [{ name: 'basic', stages: ['dev'], methodThrottles: [], keyValues: ['key-1'] }], []),
  });
  server = await startServer(gateway, { port: 0, host: '127.0.0.1', log: (line) => log.push(line) });
});

afterAll(async () => {
  await server.close();
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
});

const call = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);
const json = async (path: string, init?: RequestInit) => {
  const response = await call(path, init);
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
};

describe('serve: routing as API Gateway routes', () => {
  it.each([
    ['/pets/mine', { route: 'pets/mine' }],
    ['/pets/42', { route: 'pets/{id}', id: '42' }],
    ['/pets/a%20b', { route: 'pets/{id}', id: 'a b' }],
    ['/files/readme', { route: 'files/readme' }],
    ['/files/docs/guide.md', { route: 'files/{proxy+}', method: 'GET', proxy: 'docs/guide.md' }],
  ])('GET %s: literal segments before parameters before greedy paths', async (path, expected) => {
    expect((await json(path)).body).toStrictEqual(expected);
  });

  it('x-amazon-apigateway-any-method answers every method; a literal route without the method does not catch it', async () => {
    expect((await json('/files/readme', { method: 'DELETE' })).body).toStrictEqual({
      route: 'files/{proxy+}',
      method: 'DELETE',
      proxy: 'readme',
    });
  });

  it('also serves a REST API under its stage, as its execute-api URL does', async () => {
    expect((await json('/dev/pets/42')).body).toStrictEqual({ route: 'pets/{id}', id: '42' });
    expect((await json('/prod/pets/42')).status).toBe(403);
  });

  it("an unknown route or method gets REST's 403 Missing Authentication Token", async () => {
    for (const [path, method] of [
      ['/nothing', 'GET'],
      ['/pets/42', 'DELETE'],
      ['/files', 'GET'],
    ] as const) {
      const response = await json(path, { method });
      expect({ path, status: response.status, body: response.body }).toStrictEqual({
        path,
        status: 403,
        body: { message: 'Missing Authentication Token' },
      });
    }
  });
});

describe('serve: integrations', () => {
  it('answers a CORS preflight from the MOCK integration response parameters', async () => {
    const response = await call('/pets/mine', { method: 'OPTIONS' });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET,OPTIONS');
  });

  it('evaluates VTL: the request template picks the status, selection patterns pick the response, $input/$util/$context/$stageVariables work', async () => {
    const headers = { 'content-type': 'application/json', 'x-api-key': 'key-1' };
    const created = await json('/orders', { method: 'POST', headers, body: JSON.stringify({ quantity: 2, item: { sku: 'A1' } }) });
    expect(created).toMatchObject({ status: 201, body: { escaped: 'say "hi"', encoded: 'aGk=', apiKey: 'key-1' } });
    const refused = await json('/orders', { method: 'POST', headers, body: JSON.stringify({ quantity: 0 }) });
    expect(refused).toMatchObject({ status: 400, body: { message: 'quantity must be positive', stage: 'dev', region: 'eu-west-1' } });
    // $context.requestTime: "The CLF-formatted request time (dd/MMM/yyyy:HH:mm:ss +-hhmm)", the same instant as requestTimeEpoch:
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#context-variable-reference
    const { time, epoch } = refused.body as { time: string; epoch: number };
    expect(time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(time).toBe(apiGatewayTime(new Date(epoch)));
    // $context.domainName and domainPrefix ("the first label of the $context.domainName", same reference) as in the
    // proxy events: a deployed API's Host never has a port, so the local one's is left out.
    expect(refused.body).toMatchObject({ domain: '127.0.0.1', prefix: '127' });
  });

  it('refuses a missing or unknown API key with 403, as customised by the gateway responses', async () => {
    for (const key of [undefined, 'wrong']) {
      const response = await json('/orders', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
        body: '{"quantity": 1}',
      });
      expect(response.status).toBe(403);
      expect(response.headers.get('x-reason')).toBe('key');
      expect(response.body).toStrictEqual({ error: 'Forbidden', type: 'INVALID_API_KEY' });
    }
  });

  it('answers 415 for a content type without a template under when_no_templates', async () => {
    const response = await json('/orders', { method: 'POST', headers: { 'content-type': 'text/plain', 'x-api-key': 'key-1' }, body: 'x' });
    expect(response).toMatchObject({ status: 415, body: { message: 'Unsupported Media Type' } });
  });

  // Missing parameters are listed headers first, then query strings, as API Gateway orders its
  // method.request.* keys (and LocalStack's validator: localstack/localstack, services/apigateway).
  it("applies the request validator: missing parameters, then the body, with API Gateway's 400 messages", async () => {
    const post = (query: string, headers: Record<string, string>, body: string) =>
      json(`/validated${query}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    expect(await post('', {}, '{"name": "a"}')).toMatchObject({
      status: 400,
      body: { message: 'Missing required request parameters: [x-client, q]' },
    });
    expect(await post('?q=1', { 'x-client': 'c' }, '{"name": ""}')).toMatchObject({
      status: 400,
      body: { message: 'Invalid request body' },
    });
    expect(await post('?q=1', { 'x-client': 'c' }, 'not json')).toMatchObject({ status: 400, body: { message: 'Invalid request body' } });
    expect(await post('?q=1', { 'x-client': 'c' }, '{"name": "a"}')).toMatchObject({ status: 200, body: { valid: true } });
  });

  it('converts a MOCK response template to bytes under CONVERT_TO_BINARY', async () => {
    const response = await call('/logo', { headers: { accept: 'image/png' } });
    expect(response.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(await response.arrayBuffer())]).toStrictEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it('forwards HTTP proxy integrations to the URI, with stage variables, path parameters and the query string', async () => {
    const response = await json('/backend/7?verbose=1');
    expect(response.status).toBe(207);
    expect(response.headers.get('x-upstream')).toBe('yes');
    expect(response.body).toStrictEqual({ url: '/upstream/7?verbose=1', method: 'GET' });
  });

  it("answers API Gateway's 504 Endpoint request timed out when the HTTP backend gives no answer within timeoutInMillis (300 ms)", async () => {
    // An integration request that outlasts the integration timeout gets 504, whatever the integration
    // (https://repost.aws/knowledge-center/api-gateway-504-errors), as the INTEGRATION_TIMEOUT response with the
    // message "Endpoint request timed out" (a REST API's execution log in https://github.com/DataBiosphere/azul/issues/6284);
    // the body as a deployed REST API sent it: https://github.com/ks888/LambStatus/issues/36.
    const started = performance.now();
    const response = await call('/slow-backend');
    expect(response.status).toBe(504);
    expect(await response.text()).toBe('{"message": "Endpoint request timed out"}');
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('answers integrations it cannot run with the example of the success response, and says so', async () => {
    const response = await json('/lambda');
    expect(response.status).toBe(200);
    expect(response.body).toStrictEqual({ name: 'Rex' });
    expect(response.headers.get('x-apigw-gen-mock')).toBe('lambdaProxy: answered from the document (schema)');
  });

  it('logs one line per request: method, path, status, what answered, milliseconds', () => {
    const lines = log.join('').split('\n');
    expect(lines.some((line) => /^GET \/pets\/42 200 mock \d+\.\d ms$/.test(line))).toBe(true);
    expect(lines.some((line) => /^GET \/nothing 403 gateway \d+\.\d ms$/.test(line))).toBe(true);
  });
});

describe('serve: an HTTP API', () => {
  const request = (path: string) => ({
    method: 'GET',
    path,
    query: new URLSearchParams(),
    headers: {},
    body: Buffer.alloc(0),
    sourceIp: '127.0.0.1',
  });

  it('answers unknown routes with 404 Not Found', async () => {
    const { model, document } = await loadApi(join(fixturesRoot, 'serve/http-routes.yaml'));
    const response = await new LocalGateway(model, { document, stage: '$default' }).handle(request('/no/such/route'));
    expect(response.statusCode).toBe(404);
    expect(JSON.parse(String(response.body))).toStrictEqual({ message: 'Not Found' });
  });

  it('answers CORS preflights itself and adds CORS headers for allowed origins (x-amazon-apigateway-cors)', async () => {
    const { model, document } = await loadApi(join(fixturesRoot, 'valid/http-api.yaml'));
    const gateway = new LocalGateway(model, { document, stage: '$default' });
    const origin = 'https://shop.example.org';
    const preflight = await gateway.handle({
      ...request('/anything'),
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST' },
    });
    expect(preflight).toMatchObject({
      statusCode: 204,
      headers: {
        'access-control-allow-origin': origin,
        'access-control-allow-methods': 'GET,POST,OPTIONS',
        'access-control-allow-headers': 'authorization,content-type,x-api-token',
      },
    });
    const answer = await gateway.handle({ ...request('/anything'), headers: { origin } });
    expect(answer.headers).toMatchObject({ 'access-control-allow-origin': origin, 'access-control-expose-headers': 'x-request-id' });
    const stranger = await gateway.handle({ ...request('/anything'), headers: { origin: 'https://evil.example' } });
    expect(stranger.headers).not.toHaveProperty('access-control-allow-origin');
  });

  it('sends unknown routes to the $default route when there is one', async () => {
    const { model, document } = await loadApi(join(fixturesRoot, 'valid/http-api.yaml'));
    const response = await new LocalGateway(model, { document, stage: '$default' }).handle(request('/no/such/route'));
    expect(response.answeredBy).toBe('example');
    expect(response.headers['x-apigw-gen-mock']).toMatch(/^lambdaProxy: answered from the document/);
  });
});

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('serve: binary responses', () => {
  const cover = (gateway: LocalGateway) =>
    gateway.handle({
      method: 'GET',
      path: '/books/1/cover',
      query: new URLSearchParams(),
      headers: { 'x-api-key': 'k', accept: 'image/png' },
      body: Buffer.alloc(0),
      sourceIp: '127.0.0.1',
    });

  it('answers a binary-only response with sample bytes of its media type, from the document or from its mock', async () => {
    const { model, document } = await loadApi(join(fixturesRoot, 'valid/rest-lambda-proxy.yaml'));
    const fromDocument = await cover(new LocalGateway(model, { document, stage: 'test' }));
    const file = join(mkdtempSync(join(tmpdir(), 'apigw-gen-serve-')), 'mock.yaml');
    writeFileSync(file, serializeDocument(planMockDocument(model, { document, all: true }).document, 'yaml', 'test'));
    const mocked = await loadApi(file);
    const fromMock = await cover(new LocalGateway(mocked.model, { document: mocked.document, stage: 'test' }));
    for (const response of [fromDocument, fromMock]) {
      expect(response.headers['content-type']).toBe('image/png');
      expect([...(response.body as Buffer).subarray(0, 8)]).toStrictEqual(PNG_SIGNATURE);
    }
    expect([fromDocument.answeredBy, fromMock.answeredBy]).toStrictEqual(['example', 'mock']);
  });
});

describe('serve: the output of mock', () => {
  it('answers every operation of a mocked document with bodies valid against the response schemas', async () => {
    const { model, document } = await loadApi(join(fixturesRoot, 'valid/rest-lambda-proxy.yaml'));
    const file = join(mkdtempSync(join(tmpdir(), 'apigw-gen-serve-')), 'mock.yaml');
    writeFileSync(file, serializeDocument(planMockDocument(model, { document, all: true }).document, 'yaml', 'test'));
    const mocked = await loadApi(file);
    const gateway = new LocalGateway(mocked.model, { document: mocked.document, stage: 'test' });
    const validator = new DocumentSchemaValidator(mocked.document, model.openapiVersion);
    for (const operation of model.operations) {
      const path = operation.path.replace(/\{[^}]+\}/g, 'x');
      const response = await gateway.handle({
        method: operation.method,
        path,
        query: new URLSearchParams(),
        headers: { 'x-api-key': 'any', 'content-type': 'application/json' },
        body: Buffer.from('{}'),
        sourceIp: '127.0.0.1',
      });
      const declared = operation.responses.find((candidate) => candidate.status === String(response.statusCode));
      const media = declared?.content.find((candidate) => candidate.mediaType === 'application/json');
      const errors = media?.schema ? validator.errors(media.schema.pointer, JSON.parse(String(response.body))) : '';
      expect({ operation: operation.label, answeredBy: response.answeredBy, declared: declared !== undefined, errors }).toStrictEqual({
        operation: operation.label,
        answeredBy: 'mock',
        declared: true,
        errors: '',
      });
    }
  });
});
