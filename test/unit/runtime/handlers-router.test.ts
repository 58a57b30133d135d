import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nonProxyHandler, notImplemented, proxyHandler, type Route } from '../../../src/runtime/handlers/router.js';
import { lambdaContext } from '../../support/lambda-context.js';

const context = lambdaContext('req-1');

function eventV1(httpMethod: string, resource: string): APIGatewayProxyEvent {
  return {
    resource,
    path: resource,
    httpMethod,
    headers: {},
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: {} as APIGatewayProxyEvent['requestContext'],
    body: null,
    isBase64Encoded: false,
  };
}

function eventV2(routeKey: string): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey,
    rawPath: '/',
    rawQueryString: '',
    headers: {},
    requestContext: {} as APIGatewayProxyEventV2['requestContext'],
    isBase64Encoded: false,
  };
}

const answer =
  (text: string): Route['implementation'] =>
  () => ({ statusCode: 200, body: text });

const routes: Route[] = [
  { operationId: 'get', route: 'GET /items', responses: {}, implementation: answer('get') },
  { operationId: 'any', route: 'ANY /items/{proxy+}', responses: {}, implementation: answer('any') },
  { operationId: 'fallback', route: '$default', responses: {}, implementation: answer('fallback') },
  { operationId: 'stub', route: 'POST /items', responses: {}, implementation: () => notImplemented() },
  { operationId: 'invalid', route: 'PUT /items', responses: {}, implementation: () => ({ status: 200 }) },
];

afterEach(() => {
  vi.restoreAllMocks();
});

describe('proxyHandler', () => {
  const handler = proxyHandler(routes);

  it('answers each payload version in its own format, routing by resource and method (1.0) or route key (2.0)', async () => {
    expect(await handler(eventV1('GET', '/items'), context)).toStrictEqual({
      statusCode: 200,
      headers: {},
      body: 'get',
      isBase64Encoded: false,
    });
    expect(await handler(eventV2('GET /items'), context)).toStrictEqual({
      statusCode: 200,
      headers: {},
      body: 'get',
      isBase64Encoded: false,
    });
    expect(await handler(eventV1('DELETE', '/items/{proxy+}'), context)).toMatchObject({ body: 'any' });
  });

  it('routes payload 1.0 events of HTTP APIs by the route key of their request context', async () => {
    const event = eventV1('GET', '/items/42');
    event.requestContext = { ...event.requestContext, routeKey: 'GET /items' };
    expect(await handler(event, context)).toMatchObject({ statusCode: 200, body: 'get' });
  });

  it('sends what no other route serves to the $default route', async () => {
    expect(await handler(eventV2('GET /elsewhere'), context)).toMatchObject({ body: 'fallback' });
    expect(await handler(eventV1('GET', '/elsewhere'), context)).toMatchObject({ body: 'fallback' });
  });

  it('answers 501 for a stub, and a logged 500 for an implementation that returns no result', async () => {
    expect(await handler(eventV1('POST', '/items'), context)).toMatchObject({
      statusCode: 501,
      body: '{"message":"stub is not implemented yet."}',
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await handler(eventV1('PUT', '/items'), context)).toMatchObject({
      statusCode: 500,
      body: '{"message":"Internal server error."}',
    });
    expect(logged.mock.calls[0]?.[0]).toBe('Unhandled error in invalid (request req-1):');
  });

  it('answers 404 when the function has no such route and no $default route', async () => {
    const result = await proxyHandler(routes.slice(0, 2))(eventV2('GET /elsewhere'), context);
    expect(result).toStrictEqual({
      statusCode: 404,
      headers: { 'Content-Type': 'application/json' },
      body: '{"message":"No operation of this function serves GET /elsewhere."}',
      isBase64Encoded: false,
    });
  });
});

describe('nonProxyHandler', () => {
  it('passes the event and context on as they are, and lets errors through for integration responses to select on', async () => {
    const implementation = vi.fn((event: { a: number }) => {
      if (event.a < 0) throw new Error('negative operand');
      return { sum: event.a + 1 };
    });
    const handler = nonProxyHandler(implementation);
    expect(await handler({ a: 1 }, context)).toStrictEqual({ sum: 2 });
    expect(implementation).toHaveBeenCalledWith({ a: 1 }, context);
    await expect(handler({ a: -1 }, context)).rejects.toThrow('negative operand');
  });

  it('routes proxy events when the function has proxy operations too', async () => {
    const handler = nonProxyHandler(() => 'mapped', routes);
    expect(await handler(eventV1('GET', '/items'), context)).toMatchObject({ statusCode: 200, body: 'get' });
    expect(await handler({ httpMethod: 'GET' }, context)).toBe('mapped');
  });
});
