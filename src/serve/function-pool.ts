import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { packageFile } from '../package-root.js';
import type { InvocationMessage, InvocationReply } from './function-worker.js';

/**
 * Local Lambda functions, each run in worker threads apart from the server: a handler that never
 * returns, spins in a loop, calls `process.exit()` or runs out of memory ends (at worst) its own
 * worker, never the server or another invocation.
 *
 * Why worker threads rather than child processes: `process.exit()` in a worker ends only that
 * worker, `worker.terminate()` stops even a busy loop, each worker gets its own `process.env`
 * and heap (running out of memory ends the worker), and a round trip costs tens of microseconds instead
 * of a pipe write, JSON framing and a process switch each way: `bench:serve`'s Lambda route has
 * to stay ten times faster than Prism. What a thread cannot contain (a native addon crashing,
 * `process.abort()`, `process.kill(process.pid)`) is rare in handler code and named in the README.
 *
 * Like Lambda, a worker runs one invocation at a time and stays warm for the next; concurrent
 * requests start more workers. A rebuilt module (its file changed since the workers loaded it)
 * starts a fresh set on the next invocation.
 * @see https://nodejs.org/docs/latest-v20.x/api/worker_threads.html#worker-threads
 * @see https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html
 */

/** One function as the config describes it. */
export interface FunctionSpec {
  /** The built handler module (`index.js`, exporting `handler`). */
  modulePath: string;
  /** Shown as `context.functionName` and `AWS_LAMBDA_FUNCTION_NAME`. */
  name: string;
  /** Variables added to the server's environment for this function. */
  environment?: Record<string, string>;
  /** Lambda's own timeout, in milliseconds; Lambda's maximum (15 minutes) when the config does not say. */
  timeoutMs?: number;
}

/**
 * How an invocation ended: the handler's result (JSON-decoded), or the handler failed (it threw,
 * its module did not load, it exited, it hit the function timeout), or no answer came within
 * the caller's wait (an integration timeout: the worker is stopped).
 */
export type InvocationOutcome =
  | { result: unknown }
  | { failed: string; /** What the handler threw, as Lambda reports it. */ error?: { errorType: string; errorMessage: string } }
  | { timedOut: true };

interface PooledWorker {
  worker: Worker;
  /** The invocation it runs, if any. */
  busy?: (outcome: InvocationOutcome) => void;
  /** The module's modification time when the worker started. */
  version: number;
}

/** Built from function-worker.ts; a worker thread cannot run TypeScript, so tests too need `npm run build`. */
const WORKER_FILE = packageFile('dist/serve/function-worker.js');
const MAX_FUNCTION_MS = 900_000;
/**
 * Idle workers beyond this many per function are stopped, so that a burst does not leave threads
 * behind. It is well above the usual concurrency (bench:serve uses 10 connections): stopping and
 * restarting workers under steady load costs more than the requests.
 */
const MAX_IDLE_WORKERS = 32;

export class FunctionPool {
  /** Workers by module path. */
  readonly #workers = new Map<string, PooledWorker[]>();

  /**
   * Runs the function's handler with an event, answering within `waitMs` (API Gateway's
   * integration timeout): past it, or past the function's own timeout, the worker is stopped.
   * @example
   * const outcome = await pool.invoke({ modulePath, name: 'books' }, event, { waitMs: 29_000 });
   * if ('result' in outcome) console.log(outcome.result);
   */
  invoke(spec: FunctionSpec, event: unknown, options: { waitMs: number }): Promise<InvocationOutcome> {
    let version: number;
    try {
      version = statSync(spec.modulePath).mtimeMs;
    } catch {
      return Promise.resolve({ failed: `${spec.modulePath} not found` });
    }
    const entry = this.#idleWorker(spec, version);
    const functionMs = spec.timeoutMs ?? MAX_FUNCTION_MS;
    const message: InvocationMessage = {
      event: JSON.stringify(event),
      context: {
        functionName: spec.name,
        invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${spec.name}`,
        memoryLimitInMB: '128',
        awsRequestId: randomUUID(),
        deadline: Date.now() + functionMs,
      },
    };
    return new Promise<InvocationOutcome>((resolve) => {
      const timer = setTimeout(
        () => {
          this.#discard(spec.modulePath, entry);
          // Lambda stops the function at its timeout: an error for API Gateway; API Gateway stops waiting at its own.
          resolve(
            functionMs <= options.waitMs
              ? { failed: `Task timed out after ${(functionMs / 1000).toFixed(2)} seconds` }
              : { timedOut: true },
          );
        },
        Math.min(functionMs, options.waitMs),
      );
      entry.busy = (outcome) => {
        clearTimeout(timer);
        entry.busy = undefined;
        resolve(outcome);
      };
      entry.worker.postMessage(message);
    });
  }

  /** Stops every worker (the server is closing). */
  async close(): Promise<void> {
    const workers = [...this.#workers.values()].flat();
    this.#workers.clear();
    await Promise.all(workers.map((entry) => entry.worker.terminate()));
  }

  /** A warm worker of the module's current version, else a new one; workers of older versions go. */
  #idleWorker(spec: FunctionSpec, version: number): PooledWorker {
    const workers = this.#workers.get(spec.modulePath) ?? [];
    this.#workers.set(spec.modulePath, workers);
    for (const stale of workers.filter((entry) => entry.version !== version && !entry.busy)) this.#discard(spec.modulePath, stale);
    const idle = workers.find((entry) => entry.version === version && !entry.busy);
    if (idle) return idle;
    const entry: PooledWorker = { worker: startWorker(spec), version };
    workers.push(entry);
    entry.worker.on('message', (reply: InvocationReply) => {
      entry.busy?.(
        'result' in reply
          ? { result: JSON.parse(reply.result) as unknown }
          : { failed: reply.error.stack, error: { errorType: reply.error.errorType, errorMessage: reply.error.errorMessage } },
      );
      if (workers.filter((other) => !other.busy).length > MAX_IDLE_WORKERS) this.#discard(spec.modulePath, entry);
    });
    const fail = (why: string) => {
      this.#remove(spec.modulePath, entry);
      entry.busy?.({ failed: why });
    };
    entry.worker.on('error', (error) => fail(`the handler crashed: ${error.stack ?? String(error)}`));
    entry.worker.on('exit', (code) => fail(`Runtime exited with error: exit status ${code}`));
    return entry;
  }

  #discard(modulePath: string, entry: PooledWorker): void {
    this.#remove(modulePath, entry);
    entry.busy = undefined;
    void entry.worker.terminate();
  }

  #remove(modulePath: string, entry: PooledWorker): void {
    const workers = this.#workers.get(modulePath);
    const index = workers?.indexOf(entry) ?? -1;
    if (index >= 0) workers!.splice(index, 1);
  }
}

function startWorker(spec: FunctionSpec): Worker {
  const worker = new Worker(WORKER_FILE, {
    workerData: { modulePath: spec.modulePath },
    env: {
      ...process.env,
      AWS_LAMBDA_FUNCTION_NAME: spec.name,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
      ...spec.environment,
    },
    // Handler output is log output: it goes to stderr, leaving stdout to the server's own lines.
    stdout: true,
  });
  // Written chunk by chunk: a pipe per worker would add listeners to process.stderr.
  worker.stdout.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  // Warm workers never keep the server's process alive.
  worker.unref();
  return worker;
}
