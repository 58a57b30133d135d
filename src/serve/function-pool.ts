import { randomUUID } from 'node:crypto';
import { MessageChannel, Worker } from 'node:worker_threads';
import { packageFile } from '../package-root.js';
import type { WorkerSetup } from './function-worker.js';
import { decodeReply, encodeInvocation, type InvocationMessage, type InvocationReply } from './invocation-text.js';
import { MessageRing } from './message-ring.js';
import { ModuleVersions } from './module-versions.js';
import type { ProxyEventInput } from './proxy-events.js';

/**
 * Local Lambda functions, each run in worker threads apart from the server: a handler that never
 * returns, spins in a loop, calls `process.exit()` or runs out of memory ends (at worst) its own
 * worker, never the server or another invocation.
 *
 * Why worker threads rather than child processes: `process.exit()` in a worker ends only that
 * worker, `worker.terminate()` stops even a busy loop, each worker gets its own `process.env`
 * and heap (running out of memory ends the worker), and a round trip costs tens of microseconds instead
 * of a pipe write, JSON framing and a process switch each way: `bench:serve`'s Lambda route has
 * to stay ten times faster than Prism. Invocations and answers cross through shared-memory rings
 * (see MessageRing, function-worker.ts): the pool reads the answers that arrived while it worked
 * without being woken for each, and a worker finds the next invocation without a message. What a thread cannot contain (a native addon crashing,
 * `process.abort()`, `process.kill(process.pid)`) is rare in handler code and named in the README.
 *
 * Like Lambda, a worker runs one invocation at a time and stays warm for the next. Under load,
 * waking an idle thread per request costs more than the request (two context switches on a
 * loaded machine), so an invocation may wait in a worker whose current one started within
 * `FRESH_MS`, up to `MAX_WAITING` deep; otherwise it goes to an idle worker or a new one. A
 * watchdog withdraws the waiting invocations of a worker whose current one runs past `STALL_MS`
 * (a slow or spinning handler) and sends them elsewhere, so a busy loop stalls only its own
 * invocation. A rebuilt module (its file changed since the workers loaded it) starts a fresh set
 * on the next invocation.
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
 * How an invocation ended: the handler's result (JSON-decoded; the bytes it wrote, for a
 * response-streaming handler invoked without `onChunk`), or the handler failed (it threw,
 * its module did not load, it exited, it hit the function timeout), or no answer came within
 * the caller's wait (an integration timeout: the worker is stopped).
 */
export type InvocationOutcome =
  | { result: unknown }
  | { failed: string; /** What the handler threw, as Lambda reports it. */ error?: { errorType: string; errorMessage: string } }
  | { timedOut: true };

/** How long an invocation may take, and where a streamed one's chunks go. */
export interface InvokeOptions {
  /** API Gateway's integration timeout: no outcome within it stops the worker. */
  waitMs: number;
  /** Receives a response-streaming handler's writes as they come (API Gateway's InvokeWithResponseStream). */
  onChunk?: (bytes: Buffer) => void;
  /** With `onChunk`: the longest wait for the next chunk (API Gateway's idle timeout). */
  idleMs?: number;
}

/** One invocation, from the request to its outcome. */
interface Invocation {
  spec: FunctionSpec;
  /** The module's modification time when the request came. */
  version: number;
  message: InvocationMessage;
  settle: (outcome: InvocationOutcome) => void;
  /**
   * Where a response-streaming handler's writes go as they come (a streamed invocation); without
   * it they are kept, and the result is their bytes (Lambda's Invoke of a streaming function).
   */
  onChunk?: (bytes: Buffer) => void;
  chunks?: Buffer[];
}

interface PooledWorker {
  worker: Worker;
  modulePath: string;
  /** The module's modification time when the worker started. */
  version: number;
  /** Invocations sent to it, in order: the first runs, the others wait in the worker for their turn. */
  queue: Invocation[];
  /** Shared with the worker: the sequence number of the invocation it started last. */
  started: Int32Array;
  /** The sequence number of the last invocation sent. */
  sent: number;
  /** When the invocation at the head of the queue got the worker (`performance.now()`). */
  headSince: number;
  invocations: MessageRing;
  answers: MessageRing;
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
/** An invocation waits behind another only if that one started this recently (ms)... */
const FRESH_MS = 2;
/**
 * ...and behind at most this many: waiting invocations keep a worker from sleeping between two,
 * and a worker that is awake is sent work without a notify (see MessageRing.wake); more serialise
 * requests that another worker could run at the same time. Measured on bench:serve's Lambda
 * routes, in interleaved runs: 3 waiting cost the workers ~40 µs of CPU per request against
 * ~55 with 1 (when every invocation was notified, 4 waiting gave fewer requests per second than 1).
 */
const MAX_WAITING = 3;
/** Invocations waiting behind one that has run this long (ms) go to another worker. */
const STALL_MS = 20;
/**
 * Bytes of each ring, each way, per worker: room for the few invocations a worker holds, with
 * events of tens of kilobytes; larger ones go through the ring's port.
 */
const RING_BYTES = 1 << 17;

export class FunctionPool {
  /** Workers by module path. */
  readonly #workers = new Map<string, PooledWorker[]>();
  /** Runs while invocations wait behind others. */
  #watchdog: NodeJS.Timeout | undefined;
  /** Shared with every worker: 1 while a reading of answers is due without a worker's message (see function-worker.ts). */
  readonly #awake = new Int32Array(new SharedArrayBuffer(4));
  /**
   * Workers sent invocations in this turn of the event loop, woken at its end (in #collectAll):
   * one wake-up per worker and turn rather than one per invocation. Measured on bench:serve's
   * Lambda route in interleaved runs: the server thread's CPU per request went from 52-58 µs to
   * 50-52 µs (a wake-up, a futex system call, costs the waker ~15 µs on these machines).
   */
  readonly #toWake = new Set<PooledWorker>();
  /** Whether invocations were sent since the answers were last read. */
  #sentThisTurn = false;
  readonly #versions = new ModuleVersions();

  /**
   * Runs the function's handler with an event, answering within `waitMs` (API Gateway's
   * integration timeout): past it, or past the function's own timeout, the worker is stopped.
   * @example
   * const outcome = await pool.invoke({ modulePath, name: 'books' }, event, { waitMs: 29_000 });
   * if ('result' in outcome) console.log(outcome.result);
   */
  invoke(spec: FunctionSpec, event: unknown, options: InvokeOptions): Promise<InvocationOutcome> {
    return this.#invoke(spec, { event: JSON.stringify(event) }, options);
  }

  /** Runs the function's handler with the proxy event the worker builds from `input` (see ProxyEventInput), as `invoke` does. */
  invokeWithProxyEvent(spec: FunctionSpec, input: ProxyEventInput, options: InvokeOptions): Promise<InvocationOutcome> {
    return this.#invoke(spec, { event: JSON.stringify(input), proxy: true }, options);
  }

  #invoke(spec: FunctionSpec, event: Pick<InvocationMessage, 'event' | 'proxy'>, options: InvokeOptions): Promise<InvocationOutcome> {
    const version = this.#versions.of(spec.modulePath);
    if (version === undefined) return Promise.resolve({ failed: `${spec.modulePath} not found` });
    const functionMs = spec.timeoutMs ?? MAX_FUNCTION_MS;
    return new Promise<InvocationOutcome>((resolve) => {
      const invocation: Invocation = {
        spec,
        version,
        message: { seq: 0, ...event, awsRequestId: randomUUID(), deadline: Date.now() + functionMs },
        settle: (outcome) => {
          clearTimeout(timer);
          resolve(outcome);
        },
      };
      const timer = setTimeout(
        // Lambda stops the function at its timeout: an error for API Gateway; API Gateway stops waiting at its own.
        () =>
          this.#timeOut(
            invocation,
            functionMs <= options.waitMs
              ? { failed: `Task timed out after ${(functionMs / 1000).toFixed(2)} seconds` }
              : { timedOut: true },
          ),
        Math.min(functionMs, options.waitMs),
      );
      if (options.onChunk) this.#streamTo(invocation, options.onChunk, options.idleMs);
      this.#dispatch(invocation);
    });
  }

  /** A streamed invocation: its chunks go on as they come, and one that waits `idleMs` for the next runs out of time. */
  #streamTo(invocation: Invocation, onChunk: (bytes: Buffer) => void, idleMs = MAX_FUNCTION_MS): void {
    const idle = setTimeout(() => this.#timeOut(invocation, { timedOut: true }), idleMs);
    const { settle } = invocation;
    invocation.settle = (outcome) => {
      clearTimeout(idle);
      settle(outcome);
    };
    invocation.onChunk = (bytes) => {
      idle.refresh();
      onChunk(bytes);
    };
  }

  /** Stops every worker (the server is closing). */
  async close(): Promise<void> {
    const workers = [...this.#workers.values()].flat();
    this.#workers.clear();
    this.#toWake.clear();
    this.#versions.close();
    clearInterval(this.#watchdog);
    await Promise.all(workers.map((entry) => entry.worker.terminate()));
  }

  #dispatch(invocation: Invocation): void {
    const entry = this.#workerFor(invocation.spec, invocation.version);
    invocation.message.seq = ++entry.sent;
    if (entry.queue.length === 0) entry.headSince = performance.now();
    else this.#watchdog ??= setInterval(() => this.#withdrawStalled(), STALL_MS).unref();
    entry.queue.push(invocation);
    entry.invocations.write(encodeInvocation(invocation.message));
    this.#toWake.add(entry);
    // Answers that come while this turn of the event loop runs are read at its end, without a message each.
    if (Atomics.exchange(this.#awake, 0, 1) === 0) setImmediate(() => this.#collectAll());
    this.#sentThisTurn = true;
  }

  /**
   * Wakes the workers sent invocations in this turn, then reads every worker's answers. It runs
   * whenever the flag is up, so every invocation sent is woken for. While invocations keep being
   * sent, it runs again next turn with the flag still up, and workers post no messages (one woke the
   * server thread's event loop for ~0.3 of the requests on bench:serve's Lambda route); after a turn
   * that sent none, the flag goes down before the reading, so an answer written after it posts a
   * message, and an idle server never spins.
   */
  #collectAll(): void {
    for (const entry of this.#toWake) entry.invocations.wake();
    this.#toWake.clear();
    if (this.#sentThisTurn) setImmediate(() => this.#collectAll());
    else Atomics.store(this.#awake, 0, 0);
    this.#sentThisTurn = false;
    for (const workers of this.#workers.values()) for (const entry of [...workers]) this.#collect(entry);
  }

  #collect(entry: PooledWorker): void {
    for (let text = entry.answers.read(); text !== undefined; text = entry.answers.read()) this.#answered(entry, decodeReply(text));
  }

  /**
   * Where an invocation goes: behind the freshest busy worker of the module's current version
   * with room, else to an idle one (one still awake first), else to a new one; idle workers of
   * older versions go.
   */
  #workerFor(spec: FunctionSpec, version: number): PooledWorker {
    let workers = this.#workers.get(spec.modulePath);
    if (!workers) this.#workers.set(spec.modulePath, (workers = []));
    const now = performance.now();
    let idle: PooledWorker | undefined;
    let busy: PooledWorker | undefined;
    for (const entry of [...workers]) {
      if (entry.version !== version) {
        if (entry.queue.length === 0) this.#discard(entry);
      } else if (entry.queue.length === 0) {
        // An idle worker that has not gone to sleep yet takes the invocation without a wake-up.
        if (!idle || (idle.invocations.readerSleeps() && !entry.invocations.readerSleeps())) idle = entry;
      } else if (entry.queue.length <= MAX_WAITING && now - entry.headSince < FRESH_MS && (!busy || entry.queue.length < busy.queue.length))
        busy = entry;
    }
    if (busy ?? idle) return (busy ?? idle)!;
    const entry = this.#startWorker(spec, version);
    workers.push(entry);
    return entry;
  }

  #startWorker(spec: FunctionSpec, version: number): PooledWorker {
    const started = new SharedArrayBuffer(4);
    const invocations = { memory: MessageRing.allocate(RING_BYTES), channel: new MessageChannel() };
    const answers = { memory: MessageRing.allocate(RING_BYTES), channel: new MessageChannel() };
    const setup: WorkerSetup = {
      modulePath: spec.modulePath,
      started,
      awake: this.#awake.buffer,
      invocations: { memory: invocations.memory, overflow: invocations.channel.port2 },
      answers: { memory: answers.memory, overflow: answers.channel.port1 },
      context: {
        functionName: spec.name,
        invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${spec.name}`,
        memoryLimitInMB: '128',
      },
    };
    const worker = new Worker(WORKER_FILE, {
      workerData: setup,
      transferList: [setup.invocations.overflow, setup.answers.overflow],
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
    const entry: PooledWorker = {
      worker,
      modulePath: spec.modulePath,
      version,
      queue: [],
      started: new Int32Array(started),
      sent: 0,
      headSince: 0,
      invocations: new MessageRing(invocations.memory, invocations.channel.port1),
      answers: new MessageRing(answers.memory, answers.channel.port2),
    };
    // A worker's message only says that answers are there to read.
    worker.on('message', () => this.#collectAll());
    const fail = (why: string) => {
      // Answers written before the worker ended still count.
      this.#collect(entry);
      this.#remove(entry);
      const waiting = this.#withdraw(entry);
      for (const invocation of entry.queue.splice(0)) invocation.settle({ failed: why });
      for (const invocation of waiting) this.#dispatch(invocation);
    };
    worker.on('error', (error) => fail(`the handler crashed: ${error.stack ?? String(error)}`));
    worker.on('exit', (code) => fail(`Runtime exited with error: exit status ${code}`));
    return entry;
  }

  #answered(entry: PooledWorker, reply: InvocationReply): void {
    if (entry.queue[0]?.message.seq !== reply.seq) return;
    if ('chunk' in reply) {
      const head = entry.queue[0];
      if (head.onChunk) head.onChunk(reply.chunk);
      else (head.chunks ??= []).push(reply.chunk);
      return;
    }
    const invocation = entry.queue.shift()!;
    entry.headSince = performance.now();
    invocation.settle(
      'result' in reply
        ? {
            result: invocation.chunks
              ? Buffer.concat(invocation.chunks)
              : reply.body === undefined
                ? (JSON.parse(reply.result) as unknown)
                : withBody(reply.result, reply.body),
          }
        : { failed: reply.error.stack, error: { errorType: reply.error.errorType, errorMessage: reply.error.errorMessage } },
    );
    if (entry.queue.length > 0) return;
    const workers = this.#workers.get(entry.modulePath) ?? [];
    let idle = 0;
    for (const other of workers) if (other.queue.length === 0) idle++;
    if (idle > MAX_IDLE_WORKERS) this.#discard(entry);
  }

  /** An invocation ran out of time: if it runs, its worker is stopped; those waiting behind it (or with it) go elsewhere. */
  #timeOut(invocation: Invocation, outcome: InvocationOutcome): void {
    const entry = [...this.#workers.values()].flat().find((candidate) => candidate.queue.includes(invocation));
    if (!entry) return;
    const waiting = this.#withdraw(entry);
    if (!waiting.includes(invocation)) {
      entry.queue.splice(entry.queue.indexOf(invocation), 1);
      this.#discard(entry);
    }
    invocation.settle(outcome);
    for (const other of waiting) if (other !== invocation) this.#dispatch(other);
  }

  /**
   * The watchdog: waiting invocations leave workers whose current invocation has run `STALL_MS`.
   * It runs on while any invocation waits, those it just moved included: one may land behind a
   * worker that has yet to start (a cold one, whose `started` counter let every invocation go).
   */
  #withdrawStalled(): void {
    const now = performance.now();
    const moved: Invocation[] = [];
    for (const entry of [...this.#workers.values()].flat())
      if (entry.queue.length >= 2 && now - entry.headSince >= STALL_MS) moved.push(...this.#withdraw(entry));
    for (const invocation of moved) this.#dispatch(invocation);
    if (![...this.#workers.values()].flat().some((entry) => entry.queue.length >= 2)) {
      clearInterval(this.#watchdog);
      this.#watchdog = undefined;
    }
  }

  /**
   * Takes back the invocations a worker has not started: moving its `started` counter to the last
   * one sent makes the worker skip them (it claims each with a compare-and-swap from the one before).
   */
  #withdraw(entry: PooledWorker): Invocation[] {
    for (;;) {
      const started = Atomics.load(entry.started, 0);
      if (Atomics.compareExchange(entry.started, 0, started, entry.sent) !== started) continue;
      const first = entry.queue.findIndex((invocation) => invocation.message.seq > started);
      return first < 0 ? [] : entry.queue.splice(first);
    }
  }

  /** Stops a worker; invocations it still held (an answer on its way) fail. */
  #discard(entry: PooledWorker): void {
    this.#remove(entry);
    for (const invocation of entry.queue.splice(0)) invocation.settle({ failed: 'the function was stopped' });
    void entry.worker.terminate();
  }

  #remove(entry: PooledWorker): void {
    const workers = this.#workers.get(entry.modulePath);
    const index = workers?.indexOf(entry) ?? -1;
    if (index >= 0) workers!.splice(index, 1);
  }
}

/** A proxy result whose body travelled apart from its other fields. */
function withBody(fields: string, body: string): unknown {
  const result = JSON.parse(fields) as Record<string, unknown>;
  result.body = body;
  return result;
}
