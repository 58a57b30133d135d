import { validateHeaderName, validateHeaderValue } from 'node:http';

/**
 * A Lambda proxy integration's result, read as API Gateway reads it. A result API Gateway cannot
 * turn into an HTTP answer (no status code under payload 1.0, a header value with CR or LF or a
 * header name that is not a token) is a malformed Lambda proxy response: the integration fails.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-output-format
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.response
 */

export interface ProxyResult {
  statusCode: number;
  /** Header names in lower case; a list is one header line per value. */
  headers: Record<string, string | string[]>;
  body: string;
  /** The handler said `isBase64Encoded`: the gateway decides whether the client gets bytes. */
  base64: boolean;
}

/** Why a result cannot be answered. */
export class MalformedResultError extends Error {}

interface ResultShape {
  statusCode?: unknown;
  headers?: Record<string, unknown>;
  multiValueHeaders?: Record<string, unknown>;
  cookies?: unknown[];
  body?: unknown;
  isBase64Encoded?: unknown;
}

/**
 * Payload 1.0: `statusCode` is required; `headers` and `multiValueHeaders` merge, a name in
 * `multiValueHeaders` keeping only its values there, one header line each.
 */
export function readResultV1(result: unknown): ProxyResult {
  const shape = (result ?? {}) as ResultShape;
  if (typeof shape.statusCode !== 'number') throw new MalformedResultError('the handler returned no statusCode (payload 1.0 needs one)');
  const headers: Record<string, string | string[]> = singleHeaders(shape.headers);
  for (const [name, values] of Object.entries(shape.multiValueHeaders ?? {})) {
    headers[checkedName(name)] = (Array.isArray(values) ? values : [values]).map((value) => checkedValue(name, value));
  }
  return { statusCode: shape.statusCode, headers, body: bodyOf(shape), base64: shape.isBase64Encoded === true };
}

/** Payload 2.0 also takes a bare value: it becomes a 200 JSON answer. */
export function readResultV2(result: unknown): ProxyResult {
  const shape = result as ResultShape | undefined;
  if (typeof shape !== 'object' || shape === null || typeof shape.statusCode !== 'number') {
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(result ?? null), base64: false };
  }
  const headers: Record<string, string | string[]> = singleHeaders(shape.headers);
  if (Array.isArray(shape.cookies) && shape.cookies.length > 0) {
    headers['set-cookie'] = shape.cookies.map((cookie) => checkedValue('set-cookie', cookie));
  }
  return { statusCode: shape.statusCode, headers, body: bodyOf(shape), base64: shape.isBase64Encoded === true };
}

function singleHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [checkedName(name), checkedValue(name, value)]));
}

function bodyOf(shape: ResultShape): string {
  return typeof shape.body === 'string' ? shape.body : '';
}

function checkedName(name: string): string {
  try {
    validateHeaderName(name);
  } catch {
    throw new MalformedResultError(`the handler returned an invalid header name ${JSON.stringify(name)}`);
  }
  return name.toLowerCase();
}

function checkedValue(name: string, value: unknown): string {
  const text = String(value);
  try {
    validateHeaderValue(name, text);
  } catch {
    throw new MalformedResultError(`the handler returned an invalid value for the header ${JSON.stringify(name)}: ${JSON.stringify(text)}`);
  }
  return text;
}
