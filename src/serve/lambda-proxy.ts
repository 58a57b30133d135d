import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { FunctionConfig } from '../config/types.js';
import type { ApiModel, OperationModel } from '../model/types.js';
import { groupByFunction } from '../model/functions.js';
import { FunctionPool, type FunctionSpec, type InvocationOutcome } from './function-pool.js';
import { proxyEventInput, type ProxyRequest } from './proxy-events.js';
import { MalformedResultError, readResultV1, readResultV2, type ProxyResult } from './proxy-results.js';
import { StreamedAnswer, type StreamedHead } from './streamed-answer.js';

/**
 * Lambda proxy integrations run locally: the handler module `apigw-gen handlers` generated for
 * the operation's function (built: `dist/functions/<function>/index.js` under the handlers
 * folder) is called, apart from the server (see FunctionPool), with a proxy event shaped as API
 * Gateway sends it, and its result becomes the answer. Each function runs with the environment
 * and timeout the config gives it (`api.functions.<logical id>`).
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */

export { proxyEvent, type ProxyRequest } from './proxy-events.js';
export type { FunctionSpec, InvocationOutcome } from './function-pool.js';

/** How a proxy invocation ended: an answer, a failed function or malformed result (API Gateway's 502), or no answer in time (504). */
export type ProxyOutcome = { result: ProxyResult } | { failed: string } | { timedOut: true };

export class LambdaHandlers {
  /** The handlers folder (`apigw-gen handlers` output). */
  readonly folder: string;
  readonly #functions = new Map<string, FunctionSpec>();
  /** Modules seen built: once a module exists, the pool's own check of its file per invocation is enough. */
  readonly #built = new Set<string>();
  readonly #pool = new FunctionPool();

  constructor(model: ApiModel, folder: string, options: { functions?: Record<string, FunctionConfig> } = {}) {
    this.folder = folder;
    for (const group of groupByFunction(model)) {
      const settings = group.ref.logicalId === undefined ? undefined : options.functions?.[group.ref.logicalId];
      const spec: FunctionSpec = {
        modulePath: join(folder, 'dist/functions', group.folder, 'index.js'),
        name: group.ref.functionName?.replace(/\$\{[^}]*\}/g, '') || group.ref.logicalId || group.folder,
        ...(settings?.environment ? { environment: settings.environment } : {}),
        ...(settings?.timeout === undefined ? {} : { timeoutMs: settings.timeout * 1000 }),
      };
      for (const operation of [...group.proxy, ...group.nonProxy]) this.#functions.set(operation.pointer, spec);
    }
  }

  /** The function an operation invokes, or why there is none to run. */
  functionOf(operation: OperationModel): FunctionSpec | { missing: string } {
    const spec = this.#functions.get(operation.pointer);
    if (!spec) return { missing: 'no handler module for its function' };
    if (this.#built.has(spec.modulePath)) return spec;
    if (!existsSync(spec.modulePath))
      return { missing: `${spec.modulePath} not found: build the handlers (npm run build in ${this.folder})` };
    this.#built.add(spec.modulePath);
    return spec;
  }

  /**
   * Invokes a function with any event (a proxy event, an authorizer's), waiting at most `waitMs`.
   * @example
   * const outcome = await handlers.invokeFunction({ modulePath: join(handlers.folder, 'dist/authorizers/jwt.js'), name: 'jwt' }, event, { waitMs: 29_000 });
   */
  invokeFunction(spec: FunctionSpec, event: unknown, options: { waitMs: number }): Promise<InvocationOutcome> {
    return this.#pool.invoke(spec, event, options);
  }

  /** Invokes an operation's function with its proxy event, and reads the result as API Gateway does. */
  async invokeProxy(options: {
    operation: OperationModel;
    spec: FunctionSpec;
    request: ProxyRequest;
    version: '1.0' | '2.0';
    waitMs: number;
  }): Promise<ProxyOutcome> {
    const { operation, request, version } = options;
    const input = proxyEventInput(operation, request, version);
    const outcome = await this.#pool.invokeWithProxyEvent(options.spec, input, { waitMs: options.waitMs });
    if (!('result' in outcome)) return outcome;
    // A response-streaming handler invoked the buffered way: API Gateway answers with the status and
    // headers of its metadata, without the body (response-transfer-mode-lambda.html, its last table).
    if (Buffer.isBuffer(outcome.result)) return bufferedStream(outcome.result);
    try {
      return { result: version === '1.0' ? readResultV1(outcome.result) : readResultV2(outcome.result) };
    } catch (error) {
      if (error instanceof MalformedResultError) return { failed: error.message };
      throw error;
    }
  }

  /**
   * Invokes an operation's function for response streaming (REST payload 1.0): resolves once the
   * status and headers are known, the body following as the function writes it; `waitMs` bounds
   * the whole stream, `idleMs` each wait for the next chunk.
   */
  invokeStreamingProxy(options: {
    operation: OperationModel;
    spec: FunctionSpec;
    request: ProxyRequest;
    waitMs: number;
    idleMs: number;
  }): Promise<StreamedHead> {
    const answer = new StreamedAnswer();
    const input = proxyEventInput(options.operation, options.request, '1.0');
    void this.#pool
      .invokeWithProxyEvent(options.spec, input, { waitMs: options.waitMs, idleMs: options.idleMs, onChunk: (bytes) => answer.push(bytes) })
      .then((outcome) => answer.finish(outcome));
    return answer.head;
  }

  /** Stops the functions' workers. */
  close(): Promise<void> {
    return this.#pool.close();
  }

  /**
   * Runs the `handler` a built module exports with an event as it is (Lambda authorizers use
   * this), apart from the server like every function, and resolves to what it returns; rejects
   * when the function fails or gives no answer within API Gateway's 29 s.
   */
  async call(modulePath: string, event: unknown): Promise<unknown> {
    const name = basename(modulePath, '.js');
    const outcome = await this.#pool.invoke({ modulePath, name }, event, { waitMs: 29_000 });
    if ('result' in outcome) return outcome.result;
    if ('timedOut' in outcome) throw new Error(`${modulePath} gave no answer within 29 s`);
    throw new Error(outcome.error?.errorMessage ?? outcome.failed);
  }
}

/** What a buffered integration makes of a streaming function's output: its metadata's status and headers, no body. */
async function bufferedStream(output: Buffer): Promise<ProxyOutcome> {
  const answer = new StreamedAnswer();
  answer.push(output);
  answer.finish({ result: null });
  const head = await answer.head;
  if ('statusCode' in head) return { result: { statusCode: head.statusCode, headers: head.headers, body: '', base64: false } };
  return { failed: 'malformed' in head ? head.malformed : 'the function failed' };
}
