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

/** A user name and password, sent as HTTP Basic authentication (RFC 7617). */
export interface BasicCredentials {
  username: string;
  password: string;
}

/** The credential of one security scheme: a secret (API key or token) or a user name and password. */
export type Credential = TokenProvider | BasicCredentials;

/** Credentials by security scheme name; the generated `ClientAuth` types them per scheme. */
export type AuthOptions = { readonly [scheme: string]: Credential | undefined };

/**
 * How the client sends the credential of one security scheme (generated from the document):
 * - `secret`: the scheme's credential in a header, query parameter or cookie, after `prefix`;
 *   `fallback` names the client option used when `auth` has no entry for the scheme;
 * - `basic`: `Authorization: Basic …`;
 * - `params`: request parameters the caller passes with the call (a Lambda REQUEST authorizer's identity sources);
 * - `iam`: a SigV4 signature;
 * - `none`: nothing to send (API Gateway takes the API key from the authorizer);
 * - `unsupported`: nothing the client knows how to send.
 */
export type AuthScheme =
  | { type: 'secret'; in: 'header' | 'query' | 'cookie'; name: string; prefix?: string; fallback?: 'apiKey' | 'token' }
  | { type: 'basic' }
  | { type: 'params'; headers: readonly string[]; query: readonly string[] }
  | { type: 'iam' }
  | { type: 'none' }
  | { type: 'unsupported' };

export interface ClientOptions<Auth extends object = AuthOptions> {
  /** The API's URL, stage included: `https://abc123.execute-api.eu-west-1.amazonaws.com/prod`. */
  baseUrl?: string;
  /**
   * Or the API Gateway coordinates the URL is built from: `https://{restApiId}.execute-api.{region}.amazonaws.com/{stage}`
   * (no stage segment for an HTTP API's `$default` stage).
   */
  apiGateway?: { restApiId: string; region: string; stage: string };
  /** Or a custom domain name, with the base path its API mapping uses: `https://{domainName}/{basePath}`. */
  customDomain?: { domainName: string; basePath?: string };
  /** Credentials by security scheme: each is sent only to the operations that need it, where the scheme says. */
  auth?: Auth;
  /** Sent as `x-api-key` to operations that require an API Gateway API key, unless `auth` names that scheme. */
  apiKey?: string;
  /** Sent to operations behind a Cognito, JWT or Lambda token authorizer, in the authorizer's header, unless `auth` names that scheme. */
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
  /** Security schemes the operation accepts, by name: any one alternative, all of its entries (`[]`: none needed). */
  auth: readonly (readonly string[])[];
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

/** What a generated client gives its core besides the options: how each scheme is sent, and the SigV4 signer. */
export interface ClientSetup {
  schemes?: Readonly<Record<string, AuthScheme>>;
  signer?: RequestSigner | undefined;
}

export class ApiClientCore {
  readonly #options: ClientOptions<object>;
  readonly #baseUrl: string;
  readonly #signer: RequestSigner | undefined;
  readonly #schemes: Readonly<Record<string, AuthScheme>>;

  constructor(options: ClientOptions<object>, setup: ClientSetup = {}) {
    this.#options = options;
    this.#signer = setup.signer;
    this.#schemes = setup.schemes ?? {};
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
    const headers = new Headers(this.#options.headers);
    for (const [name, value] of Object.entries(params.headers ?? {})) if (value !== undefined) headers.set(name, String(value));
    if (spec.accept !== undefined && !headers.has('accept')) headers.set('accept', spec.accept);
    for (const [name, value] of Object.entries(call.headers ?? {})) headers.set(name, value);
    const authQuery: string[] = [];
    const signer = await this.#authenticate({ spec, params, headers, query: authQuery });
    const fullQuery = authQuery.length === 0 ? query : `${query === '' ? '?' : `${query}&`}${authQuery.join('&')}`;
    const url = `${this.#baseUrl}${buildPath(spec.path, params.path ?? {})}${fullQuery}`;
    const body = encodeBody(params.body, spec, headers);
    const policy = { ...defaultRetryPolicy, ...this.#options.retry };
    const send = this.#options.fetch ?? globalThis.fetch;
    for (let attempt = 1; ; attempt++) {
      const timeoutMs = call.timeoutMs ?? this.#options.timeoutMs;
      const signals = [call.signal, timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs)].filter(
        (signal): signal is AbortSignal => signal !== undefined,
      );
      const sent = signer ? await signer.sign({ method, url, headers, body }) : headers;
      const attemptSignal = anySignal(signals);
      try {
        let request = new Request(url, { method, headers: sent, body: body ?? null, signal: attemptSignal.signal });
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
      } finally {
        attemptSignal.release();
      }
    }
  }

  /**
   * Sends the credentials of the first alternative the client can satisfy entirely (an empty
   * alternative, optional authentication, only when no other can be); returns the signer when
   * the operation must be signed.
   */
  async #authenticate(input: {
    spec: OperationSpec;
    params: OperationParams;
    headers: Headers;
    query: string[];
  }): Promise<RequestSigner | undefined> {
    const { spec, params, headers, query } = input;
    if (spec.auth.length === 0) return undefined;
    const ready = (name: string) => this.#ready(name, params);
    const chosen =
      spec.auth.find((alternative) => alternative.length > 0 && alternative.every(ready)) ??
      (spec.auth.some((alternative) => alternative.length === 0) ? [] : (spec.auth[0] ?? []));
    let signer: RequestSigner | undefined;
    for (const name of chosen) {
      const scheme = ownScheme(this.#schemes, name);
      if (scheme?.type === 'iam') {
        if (this.#signer === undefined)
          throw new TypeError(
            `${spec.method} ${spec.path} is authorized by AWS IAM: pass \`credentials\` in the client options to sign it.`,
          );
        signer = this.#signer;
      }
      const credential = scheme ? this.#credential(name, scheme) : undefined;
      if (credential === undefined) continue;
      if (scheme?.type === 'basic' && typeof credential === 'object') {
        headers.set('authorization', `Basic ${base64(`${credential.username}:${credential.password}`)}`);
      } else if (scheme?.type === 'secret' && typeof credential !== 'object') {
        const value = `${scheme.prefix ?? ''}${typeof credential === 'function' ? await credential() : credential}`;
        if (scheme.in === 'header') headers.set(scheme.name, value);
        else if (scheme.in === 'query') query.push(`${encodeURIComponent(scheme.name)}=${encodeURIComponent(value)}`);
        else headers.set('cookie', [headers.get('cookie'), `${scheme.name}=${cookieValue(value)}`].filter(Boolean).join('; '));
      }
    }
    return signer;
  }

  /** The credential the client has for a scheme: its `auth` entry, else the shorthand option the scheme falls back on. */
  #credential(name: string, scheme: AuthScheme): Credential | undefined {
    const auth = this.#options.auth as AuthOptions | undefined;
    const own = auth !== undefined && Object.hasOwn(auth, name) ? auth[name] : undefined;
    if (own !== undefined || scheme.type !== 'secret' || scheme.fallback === undefined) return own;
    return this.#options[scheme.fallback];
  }

  /** True when the client can satisfy a scheme for this call. */
  #ready(name: string, params: OperationParams): boolean {
    const scheme = ownScheme(this.#schemes, name);
    // A name without a scheme (SAM's `NONE`, say) asks for nothing.
    if (scheme === undefined) return true;
    switch (scheme.type) {
      case 'none':
        return true;
      case 'iam':
        return this.#signer !== undefined;
      case 'params':
        return (
          scheme.headers.every((header) => hasHeader(params.headers, header)) &&
          scheme.query.every((parameter) => ownValue(params.query, parameter) !== undefined)
        );
      case 'unsupported':
        return false;
      default:
        return this.#credential(name, scheme) !== undefined;
    }
  }
}

function ownScheme(schemes: Readonly<Record<string, AuthScheme>>, name: string): AuthScheme | undefined {
  return Object.hasOwn(schemes, name) ? schemes[name] : undefined;
}

function hasHeader(headers: OperationParams['headers'], name: string): boolean {
  const lower = name.toLowerCase();
  return Object.entries(headers ?? {}).some(([key, value]) => key.toLowerCase() === lower && value !== undefined);
}

/** Base64 of a text's UTF-8 bytes (RFC 7617 lets the server expect UTF-8). */
function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** A cookie value: characters RFC 6265 does not allow in one are percent-encoded. */
function cookieValue(value: string): string {
  return value.replace(/[^\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]/gu, (character) => encodeURIComponent(character));
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

/**
 * A signal that aborts when any of `signals` does, and a function removing its listeners from
 * them once the attempt is over. `AbortSignal.any` would do it, but it needs Node 20.3 and is not
 * in the DOM types of TypeScript 5.0 to 5.4, which the package compiles with.
 */
function anySignal(signals: readonly AbortSignal[]): { signal: AbortSignal | null; release: () => void } {
  if (signals.length <= 1) return { signal: signals[0] ?? null, release: () => {} };
  const controller = new AbortController();
  const abort = (event: Event) => controller.abort((event.target as AbortSignal).reason);
  const release = () => signals.forEach((signal) => signal.removeEventListener('abort', abort));
  const aborted = signals.find((signal) => signal.aborted);
  if (aborted) controller.abort(aborted.reason);
  else signals.forEach((signal) => signal.addEventListener('abort', abort, { once: true }));
  return { signal: controller.signal, release };
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
