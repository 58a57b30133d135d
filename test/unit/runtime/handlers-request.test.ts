import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { convertScalar, mediaTypeMatches, readRequest, type RequestParts } from '../../../src/runtime/handlers/request.js';
import type { RouteSpec } from '../../../src/runtime/handlers/route-spec.js';

function eventV1(changes: Partial<APIGatewayProxyEvent>): APIGatewayProxyEvent {
  return {
    resource: '/r',
    path: '/r',
    httpMethod: 'GET',
    headers: {},
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: {} as APIGatewayProxyEvent['requestContext'],
    body: null,
    isBase64Encoded: false,
    ...changes,
  };
}

function eventV2(changes: Partial<APIGatewayProxyEventV2>): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'GET /r',
    rawPath: '/r',
    rawQueryString: '',
    headers: {},
    requestContext: {} as APIGatewayProxyEventV2['requestContext'],
    isBase64Encoded: false,
    ...changes,
  };
}

const route = (spec: Partial<RouteSpec>): RouteSpec => ({ operationId: 'op', route: 'GET /r', responses: {}, ...spec });

describe('convertScalar', () => {
  it.each([
    ['integer', '42', 42],
    ['integer', '-7', -7],
    ['integer', '4.2', undefined],
    ['integer', '9007199254740993', undefined],
    ['integer', '', undefined],
    ['number', '4.25', 4.25],
    ['number', '-1e3', -1000],
    ['number', '0x10', undefined],
    ['number', 'NaN', undefined],
    ['number', ' 1', undefined],
    ['boolean', 'true', true],
    ['boolean', 'false', false],
    ['boolean', 'TRUE', undefined],
    ['boolean', '1', undefined],
    ['string', '', ''],
    ['string', ' a b ', ' a b '],
  ] as const)('%s %j → %j', (type, text, expected) => {
    expect(convertScalar(text, { type })).toBe(expected);
  });

  it('accepts only enum values, returning the document’s own value', () => {
    expect(convertScalar('open', { type: 'string', enum: ['open', 'closed'] })).toBe('open');
    expect(convertScalar('lost', { type: 'string', enum: ['open', 'closed'] })).toBeUndefined();
    // An integer enum written as strings in the document.
    expect(convertScalar('1', { type: 'integer', enum: ['1', '2'] })).toBe('1');
    expect(convertScalar('3', { type: 'integer', enum: [1, 2] })).toBeUndefined();
  });
});

describe('mediaTypeMatches', () => {
  it.each([
    ['application/json', 'application/json; charset=utf-8', true],
    ['application/json', 'Application/JSON', true],
    ['image/*', 'image/png', true],
    ['*/*', 'text/csv', true],
    ['application/json', 'application/xml', false],
    ['image/*', 'text/plain', false],
  ])('%s covers %s: %s', (declared, actual, expected) => {
    expect(mediaTypeMatches(declared, actual)).toBe(expected);
  });
});

describe('readRequest', () => {
  it('reads repeated query parameters from payload 1.0 and comma-joined ones from payload 2.0', () => {
    const spec = route({
      parameters: [
        { name: 'tag', in: 'query', type: 'string', array: true },
        { name: 'ids', in: 'query', type: 'integer', array: true, joined: true },
      ],
    });
    const v1 = eventV1({
      queryStringParameters: { tag: 'b,c', ids: '1,2' },
      multiValueQueryStringParameters: { tag: ['a', 'b,c'], ids: ['1,2'] },
    });
    expect(readRequest(v1, spec)).toMatchObject({ query: { tag: ['a', 'b,c'], ids: [1, 2] } });
    const v2 = eventV2({ queryStringParameters: { tag: 'a,b', ids: '1,2' } });
    expect(readRequest(v2, spec)).toMatchObject({ query: { tag: ['a', 'b'], ids: [1, 2] } });
  });

  it('reads headers whatever their case, and cookies from the Cookie header (1.0) or the cookies list (2.0)', () => {
    const spec = route({
      parameters: [
        { name: 'X-Count', in: 'header', type: 'integer', required: true },
        { name: 'session', in: 'cookie', type: 'string' },
      ],
    });
    expect(readRequest(eventV1({ headers: { 'x-count': '3', Cookie: 'theme=dark; session=s=1' } }), spec)).toMatchObject({
      headers: { 'X-Count': 3 },
      cookies: { session: 's=1' },
    });
    expect(readRequest(eventV2({ headers: { 'x-count': '4' }, cookies: ['session=s2'] }), spec)).toMatchObject({
      headers: { 'X-Count': 4 },
      cookies: { session: 's2' },
    });
  });

  it('reports every parameter that is missing or does not fit, naming it', () => {
    const spec = route({
      parameters: [
        { name: 'id', in: 'path', type: 'integer', required: true },
        { name: 'limit', in: 'query', type: 'integer' },
        { name: 'mode', in: 'query', type: 'string', enum: ['a', 'b'] },
        { name: 'ids', in: 'query', type: 'integer', array: true, joined: true },
        { name: 'X-Flag', in: 'header', type: 'boolean', required: true },
      ],
    });
    const result = readRequest(eventV1({ queryStringParameters: { limit: 'ten', mode: 'c', ids: '1,x' } }), spec);
    expect(result).toStrictEqual({
      status: 400,
      message: 'Invalid request parameters.',
      errors: [
        'path parameter "id" is required',
        'query parameter "limit" must be an integer',
        'query parameter "mode" must be one of "a", "b"',
        'query parameter "ids" must be a comma-separated list of an integer',
        'header "X-Flag" is required',
      ],
    });
  });

  it('never reads a parameter from an inherited property', () => {
    const spec = route({ parameters: [{ name: 'constructor', in: 'query', type: 'string', required: true }] });
    expect(readRequest(eventV1({ queryStringParameters: {} }), spec)).toMatchObject({ status: 400 });
  });

  it('reads an absent optional parameter named like an Object.prototype member as undefined, as its type says', () => {
    const names = ['constructor', 'toString', '__proto__'];
    const spec = route({
      parameters: [
        ...names.map((name) => ({ name, in: 'query' as const, type: 'string' as const })),
        { name: 'valueOf', in: 'header', type: 'string' },
        { name: 'hasOwnProperty', in: 'cookie', type: 'string' },
      ],
    });
    // Read as an implementation reads them, by name, whatever the object inherits.
    const read = (values: object, name: string): unknown => (values as Record<string, unknown>)[name];
    for (const event of [eventV1({}), eventV2({})]) {
      const parts = readRequest(event, spec) as RequestParts;
      const values = [
        ...names.map((name) => read(parts.query, name)),
        read(parts.headers, 'valueOf'),
        read(parts.cookies, 'hasOwnProperty'),
      ];
      expect(values).toStrictEqual([undefined, undefined, undefined, undefined, undefined]);
    }
  });

  it('decodes base64 bodies and reads them as their media type says', () => {
    const spec = route({
      body: {
        required: true,
        media: [
          { type: 'application/json', kind: 'json' },
          { type: 'text/plain', kind: 'text' },
          { type: 'image/*', kind: 'binary' },
        ],
      },
    });
    const base64 = (text: string) => Buffer.from(text).toString('base64');
    expect(readRequest(eventV1({ body: base64('{"a":[1]}'), isBase64Encoded: true }), spec)).toMatchObject({ body: { a: [1] } });
    expect(readRequest(eventV2({ body: 'héllo', headers: { 'content-type': 'text/plain; charset=utf-8' } }), spec)).toMatchObject({
      body: 'héllo',
    });
    const bytes = readRequest(eventV1({ body: 'iVBORw0KGgo=', isBase64Encoded: true, headers: { 'Content-Type': 'image/png' } }), spec);
    expect([...(bytes as { body: Uint8Array }).body]).toStrictEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(readRequest(eventV1({ body: '<a/>', headers: { 'Content-Type': 'application/xml' } }), spec)).toMatchObject({ status: 415 });
    expect(readRequest(eventV1({ body: '' }), spec)).toMatchObject({ status: 400, errors: ['request body is required'] });
  });

  it('leaves an optional body undefined when there is none', () => {
    const spec = route({ body: { media: [{ type: 'application/json', kind: 'json' }] } });
    expect(readRequest(eventV2({}), spec)).toStrictEqual({ path: {}, query: {}, headers: {}, cookies: {}, body: undefined });
  });
});
