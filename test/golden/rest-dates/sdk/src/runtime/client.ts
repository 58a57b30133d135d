/**
 * The request core of generated SDKs: base URL, authentication, middleware, timeouts, retries
 * and typed errors. Generated operation functions describe each operation and call it. This
 * file is copied verbatim into every SDK package, so it depends on nothing but its sibling
 * runtime files and the platform `fetch`; what only some operations need (request bodies and form
 * encoders, each kind of credential, streams and event streams, dates, SigV4) lives in other
 * files, which operations' specs name, so that a bundle holds them only when it calls such an
 * operation.
 */
import { defaultRetryPolicy, isIdempotent, isRetryable, retryDelayMs, type RetryPolicy } from './retry.js';
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

/** The `auth` option's credential for a scheme: own entries only, so that a scheme named `constructor` is not inherited. */
export function authEntry(scheme: OperationAuth, options: ClientOptions<object>): Credential | undefined {
  const auth = options.auth as AuthOptions | undefined;
  return auth !== undefined && Object.hasOwn(auth, scheme.scheme) ? auth[scheme.scheme] : undefined;
}

/** What a kind of credential sees of the call it authenticates, and what it adds to it. */
export interface AuthCall {
  readonly spec: OperationSpec;
  readonly options: ClientOptions<object>;
  readonly params: OperationParams;
  readonly headers: Headers;
  /** `name=value` pairs added to the query string (already percent-encoded). */
  readonly query: string[];
  /** The signer of an operation authorized by AWS IAM, set by the `iam` kind. */
  signer?: RequestSigner;
}

/**
 * How the client sends one kind of credential (API key or token, Basic, a Lambda REQUEST
 * authorizer's parameters, SigV4): each kind is a runtime file of its own (`auth-*.ts`) that the
 * specs of the operations using it name, so that a program bundles only the kinds it calls.
 */
export interface AuthKind<Scheme extends OperationAuth = OperationAuth> {
  /** True when the client can satisfy the scheme for this call. */
  ready(scheme: Scheme, call: AuthCall): boolean;
  /** Adds the scheme's credential to the call. */
  send?(scheme: Scheme, call: AuthCall): void | Promise<void>;
}

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
  /**
   * Signs the operations authorized by AWS IAM: `sigv4Auth({ credentials })` from the package's
   * `sigv4` runtime, imported only by programs that call such operations.
   */
  signer?: RequestSigner;
  fetch?: typeof fetch;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Per-attempt timeout (default: none). A streamed answer's timeout ends when its headers arrive. */
  timeoutMs?: number;
  /**
   * When failed attempts are sent again: throttling (429) and server errors of idempotent
   * methods, and their network errors and timeouts. `maxAttempts: 1` never retries.
   */
  retry?: Partial<RetryPolicy>;
  /**
   * Interceptors, in order: each sees (and may replace) the request, the response, or the error
   * of a failed fetch. Requests to operations authorized by AWS IAM arrive signed: changing
   * their headers or body breaks the signature.
   */
  middleware?: readonly Middleware[];
}

/** What every interceptor sees: the operation, the attempt (from 1) and the request about to be (or just) sent. */
export interface RequestContext {
  readonly operation: string;
  readonly attempt: number;
  readonly request: Request;
}

export interface ResponseContext extends RequestContext {
  readonly response: Response;
}

/** A fetch that threw: a network error, a timeout (`TimeoutError`), or the caller's abort. */
export interface ErrorContext extends RequestContext {
  readonly error: unknown;
}

/**
 * One link of the chain. `onRequest` hooks run in order, each on the request the previous one
 * returned; `onResponse` likewise on the response (a returned `Response` replaces it, for the
 * hooks after it and for the caller); `onError` runs when fetch throws, and a returned `Response`
 * stands for the failed fetch (the error goes on, to retries or the caller, when none does).
 */
export interface Middleware {
  onRequest?(context: RequestContext): Request | void | Promise<Request | void>;
  onResponse?(context: ResponseContext): Response | void | Promise<Response | void>;
  onError?(context: ErrorContext): Response | void | Promise<Response | void>;
}

export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  headers?: Record<string, string>;
}

/**
 * A security scheme an operation accepts: its name in the document, the kind of credential that
 * sends it with the details that kind reads (`in`, `name`, …), or no kind when there is nothing
 * to send (API Gateway takes the API key from the authorizer), or `unsupported` when the client
 * cannot send it (an alternative that needs it is chosen only when no other can be).
 */
export interface OperationAuth {
  readonly scheme: string;
  readonly kind?: AuthKind;
  readonly unsupported?: true;
  readonly [detail: string]: unknown;
}

/** How one property of a form or multipart body is encoded (its Encoding Object); absent fields take OpenAPI's defaults. */
export interface PartEncoding {
  contentType?: string;
  style?: string;
  explode?: boolean;
}

/**
 * Reads a success body in its own way (`readStream` of `stream.ts`, `readEvents` of `sse.ts`). A
 * reader that hands the body on unread calls `keep()`: the attempt's timeout ends there (it covers
 * the wait for the answer, not the stream), the caller's signal still stops the body, and the
 * function `keep` returns must be called once the body ends.
 */
export type ResponseReader = (response: Response, keep: () => () => void) => unknown;

/** How the client sends one operation; generated from the API model. */
export interface OperationSpec {
  /** The operation's function, named in its errors. */
  name: string;
  /** The HTTP method, or `ANY` for API Gateway's catch-all method: the caller's `params.method` then. */
  method: string;
  path: string;
  query: readonly { name: string; style: ParameterStyle }[];
  /** Security schemes the operation accepts: any one alternative, all of its entries (`[]`: none needed). */
  auth: readonly (readonly OperationAuth[])[];
  bodyMediaType?: string;
  /**
   * Writes the call's `body` into the request (`writeBody` of `write-body.ts`, `writeFormBody` and
   * `writeMultipartBody` of `form-body.ts`): given per operation, so that programs that send no
   * body, or no form, bundle no encoder.
   */
  bodyWriter?: (body: unknown, spec: OperationSpec, headers: Headers) => NonNullable<RequestInit['body']>;
  /** How the properties of a form or multipart body are encoded (the document's Encoding Objects). */
  bodyEncoding?: Readonly<Record<string, PartEncoding>>;
  /**
   * How the success body is read. For `binary`, the request asks for `accept`: API Gateway
   * passes a binary body through only when `Accept` names one of the API's binary media types.
   * A function reads the response itself: `readStream` (`stream.ts`) gives the body's
   * `ReadableStream` as it arrives, `readEvents` (`sse.ts`) the events of a `text/event-stream`.
   */
  response: 'json' | 'text' | 'binary' | 'none' | ResponseReader;
  /** Turns the parsed JSON success body into what the operation resolves to (`Date`s, see `dates.ts`). */
  revive?: (body: unknown) => unknown;
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
 * Signs the requests of operations authorized by AWS IAM (`sigv4.ts`): the `signer` client
 * option. It is called for every attempt, once every other header is set.
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

/** The mark every ApiError carries, in the registry of symbols every module and realm of a process shares. */
const API_ERROR = Symbol.for('apigw-gen.ApiError');

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
    Object.defineProperty(this, API_ERROR, { value: true });
  }

  /**
   * `instanceof ApiError` holds for the errors of every copy of this class: a process that loads
   * both builds of a package (an ES module program beside a CommonJS dependency that requires it)
   * has two, whose errors carry the same registered mark. Subclasses keep the prototype check.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return this === ApiError
      ? typeof value === 'object' && value !== null && API_ERROR in value
      : Function.prototype[Symbol.hasInstance].call(this, value);
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

/**
 * The configuration every operation function runs on: base URL, credentials, middleware,
 * timeouts and retries. Operation functions (`getBook(client, params)`) send their requests
 * through `request`; the generated client class is this core with one method per operation.
 */
export class ApiClientCore {
  readonly #options: ClientOptions<object>;
  readonly #baseUrl: string;
  readonly #middleware: Middleware[];

  constructor(options: ClientOptions<object>) {
    this.#options = options;
    this.#middleware = [...(options.middleware ?? [])];
    const base = options.baseUrl ?? gatewayUrl(options.apiGateway) ?? domainUrl(options.customDomain);
    if (!base) throw new TypeError('ClientOptions needs baseUrl, apiGateway or customDomain');
    this.#baseUrl = base.replace(/\/+$/, '');
  }

  /** Adds interceptors at the end of the chain. */
  use(...middleware: Middleware[]): this {
    this.#middleware.push(...middleware);
    return this;
  }

  /** Sends one operation; `input` is the operation's typed params object (an OperationParams). */
  async request<T>(spec: OperationSpec, input: object, call: CallOptions = {}): Promise<T> {
    const params = input as OperationParams;
    const method = spec.method === 'ANY' ? params.method : spec.method;
    if (typeof method !== 'string' || method === 'ANY')
      throw new TypeError(`${spec.name} answers any HTTP method: pass the one to send as \`method\``);
    const headers = new Headers(this.#options.headers);
    for (const [name, value] of Object.entries(params.headers ?? {})) if (value !== undefined) headers.set(name, String(value));
    if (spec.accept !== undefined && !headers.has('accept')) headers.set('accept', spec.accept);
    for (const [name, value] of Object.entries(call.headers ?? {})) headers.set(name, value);
    const auth: AuthCall = { spec, options: this.#options, params, headers, query: [] };
    await authenticate(auth);
    const query = buildQuery(
      spec.query.map(({ name, style }) => ({ name, style, value: ownValue(params.query, name) })),
      auth.query,
    );
    const url = `${this.#baseUrl}${buildPath(spec.path, params.path ?? {})}${query}`;
    const body = params.body === undefined || !spec.bodyWriter ? null : spec.bodyWriter(params.body, spec, headers);
    const { signer } = auth;
    const policy = { ...defaultRetryPolicy, ...this.#options.retry };
    const send = this.#options.fetch ?? globalThis.fetch;
    const idempotent = isIdempotent(method);
    for (let attempt = 1; ; attempt++) {
      const sent = signer ? await signer.sign({ method, url, headers, body }) : headers;
      const abort = attemptSignal(call.signal, call.timeoutMs ?? this.#options.timeoutMs);
      let handedOver = false;
      try {
        let request = new Request(url, { method, headers: sent, body, signal: abort.signal });
        const context = { operation: spec.name, attempt };
        for (const link of this.#middleware) request = (await link.onRequest?.({ ...context, request })) ?? request;
        let response: Response | undefined;
        try {
          response = await send(request);
        } catch (error) {
          for (const link of this.#middleware) response = (await link.onError?.({ ...context, request, error })) ?? response;
          if (response === undefined) {
            const transient = !call.signal?.aborted && (abort.timedOut() || error instanceof TypeError);
            if (!(idempotent && transient && attempt < policy.maxAttempts)) throw error;
            abort.release();
            await sleep(retryDelayMs({ attempt, retryAfter: null, policy }), call.signal);
            continue;
          }
        }
        for (const link of this.#middleware) response = (await link.onResponse?.({ ...context, request, response })) ?? response;
        if (response.ok)
          return (await decodeSuccess(response, spec, () => {
            abort.stopTimer();
            handedOver = true;
            return abort.release;
          })) as T;
        if (attempt < policy.maxAttempts && isRetryable(method, response.status)) {
          await response.body?.cancel();
          abort.release();
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
        if (!handedOver) abort.release();
      }
    }
  }
}

/**
 * Sends the credentials of the first alternative the client can satisfy entirely (an empty
 * alternative, optional authentication, only when no other can be).
 */
async function authenticate(call: AuthCall): Promise<void> {
  const alternatives = call.spec.auth;
  const ready = (scheme: OperationAuth) => (scheme.kind ? scheme.kind.ready(scheme, call) : !scheme.unsupported);
  const chosen =
    alternatives.find((alternative) => alternative.length > 0 && alternative.every(ready)) ??
    (alternatives.some((alternative) => alternative.length === 0) ? [] : (alternatives[0] ?? []));
  for (const scheme of chosen) await scheme.kind?.send?.(scheme, call);
}

/**
 * The signal of one attempt: aborted by the caller's signal or by the timeout. `release()`
 * removes the listener it put on the caller's signal and clears the timer, so no attempt leaves
 * either behind (a long-lived signal shared by many calls would collect them).
 */
function attemptSignal(
  outer: AbortSignal | undefined,
  timeoutMs: number | undefined,
): { signal: AbortSignal; timedOut: () => boolean; stopTimer: () => void; release: () => void } {
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) onAbort();
  else outer?.addEventListener('abort', onAbort);
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          controller.abort(new DOMException(`No answer within ${timeoutMs} ms`, 'TimeoutError'));
        }, timeoutMs);
  const stopTimer = () => clearTimeout(timer);
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    stopTimer,
    release: () => {
      stopTimer();
      outer?.removeEventListener('abort', onAbort);
    },
  };
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

/** A success body, read as the operation declares it. */
async function decodeSuccess(response: Response, spec: OperationSpec, keep: () => () => void): Promise<unknown> {
  const kind = spec.response;
  if (typeof kind === 'function') return kind(response, keep);
  if (kind === 'binary') return response.blob();
  if (kind === 'text') return response.text();
  if (kind === 'none') {
    await response.body?.cancel();
    return undefined;
  }
  const text = await response.text();
  if (text === '') return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw new TypeError(`${response.status} answer is not JSON (content-type: ${response.headers.get('content-type') ?? 'none'})`);
  }
  return spec.revive ? spec.revive(body) : body;
}

/**
 * An error body, read as its content type says (API Gateway's own errors are JSON). A body that
 * says it is JSON but is not (a proxy's HTML page, a truncated answer) is kept as its text.
 */
async function decodeBody(response: Response): Promise<unknown> {
  if (response.status === 204 || response.headers.get('content-length') === '0') return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (/[/+]json\b/.test(type)) {
    const text = await response.text();
    if (text === '') return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  if (type.startsWith('text/')) return response.text();
  return response.blob();
}

/** Waits before a retry; the caller's abort ends the wait, and the listener goes with it. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
