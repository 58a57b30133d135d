import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { installLambdaGlobal, invokeStreaming, streamingHandler } from './lambda-response-stream.js';
import { decodeInvocation, encodeReply, type InvocationMessage, type InvocationReply } from './invocation-text.js';
import { MessageRing } from './message-ring.js';
import { eventFrom, type ProxyEventInput } from './proxy-events.js';

/**
 * The body of one warm execution environment of a local Lambda function (a worker thread of
 * `FunctionPool`): it loads the handler module once and runs one invocation at a time, as Lambda
 * does. Events and results cross as JSON text, as they do on Lambda (a result that JSON cannot
 * hold fails the invocation there too). Runs in its own thread, never imported by the server.
 *
 * Invocations come through one shared-memory ring and answers go back through another (see
 * MessageRing). An idle worker with nothing else to run (see nothingElseToRun) blocks in
 * `Atomics.wait` until the next invocation; one whose handler left a timer, a socket or output
 * behind waits with `Atomics.waitAsync`, its event loop running, so those keep going (blocking
 * always froze handlers' timers). A worker that finds the next invocation
 * already written runs it without waking. An invocation starts only if it wins the shared `started` counter (compare-and-swap
 * from its predecessor's sequence number): the pool withdraws waiting invocations from a stalled
 * worker by moving the counter past them. The pool reads answers when it wakes for its own work;
 * only when it is not about to (its `awake` flag is clear) does an answer post it a message.
 * A response-streaming handler's writes go the same way, each as a chunk reply ahead of the
 * answer that ends its invocation, as it makes them (API Gateway streams them on to the client).
 */

/** The two ends of a ring: its memory and the port for messages too big for it. */
export interface RingEnd {
  memory: SharedArrayBuffer;
  overflow: MessagePort;
}

/** What the worker gets once, when it starts. */
export interface WorkerSetup {
  modulePath: string;
  /** One Int32: the sequence number of the invocation this worker started last. */
  started: SharedArrayBuffer;
  /** One Int32 shared by the pool and all its workers: 1 while the pool will read answers without a message. */
  awake: SharedArrayBuffer;
  invocations: RingEnd;
  answers: RingEnd;
  context: { functionName: string; invokedFunctionArn: string; memoryLimitInMB: string };
}

type Handler = (event: unknown, context: unknown, callback: (error: unknown, result?: unknown) => void) => unknown;

const setup = workerData as WorkerSetup;
lowerPriority();

/**
 * Gives the server thread precedence over this one (Linux: a thread's nice value, 5 above the
 * process's): on a loaded machine, a worker woken with an invocation no longer preempts the
 * thread that woke it, which has the answers of others to send. Measured on bench:serve's Lambda
 * route in interleaved runs on 2 cores: 18.5-19.0k requests per second against 17.6-19.3k, and
 * under a parallel test run 11-17k against 7-13k (+10 was no better than +5). Elsewhere, nothing.
 */
function lowerPriority(): void {
  try {
    const thread = Number(readlinkSync('/proc/thread-self').split('/').pop());
    setPriority(thread, Math.min(19, getPriority(thread) + 5));
  } catch {
    // No /proc (macOS, Windows), or a priority that cannot change: the worker runs as the server does.
  }
}
const started = new Int32Array(setup.started);
const awake = new Int32Array(setup.awake);
const invocations = new MessageRing(setup.invocations.memory, setup.invocations.overflow);
const answers = new MessageRing(setup.answers.memory, setup.answers.overflow);
let handler: Promise<Handler> | undefined;

async function loadHandler(): Promise<Handler> {
  installLambdaGlobal();
  const module = (await import(pathToFileURL(setup.modulePath).href)) as { handler?: unknown };
  if (typeof module.handler !== 'function') throw new Error(`${setup.modulePath} exports no handler function`);
  return module.handler as Handler;
}

/** Calls the handler as the Node.js runtime does: its promise, or its callback for callback-style handlers. */
async function run(message: InvocationMessage): Promise<unknown> {
  const call = await (handler ??= loadHandler());
  const { deadline } = message;
  // Field by field: on Node 20, spreading setup.context into a literal with more fields cost ~10 µs per invocation.
  const { functionName, invokedFunctionArn, memoryLimitInMB } = setup.context;
  const context = {
    functionName,
    invokedFunctionArn,
    memoryLimitInMB,
    awsRequestId: message.awsRequestId,
    callbackWaitsForEmptyEventLoop: true,
    functionVersion: '$LATEST',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  const streaming = streamingHandler(call);
  if (streaming) {
    const { seq } = message;
    return invokeStreaming(streaming, { event: eventOf(message), context, send: (chunk) => answer({ seq, chunk }) });
  }
  return new Promise((resolve, reject) => {
    const callback = (error: unknown, result?: unknown) => (error ? reject(toError(error)) : resolve(result));
    const returned = call(eventOf(message), context, callback);
    if (returned !== undefined && typeof (returned as Promise<unknown>)?.then === 'function') {
      (returned as Promise<unknown>).then(resolve, (error: unknown) => reject(toError(error)));
    } else if (call.length < 3) resolve(returned);
  });
}

/** The invocation's event: as the pool sent it, or the proxy event built here from its fields. */
function eventOf(message: InvocationMessage): unknown {
  return message.proxy ? eventFrom(JSON.parse(message.event) as ProxyEventInput) : JSON.parse(message.event);
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * A result whose body can travel apart (see InvocationReply): a plain object with a status code,
 * which the gateway reads field by field (so the order of its fields does not matter), no `toJSON`
 * of its own, and a string body.
 */
function isProxyResultWithBody(result: unknown): result is { statusCode: number; body: string } {
  if (typeof result !== 'object' || result === null) return false;
  const prototype: unknown = Object.getPrototypeOf(result);
  const shape = result as { statusCode?: unknown; body?: unknown; toJSON?: unknown };
  return (
    (prototype === Object.prototype || prototype === null) &&
    typeof shape.statusCode === 'number' &&
    typeof shape.body === 'string' &&
    shape.toJSON === undefined
  );
}

function lambdaError(thrown: unknown): { errorType: string; errorMessage: string; stack: string } {
  const error = toError(thrown);
  return { errorType: error.name, errorMessage: error.message, stack: error.stack ?? String(error) };
}

function reply(seq: number, result: unknown): InvocationReply {
  try {
    if (isProxyResultWithBody(result)) {
      const withoutBody = function (this: unknown, key: string, value: unknown) {
        return this === result && key === 'body' ? undefined : value;
      };
      return { seq, result: JSON.stringify(result, withoutBody), body: result.body };
    }
    return { seq, result: JSON.stringify(result) ?? 'null' };
  } catch (error) {
    return { seq, error: lambdaError(error) };
  }
}

/**
 * Sends an answer at once (a later invocation calling process.exit() must not take it along),
 * and a message to the pool only if it is not about to read answers anyway: the first worker to
 * find the pool asleep sets its flag, which the pool clears before it reads.
 */
function answer(message: InvocationReply): void {
  answers.write(encodeReply(message));
  if (Atomics.compareExchange(awake, 0, 0, 1) === 0) parentPort!.postMessage(null);
}

/**
 * Whether the thread may block until the next invocation: nothing but its message ports (the pool's,
 * and stdio's, which carry no work while no output waits) could run meanwhile. A handler's timer,
 * socket or pending output keeps the event loop running, and the worker waits with
 * `whenWritten` instead. Blocking halves what waking the worker costs the server thread (a
 * signal to the thread instead of a task posted to its event loop, ~25% → ~16% of the server
 * thread on bench:serve's Lambda route), and freezes the environment between invocations as
 * Lambda does.
 */
function nothingElseToRun(): boolean {
  if (process.stdout.writableLength > 0 || process.stderr.writableLength > 0) return false;
  for (const resource of process.getActiveResourcesInfo()) if (resource !== 'MessagePort') return false;
  return true;
}

/** Runs the next invocation the pool has not withdrawn, sleeping until there is one. */
function runNext(): void {
  for (;;) {
    const text = invocations.read();
    if (text === undefined) {
      if (nothingElseToRun()) {
        invocations.waitUntilWritten();
        continue;
      }
      void invocations.whenWritten().then(runNext);
      return;
    }
    const message = decodeInvocation(text);
    if (Atomics.compareExchange(started, 0, message.seq - 1, message.seq) !== message.seq - 1) continue;
    const { seq } = message;
    void run(message)
      .then(
        (result) => reply(seq, result),
        (error: unknown): InvocationReply => ({ seq, error: lambdaError(error) }),
      )
      .then((message) => {
        answer(message);
        // The thread lives until the pool stops it: a handler whose promise never settles leaves nothing
        // else to keep it alive, and waits for the pool's timeout as Lambda waits for its handler.
        parentPort!.ref();
        runNext();
      });
    return;
  }
}

// The thread lives until the pool stops it: a handler whose promise never settles leaves nothing
// else to keep it alive, and waits for the pool's timeout as Lambda waits for its handler.
parentPort!.ref();
runNext();
