/**
 * API Gateway's request validator: required headers and query strings, then a JSON body against
 * the schema of its media type, answered with API Gateway's 400 messages. `apigw-gen serve` runs
 * this module too (with schemas compiled at start), so that a generated handler and `serve`
 * reject the same requests with the same messages. This file is copied verbatim into every
 * handlers package.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html
 * @see https://github.com/localstack/localstack/blob/main/tests/aws/services/apigateway/test_apigateway_common.snapshot.json
 * (AWS-validated: `{"message": "Invalid request body"}` and `{"message": "Missing required request parameters: [...]"}`)
 */

/** A compiled schema: true when the value is valid. */
export type SchemaCheck = (value: unknown) => boolean;

/** A compiled schema that tells, after a value failed, where and why (ajv's first error). */
export interface ReportingCheck {
  (value: unknown): boolean;
  errors?: readonly { instancePath: string; message?: string }[] | null;
}

/**
 * What an operation's request validator checks (what `validateRequestParameters` and
 * `validateRequestBody` enable). The generator prints it with the names of compiled checks.
 */
export interface ValidationSpec<Check = SchemaCheck> {
  /** Required headers, as the document names them. */
  headers?: readonly string[];
  /** Required query string parameters. */
  query?: readonly string[];
  /** The schemas of JSON bodies, by media type essence (`application/json`). */
  bodies?: Readonly<Record<string, Check>>;
}

/** A request as the validator reads it. */
export interface ValidationInput {
  /** Headers by lower-case name. */
  headers: Readonly<Record<string, string | undefined>>;
  hasQuery: (name: string) => boolean;
  /** The body as text, empty when there is none. */
  body: string;
}

export interface ValidationFailure {
  type: 'BAD_REQUEST_PARAMETERS' | 'BAD_REQUEST_BODY';
  message: string;
}

const INVALID_BODY: ValidationFailure = { type: 'BAD_REQUEST_BODY', message: 'Invalid request body' };

/**
 * The first reason API Gateway's validator refuses a request, or undefined. Missing parameters
 * are listed headers first, then query strings, as API Gateway orders its `method.request.*`
 * keys. A body is checked when its `Content-Type` (JSON when absent) has a schema.
 */
export function checkRequest(spec: ValidationSpec, input: ValidationInput): ValidationFailure | undefined {
  const missing = [
    ...(spec.headers ?? []).filter((name) => ownHeader(input.headers, name.toLowerCase()) === undefined),
    ...(spec.query ?? []).filter((name) => !input.hasQuery(name)),
  ];
  if (missing.length > 0)
    return { type: 'BAD_REQUEST_PARAMETERS', message: `Missing required request parameters: [${missing.join(', ')}]` };
  if (!spec.bodies) return undefined;
  const essence = mediaTypeEssence(input.headers['content-type'] ?? 'application/json');
  const check = Object.hasOwn(spec.bodies, essence) ? spec.bodies[essence] : undefined;
  if (!check) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(input.body);
  } catch {
    return INVALID_BODY;
  }
  return check(value) ? undefined : INVALID_BODY;
}

/** A header the request has: the record's own field, so that `constructor` or `__proto__` is missing unless sent. */
function ownHeader(headers: ValidationInput['headers'], name: string): string | undefined {
  return Object.hasOwn(headers, name) ? headers[name] : undefined;
}

/**
 * Why a body does not match its schema, naming the JSON pointer (RFC 6901) of the value at
 * fault (`""` for the whole body); undefined when it matches. For response validation, which
 * tells a developer that an implementation breaks the contract its document declares.
 */
export function checkBody(check: ReportingCheck, body: unknown): string | undefined {
  if (check(body)) return undefined;
  const error = check.errors?.[0];
  return `at ${JSON.stringify(error?.instancePath ?? '')}: ${error?.message ?? 'does not match the schema'}`;
}

/** `application/json; charset=utf-8` → `application/json`. */
export function mediaTypeEssence(mediaType: string): string {
  return mediaType.split(';')[0]!.trim().toLowerCase();
}

/**
 * What ajv's standalone validators (`validators.gen.ts`) load by module name: its Unicode-aware
 * string length (`minLength`, `maxLength`) and deep equality (`enum`, `const`, `uniqueItems`),
 * here as code of this package, so that no part of ajv is needed at run time.
 */
export function ajvRuntime(name: string): { default: unknown } {
  if (name === 'ajv/dist/runtime/ucs2length') return { default: codePointLength };
  if (name === 'ajv/dist/runtime/equal') return { default: jsonEqual };
  throw new Error(`The generated validators need ${name}, which this runtime does not provide: regenerate the handlers.`);
}

/** The length of a string in code points, as JSON Schema counts it (a surrogate pair is one character). */
function codePointLength(text: string): number {
  return [...text].length;
}

/** Equality of JSON values: arrays item by item, objects by their own keys whatever their order. */
function jsonEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) return false;
  if (Array.isArray(left) !== Array.isArray(right)) return false;
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item, index) => jsonEqual(item, right[index]));
  }
  const leftKeys = Object.keys(left);
  const rightRecord = right as Record<string, unknown>;
  if (leftKeys.length !== Object.keys(right).length) return false;
  return leftKeys.every((key) => Object.hasOwn(rightRecord, key) && jsonEqual((left as Record<string, unknown>)[key], rightRecord[key]));
}
