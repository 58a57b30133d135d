import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApi } from '../../src/index.js';
import { LocalGateway } from '../../src/serve/gateway.js';
import { LambdaHandlers } from '../../src/serve/lambda-proxy.js';
import { apiGatewayTime } from '../../src/serve/proxy-events.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { fixturesRoot } from '../support/paths.js';

/**
 * The events `serve --handlers` sends, over real HTTP, against AWS's published samples:
 * - payload 1.0: the developer guide's input format
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format)
 *   and aws-powertools/powertools-lambda-python tests/events/apiGatewayProxyEvent.json: a repeated
 *   header is `"header2": "value2"` in `headers` and `["value1", "value2"]` in `multiValueHeaders`;
 *   `requestTime` "04/Mar/2020:19:15:17 +0000" for `requestTimeEpoch` 1583349317135;
 *   `extendedRequestId` as "JJbxmplHYosFVYQ=" (the Lambda developer guide's sample);
 * - `$context.path` is "/{stage}/root/child" for ".../{stage}/root/child"
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-variables-for-data-models.html#context-variable-reference),
 *   while the event's `path` is the resource path ("/my/path" for resource "/my/path" in the samples);
 * - payload 2.0: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 *   and powertools tests/events/apiGatewayProxyV2Event.json: repeated headers joined as "value1,value2",
 *   `cookies` as a list, `time` in the same format; no `body` key without a body.
 */

const echo = `export const handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });\n`;

function handlersFolder(functionFolder: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-events-'));
  writeFileSync(join(folder, 'package.json'), '{ "type": "module" }\n');
  mkdirSync(join(folder, 'dist/functions', functionFolder), { recursive: true });
  writeFileSync(join(folder, 'dist/functions', functionFolder, 'index.js'), echo);
  return folder;
}

/** A request with raw headers: names as written, repeated ones kept apart (fetch would merge and lower-case them). */
function send<Event = APIGatewayProxyEvent>(url: string, rawHeaders: string[]): Promise<Event> {
  return new Promise((resolve, reject) => {
    // Raw headers get no default Host header from node:http.
    const outgoing = httpRequest(url, { headers: ['Host', new URL(url).host, ...rawHeaders] }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (incoming.statusCode === 200) resolve(JSON.parse(text) as Event);
        else reject(new Error(`${incoming.statusCode}: ${text}`));
      });
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

let rest: RunningServer;
let http: RunningServer;
const handlers: LambdaHandlers[] = [];

beforeAll(async () => {
  const restApi = await loadApi(join(fixturesRoot, 'serve/rest-functions.yaml'));
  handlers.push(new LambdaHandlers(restApi.model, handlersFolder('echo-function')));
  rest = await startServer(new LocalGateway(restApi.model, { document: restApi.document, stage: 'dev', handlers: handlers[0] }), {
    port: 0,
    host: '127.0.0.1',
    log: () => {},
  });
  const httpApi = await loadApi(join(fixturesRoot, 'serve/http-routes.yaml'));
  handlers.push(new LambdaHandlers(httpApi.model, handlersFolder('items')));
  http = await startServer(new LocalGateway(httpApi.model, { document: httpApi.document, stage: '$default', handlers: handlers[1] }), {
    port: 0,
    host: '127.0.0.1',
    log: () => {},
  });
});

afterAll(async () => {
  await Promise.all([rest.close(), http.close(), ...handlers.map((handler) => handler.close())]);
});

describe('serve: REST API events (payload 1.0)', () => {
  it('gives the resource path in `path` and the stage once in `requestContext.path`, under /<stage>/ or not', async () => {
    for (const url of [`${rest.url}/dev/echo/7`, `${rest.url}/echo/7`]) {
      const event = await send(url, []);
      expect(event.resource).toBe('/echo/{id}');
      expect(event.path).toBe('/echo/7');
      expect(event.requestContext.path).toBe('/dev/echo/7');
      expect(event.requestContext.resourcePath).toBe('/echo/{id}');
      expect(event.pathParameters).toStrictEqual({ id: '7' });
    }
  });

  it("keeps repeated headers apart in multiValueHeaders, the last one in headers, with the client's casing", async () => {
    const event = await send(`${rest.url}/dev/echo/1`, ['X-Repeat', 'one', 'X-Repeat', 'two', 'x-lower', 'kept']);
    expect(event.multiValueHeaders['X-Repeat']).toStrictEqual(['one', 'two']);
    expect(event.headers['X-Repeat']).toBe('two');
    expect(event.headers['x-lower']).toBe('kept');
    expect(event.headers).not.toHaveProperty('x-repeat');
  });

  it('adds the X-Forwarded headers as API Gateway does: the caller appended to X-Forwarded-For', async () => {
    const port = new URL(rest.url).port;
    const event = await send(`${rest.url}/dev/echo/1`, ['X-Forwarded-For', '203.0.113.9', 'User-Agent', 'events-test/1.0']);
    expect(event.headers['X-Forwarded-For']).toBe('203.0.113.9, 127.0.0.1');
    expect(event.multiValueHeaders['X-Forwarded-For']).toStrictEqual(['203.0.113.9, 127.0.0.1']);
    expect(event.headers['X-Forwarded-Port']).toBe(port);
    expect(event.headers['X-Forwarded-Proto']).toBe('http');
    expect(event.headers['X-Amzn-Trace-Id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(event.requestContext.identity).toMatchObject({ sourceIp: '127.0.0.1', userAgent: 'events-test/1.0', caller: null, user: null });
  });

  it("fills requestContext's times, ids and domain as API Gateway does", async () => {
    const event = await send(`${rest.url}/dev/echo/1`, []);
    const context = event.requestContext;
    expect(context.requestTime).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(context.requestTime).toBe(apiGatewayTime(new Date(context.requestTimeEpoch)));
    expect(context.extendedRequestId).toMatch(/^[A-Za-z0-9+/]{15}=$/);
    expect(context.domainName).toBe('127.0.0.1');
    expect(context.domainPrefix).toBe('127');
    expect(event.body).toBeNull();
    expect(event.isBase64Encoded).toBe(false);
  });

  it("passes query parameters and headers named like Object.prototype's members as fields of their own", async () => {
    // On Lambda the event is JSON the runtime parses: `__proto__` and `constructor` are plain keys there.
    const event = await send(`${rest.url}/dev/echo/1?__proto__=1&constructor=2&constructor=3`, ['__proto__', 'x', 'toString', 'y']);
    const own = (record: object | null, name: string) =>
      record && Object.hasOwn(record, name) ? (record as Record<string, unknown>)[name] : undefined;
    expect(own(event.queryStringParameters, '__proto__')).toBe('1');
    expect(own(event.queryStringParameters, 'constructor')).toBe('3');
    expect(own(event.multiValueQueryStringParameters, 'constructor')).toStrictEqual(['2', '3']);
    expect(own(event.headers, '__proto__')).toBe('x');
    expect(own(event.multiValueHeaders, '__proto__')).toStrictEqual(['x']);
    expect(own(event.headers, 'toString')).toBe('y');
    const v2 = await send<APIGatewayProxyEventV2>(`${http.url}/items/5?__proto__=1&__proto__=2`, ['__proto__', 'x', '__proto__', 'z']);
    expect(own(v2.queryStringParameters ?? null, '__proto__')).toBe('1,2');
    expect(own(v2.headers, '__proto__')).toBe('x,z');
  });

  it('formats times as the AWS sample event does', () => {
    expect(apiGatewayTime(new Date(1583349317135))).toBe('04/Mar/2020:19:15:17 +0000');
  });
});

describe('serve: HTTP API events (payload 2.0)', () => {
  // Paths as AWS recorded them in an HTTP API's events, sent to a deployed API: hotsock/voker
  // vokerhttp/testdata/ingress-paths.json (sentPath → httpAPIPath).
  it.each([
    ['/items/space%20value', '/items/space value'],
    ['/items/question%3Fvalue', '/items/question'],
    ['/items/hash%23value', '/items/hash#value'],
    ['/items/slash%2Fvalue', '/items/slash/value'],
    ['/items/unicode-%CE%BB-%E4%B8%96%E7%95%8C', '/items/unicode-λ-世界'],
    ['/items/literal%252Fvalue', '/items/literal/value'],
    ['/items/literal%253Fvalue', '/items/literal?value'],
    ['/items/literal%2525value', '/items/literal%value'],
  ])('gives %s decoded as AWS does in rawPath and requestContext.http.path: %s', async (sent, recorded) => {
    const event = await send<APIGatewayProxyEventV2>(`${http.url}${sent}`, []);
    expect(event.rawPath).toBe(recorded);
    expect(event.requestContext.http.path).toBe(recorded);
  });

  it('joins repeated headers with commas, lower-cases names, lists cookies and has no body key without a body', async () => {
    const event = await send<APIGatewayProxyEventV2>(`${http.url}/items/5`, ['X-Repeat', 'one', 'X-Repeat', 'two', 'Cookie', 'a=1; b=2']);
    expect(event.headers['x-repeat']).toBe('one,two');
    expect(event.headers).not.toHaveProperty('X-Repeat');
    expect(event.cookies).toStrictEqual(['a=1', 'b=2']);
    expect(event).not.toHaveProperty('body');
    expect(event.isBase64Encoded).toBe(false);
    expect(event.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(event.requestContext.time).toBe(apiGatewayTime(new Date(event.requestContext.timeEpoch)));
    expect(event.requestContext.http).toMatchObject({ method: 'GET', path: '/items/5', sourceIp: '127.0.0.1' });
  });
});
