import { validateHeaderName, validateHeaderValue } from 'node:http';
import { ownField, setOwn } from './own-fields.js';

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

/** The keys a payload 1.0 result may have: any other makes it malformed. */
const V1_KEYS = new Set(['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded']);

/**
 * Payload 1.0, as AWS recorded it for a REST API (localstack/localstack
 * tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json,
 * test_aws_proxy_response_payload_format_validation, at 8b9a79f05846835cf4dff63ab7eefdde9df83783):
 * every key is optional (no `statusCode` is 200) but no other key is allowed; `statusCode` may be
 * a string of digits (`"201"`); `multiValueHeaders` values must be lists; a header in both maps
 * gets the `multiValueHeaders` values, then the `headers` value; without a `Content-Type` the
 * answer is `application/json`.
 */
export function readResultV1(result: unknown): ProxyResult {
  if (typeof result !== 'object' || result === null || Array.isArray(result))
    throw new MalformedResultError(`the handler returned ${JSON.stringify(result) ?? 'undefined'}, not an object (payload 1.0)`);
  const unknown = Object.keys(result).find((key) => !V1_KEYS.has(key));
  if (unknown !== undefined)
    throw new MalformedResultError(
      `the handler returned a result with the key ${JSON.stringify(unknown)} (payload 1.0 allows ${[...V1_KEYS].join(', ')})`,
    );
  const shape = result as ResultShape;
  const headers: Record<string, string | string[]> = singleHeaders(shape.headers);
  for (const [name, values] of Object.entries(shape.multiValueHeaders ?? {})) {
    if (!Array.isArray(values)) throw new MalformedResultError(`the handler returned multiValueHeaders.${name} that is not a list`);
    const lower = checkedName(name);
    const single = ownField(headers, lower);
    setOwn(headers, lower, [...values.map((value) => checkedValue(name, value)), ...(single === undefined ? [] : [single as string])]);
  }
  headers['content-type'] ??= 'application/json';
  return { statusCode: statusCodeV1(shape.statusCode), headers, body: bodyOf(shape), base64: shape.isBase64Encoded === true };
}

function statusCodeV1(statusCode: unknown): number {
  if (statusCode === undefined || statusCode === null) return 200;
  const code = typeof statusCode === 'string' && /^\d+$/.test(statusCode.trim()) ? Number(statusCode) : statusCode;
  if (typeof code !== 'number' || !Number.isInteger(code) || code < 100 || code > 599)
    throw new MalformedResultError(`the handler returned the statusCode ${JSON.stringify(statusCode)}`);
  return code;
}

/**
 * Payload 2.0 also takes a result without a `statusCode`: it becomes a 200 `application/json`
 * answer whose body is the function's response, a string as it is (`"Hello from Lambda!"` answers
 * `Hello from Lambda!`), anything else as JSON.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.v2
 */
export function readResultV2(result: unknown): ProxyResult {
  const shape = result as ResultShape | undefined;
  if (typeof shape !== 'object' || shape === null || typeof shape.statusCode !== 'number') {
    const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body, base64: false };
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

/** A header name the client can be sent, in lower case; `from` says where it came from in the error. */
export function checkedName(name: string, from = 'the handler returned'): string {
  try {
    validateHeaderName(name);
  } catch {
    throw new MalformedResultError(`${from} an invalid header name ${JSON.stringify(name)}`);
  }
  return name.toLowerCase();
}

/** A header value the client can be sent (no CR, LF or other control character). */
export function checkedValue(name: string, value: unknown, from = 'the handler returned'): string {
  const text = String(value);
  try {
    validateHeaderValue(name, text);
  } catch {
    throw new MalformedResultError(`${from} an invalid value for the header ${JSON.stringify(name)}: ${JSON.stringify(text)}`);
  }
  return text;
}
