import { describe, expect, it } from 'vitest';
import { corsHeaders, isOperationResult, toResultV1, toResultV2 } from '../../../src/runtime/handlers/result.js';
import type { RouteSpec } from '../../../src/runtime/handlers/route-spec.js';

const route: RouteSpec = {
  operationId: 'op',
  route: 'GET /r',
  responses: {
    '200': { type: 'application/vnd.api+json', kind: 'json' },
    '2XX': { type: 'text/csv', kind: 'text' },
    '204': {},
    default: { type: 'application/octet-stream', kind: 'binary' },
  },
};

describe('toResultV1 and toResultV2', () => {
  it('write a body as the media type declared for its status: exact, then its class, then default', () => {
    expect(toResultV1({ statusCode: 200, body: { a: 1 } }, { route })).toStrictEqual({
      statusCode: 200,
      headers: { 'Content-Type': 'application/vnd.api+json' },
      body: '{"a":1}',
      isBase64Encoded: false,
    });
    expect(toResultV1({ statusCode: 201, body: 'a,b\n' }, { route })).toMatchObject({
      headers: { 'Content-Type': 'text/csv' },
      body: 'a,b\n',
    });
    expect(toResultV2({ statusCode: 500, body: new Uint8Array([0, 255]) }, { route })).toStrictEqual({
      statusCode: 500,
      headers: { 'Content-Type': 'application/octet-stream' },
      body: 'AP8=',
      isBase64Encoded: true,
    });
    expect(toResultV2({ statusCode: 204 }, { route })).toStrictEqual({ statusCode: 204, headers: {}, body: '', isBase64Encoded: false });
  });

  it("write headers named like Object.prototype's members, __proto__ too, as headers of their own", () => {
    // A computed key is an own field, as JSON.stringify sends it to API Gateway.
    const headers = { ['__proto__']: 'p', constructor: 'c', toString: ['t', 1] };
    for (const written of [toResultV1({ statusCode: 204, headers }, {}), toResultV2({ statusCode: 204, headers }, {})]) {
      expect(Object.entries(written.headers!)).toStrictEqual([
        ['__proto__', 'p'],
        ['constructor', 'c'],
        ['toString', 't,1'],
      ]);
    }
  });

  it('keep a Content-Type the implementation set, join list headers and drop undefined ones', () => {
    const result = toResultV1(
      { statusCode: 200, body: {}, headers: { 'content-type': 'application/json', 'X-List': [1, 'a'], 'X-None': undefined } },
      { route },
    );
    expect(result.headers).toStrictEqual({ 'content-type': 'application/json', 'X-List': '1,a' });
  });

  it('send cookies as the cookies of payload 2.0 and as Set-Cookie headers in payload 1.0', () => {
    const result = { statusCode: 204, cookies: ['a=1; Secure', 'b=2'] };
    expect(toResultV2(result, { route }).cookies).toStrictEqual(['a=1; Secure', 'b=2']);
    expect(toResultV1(result, { route }).multiValueHeaders).toStrictEqual({ 'Set-Cookie': ['a=1; Secure', 'b=2'] });
  });

  it('add the CORS headers the implementation did not set', () => {
    const cors = { allowOrigins: ['https://a.example'], exposeHeaders: ['x-id'] };
    expect(toResultV2({ statusCode: 204, headers: { 'access-control-expose-headers': 'x-other' } }, { route, cors }).headers).toStrictEqual(
      {
        'access-control-expose-headers': 'x-other',
        'Access-Control-Allow-Origin': 'https://a.example',
      },
    );
  });
});

describe('corsHeaders', () => {
  it.each([
    ['any origin', { allowOrigins: ['*'] }, 'https://b.example', { 'Access-Control-Allow-Origin': '*' }],
    [
      'any origin with credentials: the request’s, which browsers require',
      { allowOrigins: ['*'], allowCredentials: true as const },
      'https://b.example',
      { 'Access-Control-Allow-Origin': 'https://b.example', Vary: 'Origin', 'Access-Control-Allow-Credentials': 'true' },
    ],
    ['one origin', { allowOrigins: ['https://a.example'] }, undefined, { 'Access-Control-Allow-Origin': 'https://a.example' }],
    [
      'one of several origins',
      { allowOrigins: ['https://a.example', 'https://b.example'] },
      'https://b.example',
      { 'Access-Control-Allow-Origin': 'https://b.example', Vary: 'Origin' },
    ],
    ['an origin not allowed', { allowOrigins: ['https://a.example', 'https://b.example'] }, 'https://evil.example', {}],
  ])('%s', (_case, cors, origin, expected) => {
    expect(corsHeaders(cors, origin)).toStrictEqual(expected);
  });
});

describe('isOperationResult', () => {
  it.each([
    [{ statusCode: 200 }, true],
    [{ statusCode: 599, headers: {}, cookies: ['a=1'] }, true],
    [{ statusCode: 99 }, false],
    [{ statusCode: '200' }, false],
    [{ statusCode: 200.5 }, false],
    [{ statusCode: 200, cookies: [1] }, false],
    [{ statusCode: 200, headers: null }, false],
    ['200', false],
    [undefined, false],
  ])('%j: %s', (value, expected) => {
    expect(isOperationResult(value)).toBe(expected);
  });
});
