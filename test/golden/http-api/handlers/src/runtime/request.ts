/**
 * Reading a Lambda proxy event (payload 1.0 or 2.0) as an operation declares it: parameters
 * converted from text to their declared types, the body decoded and parsed. This file is copied
 * verbatim into every handlers package.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';
import type { BodySpec, MediaSpec, ParameterSpec, RouteSpec, ScalarType } from './route-spec.js';

export type ProxyEvent = APIGatewayProxyEvent | APIGatewayProxyEventV2;

type Scalar = string | number | boolean;

type Values = Record<string, Scalar | Scalar[] | undefined>;

/** The parts of a request an operation reads, converted to their declared types. */
export interface RequestParts {
  path: Values;
  query: Values;
  headers: Values;
  cookies: Values;
  body: unknown;
}

/** Why a request cannot be read: answered with `status` and a JSON message. */
export interface RequestProblem {
  status: 400 | 415;
  message: string;
  errors: string[];
}

/** True for payload 2.0 events (HTTP APIs). */
export function isPayloadV2(event: ProxyEvent): event is APIGatewayProxyEventV2 {
  return (event as { version?: unknown }).version === '2.0';
}

/** Reads the parameters and body of a request, or says what is wrong with them. */
export function readRequest(event: ProxyEvent, route: RouteSpec): RequestParts | RequestProblem {
  const parts: RequestParts = { path: {}, query: {}, headers: {}, cookies: {}, body: undefined };
  const errors: string[] = [];
  const headers = lowerCaseKeys(event.headers);
  for (const parameter of route.parameters ?? []) {
    const texts = parameterTexts(event, parameter, headers);
    const label = `${parameter.in === 'header' ? 'header' : `${parameter.in} parameter`} "${parameter.name}"`;
    const group = parameter.in === 'header' ? 'headers' : parameter.in === 'cookie' ? 'cookies' : parameter.in;
    if (texts === undefined) {
      if (parameter.required) errors.push(`${label} is required`);
      // OpenAPI: `default` is the value the server uses when the client sends none.
      else if (parameter.default !== undefined) setOwn(parts[group], parameter.name, copyDefault(parameter.default));
      // Absent, it reads as undefined, as its type says, not as Object.prototype's member of that name (`constructor`).
      else if (parameter.name in Object.prototype) setOwn(parts[group], parameter.name, undefined);
      continue;
    }
    const values: Scalar[] = [];
    for (const text of texts) {
      const value = convertScalar(text, parameter);
      if (value === undefined) {
        errors.push(`${label} must be ${describeType(parameter)}`);
        break;
      }
      values.push(value);
    }
    if (values.length !== texts.length) continue;
    setOwn(parts[group], parameter.name, parameter.array ? values : values[0]!);
  }
  if (errors.length > 0) return { status: 400, message: 'Invalid request parameters.', errors };
  if (route.body) {
    const body = readBody(event, route.body, headers['content-type']);
    if (isProblem(body)) return body;
    parts.body = body.value;
  }
  return parts;
}

/** Sets a property as an own one: document names such as `__proto__` never become the object's prototype. */
function setOwn(target: Values, name: string, value: Scalar | Scalar[] | undefined): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}

/** A default of its own for each request: a handler that changes a list must not change the next request's. */
function copyDefault(value: NonNullable<ParameterSpec['default']>): Scalar | Scalar[] {
  return Array.isArray(value) ? [...(value as readonly Scalar[])] : (value as Scalar);
}

export function isProblem(value: unknown): value is RequestProblem {
  return typeof value === 'object' && value !== null && 'errors' in value && 'status' in value;
}

/** The texts of a parameter in the event: one, or several for lists; undefined when absent. */
function parameterTexts(event: ProxyEvent, parameter: ParameterSpec, headers: Record<string, string>): string[] | undefined {
  const single = (text: string | undefined) =>
    text === undefined ? undefined : parameter.array ? text.split(',').map((item) => item.trim()) : [text];
  switch (parameter.in) {
    case 'path':
      return single(ownString(event.pathParameters, parameter.name));
    case 'header':
      return single(headers[parameter.name.toLowerCase()]);
    case 'cookie':
      return single(cookies(event, headers)[parameter.name]);
    case 'query': {
      if (!isPayloadV2(event) && parameter.array && !parameter.joined) {
        // Payload 1.0 keeps repeated parameters apart; payload 2.0 joins them with commas.
        const values = event.multiValueQueryStringParameters?.[parameter.name];
        if (values !== undefined && Object.hasOwn(event.multiValueQueryStringParameters ?? {}, parameter.name)) return values;
      }
      return single(ownString(event.queryStringParameters, parameter.name));
    }
  }
}

function ownString(values: Record<string, string | undefined> | null | undefined, name: string): string | undefined {
  return values && Object.hasOwn(values, name) ? values[name] : undefined;
}

function lowerCaseKeys(headers: Record<string, string | undefined> | null | undefined): Record<string, string> {
  const result: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(headers ?? {})) if (value !== undefined) result[name.toLowerCase()] = value;
  return result;
}

/** Cookies by name: payload 2.0 lists them in `cookies`, payload 1.0 has the `Cookie` header. */
function cookies(event: ProxyEvent, headers: Record<string, string>): Record<string, string> {
  const pairs = isPayloadV2(event) ? (event.cookies ?? []) : (headers.cookie ?? '').split(';');
  const result: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const pair of pairs) {
    const separator = pair.indexOf('=');
    if (separator > 0) result[pair.slice(0, separator).trim()] = pair.slice(separator + 1).trim();
  }
  return result;
}

/** Converts one text to the parameter's type; undefined when it does not fit. */
export function convertScalar(text: string, parameter: Pick<ParameterSpec, 'type' | 'enum'>): Scalar | undefined {
  const value = convertType(text, parameter.type);
  if (value === undefined || parameter.enum === undefined) return value;
  // The document's own value, so that `'1'` in an integer enum still matches the literal type.
  return parameter.enum.find((allowed) => String(allowed) === String(value));
}

function convertType(text: string, type: ScalarType): Scalar | undefined {
  switch (type) {
    case 'string':
      return text;
    case 'integer':
      return /^[-+]?\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : undefined;
    case 'number':
      return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) && Number.isFinite(Number(text)) ? Number(text) : undefined;
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : undefined;
  }
}

function describeType(parameter: ParameterSpec): string {
  const single = parameter.enum
    ? `one of ${parameter.enum.map((value) => JSON.stringify(value)).join(', ')}`
    : { string: 'text', integer: 'an integer', number: 'a number', boolean: 'true or false' }[parameter.type];
  return parameter.array ? `a comma-separated list of ${single}` : single;
}

/** Decodes a body (base64 when API Gateway says so) and reads it as its media type: JSON parsed, text as a string, binary as bytes. */
function readBody(event: ProxyEvent, spec: BodySpec, contentType: string | undefined): { value: unknown } | RequestProblem {
  const raw = event.body ?? '';
  if (raw === '') {
    return spec.required
      ? { status: 400, message: 'A request body is required.', errors: ['request body is required'] }
      : { value: undefined };
  }
  const media = contentType === undefined ? spec.media[0] : spec.media.find((declared) => mediaTypeMatches(declared.type, contentType));
  if (media === undefined) {
    const accepted = spec.media.map((declared) => declared.type).join(', ');
    return {
      status: 415,
      message: `Unsupported content type; send one of: ${accepted}.`,
      errors: [`content type must be one of: ${accepted}`],
    };
  }
  const bytes = Buffer.from(raw, event.isBase64Encoded ? 'base64' : 'utf8');
  return readMedia(bytes, media);
}

function readMedia(bytes: Buffer, media: MediaSpec): { value: unknown } | RequestProblem {
  // A Buffer is a Uint8Array, the type operations declare for binary bodies.
  if (media.kind === 'binary') return { value: bytes };
  const text = bytes.toString('utf8');
  if (media.kind === 'text') return { value: text };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { status: 400, message: 'The request body is not valid JSON.', errors: ['request body is not valid JSON'] };
  }
}

/** True when a declared media type (possibly `image/*` or `*\/*`) covers a `Content-Type` value. */
export function mediaTypeMatches(declared: string, contentType: string): boolean {
  const [type = '', subtype = ''] = declared.toLowerCase().split(';')[0]!.trim().split('/');
  const [actualType = '', actualSubtype = ''] = contentType.toLowerCase().split(';')[0]!.trim().split('/');
  return (type === '*' || type === actualType) && (subtype === '*' || subtype === actualSubtype);
}
