/**
 * The request core of generated SDKs: base URL, authentication, timeouts, retries and typed
 * errors. The generated client class only describes operations. This file is copied verbatim
 * into every SDK package, so it depends on nothing but its sibling runtime files and the
 * platform `fetch`.
 */
import { encodeFormBody, encodeMultipartBody, type PartEncoding } from './form-body.js';
import { defaultRetryPolicy, isRetryable, retryDelayMs, type RetryPolicy } from './retry.js';
import { buildPath, buildQuery, ownValue, type ParameterStyle, type ParameterValue } from './serialize.js';

/** A token, or a function that returns a fresh one (called before every request). */
export type TokenProvider = string | (() => string | Promise<string>);

export interface ClientOptions {
  /** The API's URL, stage included: `https://abc123.execute-api.eu-west-1.amazonaws.com/prod`. */
  baseUrl?: string;
  /**
   * Or the API Gateway coordinates the URL is built from: `https://{restApiId}.execute-api.{region}.amazonaws.com/{stage}`
   * (no stage segment for an HTTP API's `$default` stage).
   */
  apiGateway?: { restApiId: string; region: string; stage: string };
  /** Or a custom domain name, with the base path its API mapping uses: `https://{domainName}/{basePath}`. */
  customDomain?: { domainName: string; basePath?: string };
  /** Sent as `x-api-key` to operations that require an API key. */
  apiKey?: string;
  /** Sent as `Authorization` to operations behind a Cognito, JWT or Lambda authorizer. */
  token?: TokenProvider;
  fetch?: typeof fetch;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Per-attempt timeout (default: none). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Requests to operations authorized by AWS IAM arrive signed: changing their headers or body breaks the signature. */
  onRequest?: (request: Request) => Request | void | Promise<Request | void>;
  onResponse?: (response: Response, request: Request) => void | Promise<void>;
}

export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  headers?: Record<string, string>;
}

/** How the client sends one operation; generated from the API model. */
export interface OperationSpec {
  /** The client method, named in its errors. */
  name: string;
  /** The HTTP method, or `ANY` for API Gateway's catch-all method: the caller's `params.method` then. */
  method: string;
  path: string;
  query: readonly { name: string; style: ParameterStyle }[];
  /** Credentials the operation accepts: any one alternative, all of its entries (`iam`: a SigV4 signature). */
  auth: readonly (readonly ('apiKey' | 'token' | 'iam')[])[];
  bodyMediaType?: string;
  /** How the properties of a form or multipart body are encoded (the document's Encoding Objects). */
  bodyEncoding?: Readonly<Record<string, PartEncoding>>;
  /**
   * How the success body is read. For `binary`, the request asks for `accept`: API Gateway
   * passes a binary body through only when `Accept` names one of the API's binary media types.
   */
  response: 'json' | 'text' | 'binary' | 'none';
  accept?: string;
  /** The error statuses the API declares (`404`, `4XX`, `default`), which `ApiError.is()` tells apart. */
  errors: readonly string[];
  /** Those of `errors` declared without a body: what comes with them is dropped, as their type says. */
  bodiless?: readonly string[];
}

/** Parameters of one call, grouped by location (and the method, for an `ANY` operation). */
export interface OperationParams {
  method?: string;
  path?: Readonly<Record<string, ParameterValue>>;
  query?: Readonly<Record<string, ParameterValue>>;
  headers?: Readonly<Record<string, string | number | boolean | undefined>>;
  body?: unknown;
}

/** A request as a signer sees it: final URL, method, headers and encoded body. */
export interface SignableRequest {
  method: string;
  url: string;
  headers: Headers;
  body: RequestInit['body'];
}

/**
 * Signs the requests of operations authorized by AWS IAM (`sigv4.ts`). Clients of APIs that have
 * such operations pass one; it is called for every attempt, once every other header is set.
 */
export interface RequestSigner {
  /** The headers to send: the request's own plus the signature's. */
  sign(request: SignableRequest): Promise<Headers>;
}

/** The body of API Gateway's own errors (missing key or token, throttling, integration timeout, …). */
export interface GatewayErrorBody {
  message: string;
}

/** Error bodies by status, as an operation declares them: `{ 404: NotFound; '5XX': Problem; default: Error }`. */
export type ErrorBodies = object;

/**
 * A non-2xx answer: its status, headers and parsed body. `is()` narrows the body to what the
 * API declares for a status (the generated `isApiError(error, 'operation')` narrows an
 * unknown error to one operation's errors first).
 */
export class ApiError<Operation extends string = string, Bodies extends ErrorBodies = Record<number, unknown>> extends Error {
  readonly operation: Operation;
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  readonly #declared: readonly string[];
  constructor(init: { operation: Operation; status: number; headers: Headers; body: unknown; declared?: readonly string[] }) {
    const { body } = init;
    const detail = typeof body === 'object' && body !== null && 'message' in body ? `: ${String(body.message)}` : '';
    super(`${init.operation}: HTTP ${init.status}${detail}`);
    this.name = 'ApiError';
    this.operation = init.operation;
    this.status = init.status;
    this.headers = init.headers;
    this.body = body;
    this.#declared = init.declared ?? [];
  }

  /**
   * True when the answer has this status: an exact one (`404`), a range (`'4XX'`), or
   * `'default'` (any status the operation does not declare otherwise).
   */
  is<Status extends keyof Bodies & (number | string)>(
    status: Status,
  ): this is ApiError<Operation, Bodies> & { readonly status: Status extends number ? Status : number; readonly body: Bodies[Status] } {
    return matchesStatus(String(status), this.status, this.#declared);
  }
}

function matchesStatus(key: string, status: number, declared: readonly string[]): boolean {
  if (/^\d{3}$/.test(key)) return Number(key) === status;
  if (/^[1-5]XX$/i.test(key)) return Math.floor(status / 100) === Number(key[0]) && !declared.includes(String(status));
  if (key === 'default') return !declared.some((other) => other !== 'default' && matchesStatus(other, status, []));
  return false;
}

/** The declared status that describes an answer: the exact one, else its range, else `default`. */
function declaredStatus(status: number, declared: readonly string[]): string | undefined {
  return [String(status), `${Math.floor(status / 100)}XX`, 'default'].find((key) => declared.includes(key));
}

export class ApiClientCore {
  readonly #options: ClientOptions;
  readonly #baseUrl: string;
  readonly #signer: RequestSigner | undefined;

  constructor(options: ClientOptions, signer?: RequestSigner) {
    this.#options = options;
    this.#signer = signer;
    const base = options.baseUrl ?? gatewayUrl(options.apiGateway) ?? domainUrl(options.customDomain);
    if (!base) throw new TypeError('ClientOptions needs baseUrl, apiGateway or customDomain');
    this.#baseUrl = base.replace(/\/+$/, '');
  }

  /** Sends one operation; `params` is the operation's typed params object (an OperationParams). */
  protected async request<T>(spec: OperationSpec, input: object, call: CallOptions = {}): Promise<T> {
    const params = input as OperationParams;
    const method = spec.method === 'ANY' ? params.method : spec.method;
    if (typeof method !== 'string' || method === 'ANY')
      throw new TypeError(`${spec.name} answers any HTTP method: pass the one to send as \`method\``);
    const query = buildQuery(spec.query.map(({ name, style }) => ({ name, style, value: ownValue(params.query, name) })));
    const url = `${this.#baseUrl}${buildPath(spec.path, params.path ?? {})}${query}`;
    const headers = new Headers(this.#options.headers);
    for (const [name, value] of Object.entries(params.headers ?? {})) if (value !== undefined) headers.set(name, String(value));
    if (spec.accept !== undefined && !headers.has('accept')) headers.set('accept', spec.accept);
    for (const [name, value] of Object.entries(call.headers ?? {})) headers.set(name, value);
    const signer = await this.#authenticate(spec, headers);
    const body = encodeBody(params.body, spec, headers);
    const policy = { ...defaultRetryPolicy, ...this.#options.retry };
    const send = this.#options.fetch ?? globalThis.fetch;
    for (let attempt = 1; ; attempt++) {
      const timeoutMs = call.timeoutMs ?? this.#options.timeoutMs;
      const signals = [call.signal, timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs)].filter(
        (signal) => signal !== undefined,
      );
      const sent = signer ? await signer.sign({ method, url, headers, body }) : headers;
      let request = new Request(url, {
        method,
        headers: sent,
        body,
        signal: signals.length > 0 ? AbortSignal.any(signals) : null,
      });
      request = (await this.#options.onRequest?.(request)) ?? request;
      const response = await send(request);
      await this.#options.onResponse?.(response, request);
      if (response.ok) return (await decodeSuccess(response, spec.response)) as T;
      if (attempt < policy.maxAttempts && isRetryable(method, response.status)) {
        await response.body?.cancel();
        await sleep(retryDelayMs({ attempt, retryAfter: response.headers.get('retry-after'), policy }), call.signal);
        continue;
      }
      const bodiless = spec.bodiless?.includes(declaredStatus(response.status, spec.errors) ?? '') ?? false;
      if (bodiless) await response.body?.cancel();
      throw new ApiError({
        operation: spec.name,
        status: response.status,
        headers: response.headers,
        body: bodiless ? undefined : await decodeBody(response),
        declared: spec.errors,
      });
    }
  }

  /** Sets the API key and token headers; returns the signer when the operation must be signed. */
  async #authenticate(spec: OperationSpec, headers: Headers): Promise<RequestSigner | undefined> {
    if (spec.auth.length === 0) return undefined;
    // The first alternative the client has credentials for.
    const has = { apiKey: this.#options.apiKey, token: this.#options.token, iam: this.#signer };
    const usable = spec.auth.find((needs) => needs.every((kind) => has[kind] !== undefined)) ?? spec.auth[0] ?? [];
    if (usable.includes('apiKey') && this.#options.apiKey !== undefined) headers.set('x-api-key', this.#options.apiKey);
    const token = this.#options.token;
    if (usable.includes('token') && token !== undefined) headers.set('authorization', typeof token === 'function' ? await token() : token);
    if (!usable.includes('iam')) return undefined;
    if (this.#signer === undefined)
      throw new TypeError(`${spec.method} ${spec.path} is authorized by AWS IAM: pass \`credentials\` in the client options to sign it.`);
    return this.#signer;
  }
}

function gatewayUrl(coordinates: ClientOptions['apiGateway']): string | undefined {
  if (!coordinates) return undefined;
  const stage = coordinates.stage === '$default' ? '' : `/${encodeURIComponent(coordinates.stage)}`;
  return `https://${coordinates.restApiId}.execute-api.${coordinates.region}.amazonaws.com${stage}`;
}

function domainUrl(domain: ClientOptions['customDomain']): string | undefined {
  if (!domain) return undefined;
  const basePath = (domain.basePath ?? '').replace(/^\/+|\/+$/g, '');
  return `https://${domain.domainName}${basePath ? `/${basePath.split('/').map(encodeURIComponent).join('/')}` : ''}`;
}

function encodeBody(body: unknown, spec: OperationSpec, headers: Headers): RequestInit['body'] {
  const mediaType = spec.bodyMediaType;
  if (body === undefined || mediaType === undefined) return null;
  const multipart = /^multipart\//i.test(mediaType);
  const encoded = multipart && isPlainObject(body) ? encodeMultipartBody(body, spec.bodyEncoding) : body;
  if (encoded instanceof FormData) {
    // fetch writes the content type itself, with the boundary it separates the parts with.
    if (!/boundary=/i.test(headers.get('content-type') ?? '')) headers.delete('content-type');
    return encoded;
  }
  if (!headers.has('content-type')) headers.set('content-type', mediaType);
  if (
    body instanceof Blob ||
    body instanceof ArrayBuffer ||
    body instanceof Uint8Array ||
    body instanceof URLSearchParams ||
    typeof body === 'string'
  )
    return body as RequestInit['body'];
  if (/^application\/x-www-form-urlencoded\b/i.test(mediaType) && typeof body === 'object' && body !== null)
    return encodeFormBody(body, spec.bodyEncoding);
  return JSON.stringify(body);
}

/** An object literal's kind of value, not a binary, FormData or other platform object. */
function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** A success body, read as the operation declares it. */
async function decodeSuccess(response: Response, kind: OperationSpec['response']): Promise<unknown> {
  if (kind === 'binary') return response.blob();
  if (kind === 'text') return response.text();
  if (kind === 'none') {
    await response.body?.cancel();
    return undefined;
  }
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new TypeError(`${response.status} answer is not JSON (content-type: ${response.headers.get('content-type') ?? 'none'})`);
  }
}

/** An error body, read as its content type says (API Gateway's own errors are JSON). */
async function decodeBody(response: Response): Promise<unknown> {
  if (response.status === 204 || response.headers.get('content-length') === '0') return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (/[/+]json\b/.test(type)) {
    const text = await response.text();
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  }
  if (type.startsWith('text/')) return response.text();
  return response.blob();
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    });
  });
}
