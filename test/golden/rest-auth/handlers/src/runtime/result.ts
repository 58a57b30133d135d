/**
 * Writing what an operation returns as a Lambda proxy result (payload 1.0 or 2.0): the body
 * encoded as its declared media type, binary bodies in base64, cookies, and the CORS headers the
 * API declares. This file is copied verbatim into every handlers package.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-output-format
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
import type { APIGatewayProxyResult, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { CorsSpec, MediaSpec, RouteSpec } from './route-spec.js';

/** A header value; lists are sent joined with commas. */
export type HeaderValue = string | number | boolean | readonly (string | number | boolean)[];

/** What an operation answers. Generated types narrow it to the document's responses. */
export interface OperationResult {
  statusCode: number;
  body?: unknown;
  headers?: Readonly<Record<string, HeaderValue | undefined>>;
  /** `Set-Cookie` values: the `cookies` of a payload 2.0 result, `Set-Cookie` headers in payload 1.0. */
  cookies?: readonly string[];
}

/** What both payload versions need: headers as text, the body encoded. */
interface EncodedResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
  cookies: string[];
}

/** True for a value shaped as an OperationResult (implementations in JavaScript may return anything). */
export function isOperationResult(value: unknown): value is OperationResult {
  if (typeof value !== 'object' || value === null) return false;
  const { statusCode, headers, cookies } = value as Record<string, unknown>;
  return (
    Number.isInteger(statusCode) &&
    (statusCode as number) >= 100 &&
    (statusCode as number) <= 599 &&
    (headers === undefined || (typeof headers === 'object' && headers !== null)) &&
    (cookies === undefined || (Array.isArray(cookies) && cookies.every((cookie) => typeof cookie === 'string')))
  );
}

/** A payload 1.0 result (REST APIs, and HTTP APIs with payload 1.0). */
export function toResultV1(result: OperationResult, options: WriteOptions): APIGatewayProxyResult {
  const { statusCode, headers, body, isBase64Encoded, cookies } = encodeResult(result, options);
  return { statusCode, headers, ...(cookies.length > 0 ? { multiValueHeaders: { 'Set-Cookie': cookies } } : {}), body, isBase64Encoded };
}

/** A payload 2.0 result (HTTP APIs). */
export function toResultV2(result: OperationResult, options: WriteOptions): APIGatewayProxyStructuredResultV2 {
  const { statusCode, headers, body, isBase64Encoded, cookies } = encodeResult(result, options);
  return { statusCode, headers, body, isBase64Encoded, ...(cookies.length > 0 ? { cookies } : {}) };
}

export interface WriteOptions {
  /** The operation's route; absent for answers of the router itself (unknown route). */
  route?: RouteSpec;
  cors?: CorsSpec;
  /** The request's `Origin` header, for CORS. */
  origin?: string;
}

function encodeResult(result: OperationResult, options: WriteOptions): EncodedResult {
  const media = options.route ? responseMedia(options.route, result.statusCode) : undefined;
  const kind = media?.kind ?? inferKind(result.body);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(',') : String(value);
    // defineProperty: a header named `__proto__` stays a header (assignment would set the object's prototype).
    Object.defineProperty(headers, name, { value: text, enumerable: true, writable: true, configurable: true });
  }
  const has = (name: string) => Object.keys(headers).some((key) => key.toLowerCase() === name.toLowerCase());
  const { body, isBase64Encoded } = encodeBody(result.body, kind);
  if (body !== '' && !has('content-type')) {
    const type = media && !media.type.includes('*') ? media.type : kind === 'json' ? 'application/json' : undefined;
    if (type) headers['Content-Type'] = type;
  }
  for (const [name, value] of Object.entries(corsHeaders(options.cors, options.origin))) if (!has(name)) headers[name] = value;
  return { statusCode: result.statusCode, headers, body, isBase64Encoded, cookies: [...(result.cookies ?? [])] };
}

/** The key of the declared response for a status: exact (`404`), then its class (`4XX`), then `default`. */
export function declaredStatus(route: RouteSpec, status: number): string | undefined {
  const code = String(status);
  return [code, `${code[0]}XX`, 'default'].find((key) => Object.hasOwn(route.responses, key));
}

function responseMedia(route: RouteSpec, status: number): MediaSpec | undefined {
  const key = declaredStatus(route, status);
  const declared = key === undefined ? undefined : route.responses[key];
  return declared && 'kind' in declared ? (declared as MediaSpec) : undefined;
}

function inferKind(body: unknown): MediaSpec['kind'] {
  if (body instanceof Uint8Array) return 'binary';
  return typeof body === 'string' ? 'text' : 'json';
}

function encodeBody(body: unknown, kind: MediaSpec['kind']): { body: string; isBase64Encoded: boolean } {
  if (body === undefined) return { body: '', isBase64Encoded: false };
  if (kind === 'binary') {
    const bytes = body instanceof Uint8Array ? Buffer.from(body.buffer, body.byteOffset, body.byteLength) : Buffer.from(String(body));
    return { body: bytes.toString('base64'), isBase64Encoded: true };
  }
  if (kind === 'text') return { body: typeof body === 'string' ? body : JSON.stringify(body), isBase64Encoded: false };
  return { body: JSON.stringify(body), isBase64Encoded: false };
}

/**
 * The CORS headers of an answer. Browsers accept one origin per answer, so with several allowed
 * origins the request's own is echoed when it is one of them (and caches told so with `Vary`).
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-cors.html
 */
export function corsHeaders(cors: CorsSpec | undefined, origin: string | undefined): Record<string, string> {
  if (!cors) return {};
  const headers: Record<string, string> = {};
  const anyOrigin = cors.allowOrigins.includes('*');
  if (anyOrigin && !cors.allowCredentials) headers['Access-Control-Allow-Origin'] = '*';
  else if (cors.allowOrigins.length === 1 && !anyOrigin) headers['Access-Control-Allow-Origin'] = cors.allowOrigins[0]!;
  else if (origin !== undefined && (anyOrigin || cors.allowOrigins.includes(origin))) {
    headers['Access-Control-Allow-Origin'] = origin;
    headers.Vary = 'Origin';
  }
  if (cors.allowCredentials) headers['Access-Control-Allow-Credentials'] = 'true';
  if (cors.exposeHeaders && cors.exposeHeaders.length > 0) headers['Access-Control-Expose-Headers'] = cors.exposeHeaders.join(',');
  return headers;
}
