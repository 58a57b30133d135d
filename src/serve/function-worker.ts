import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { installLambdaGlobal, invokeStreaming, streamingHandler } from './lambda-response-stream.js';

/**
 * The body of one warm execution environment of a local Lambda function (a worker thread of
 * `FunctionPool`): it loads the handler module once and runs one invocation at a time, as Lambda
 * does. Events and results cross as JSON text, as they do on Lambda (a result that JSON cannot
 * hold fails the invocation there too). Runs in its own thread, never imported by the server.
 *
 * The pool sends the invocations of one turn of its event loop in one message, and may send them
 * while one runs: they wait here for their turn, so requests that arrive together wake the worker
 * once, not once each. An invocation starts only if it wins the shared `started` counter
 * (compare-and-swap from its predecessor's sequence number): the pool withdraws waiting
 * invocations from a stalled worker by moving the counter past them.
 */

/** What the worker gets once, when it starts. */
export interface WorkerSetup {
  modulePath: string;
  /** One Int32: the sequence number of the invocation this worker started last. */
  started: SharedArrayBuffer;
  context: { functionName: string; invokedFunctionArn: string; memoryLimitInMB: string };
}

/** What the pool sends for one invocation. */
export interface InvocationMessage {
  /** 1, 2, 3… per worker, in the order sent. */
  seq: number;
  /** The event, as JSON. */
  event: string;
  awsRequestId: string;
  /** Epoch milliseconds at which the function times out. */
  deadline: number;
}

/** What the worker answers: the result as JSON (`null` for `undefined`), or the error as Lambda reports it. */
export type InvocationReply = { seq: number } & (
  { result: string } | { error: { errorType: string; errorMessage: string; stack: string } }
);

type Handler = (event: unknown, context: unknown, callback: (error: unknown, result?: unknown) => void) => unknown;

const setup = workerData as WorkerSetup;
const started = new Int32Array(setup.started);
let handler: Promise<Handler> | undefined;
const waiting: InvocationMessage[] = [];
let running = false;

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
  const context = {
    ...setup.context,
    awsRequestId: message.awsRequestId,
    callbackWaitsForEmptyEventLoop: true,
    functionVersion: '$LATEST',
    logGroupName: `/aws/lambda/${setup.context.functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  const streaming = streamingHandler(call);
  if (streaming) return invokeStreaming(streaming, JSON.parse(message.event), context);
  return new Promise((resolve, reject) => {
    const callback = (error: unknown, result?: unknown) => (error ? reject(toError(error)) : resolve(result));
    const returned = call(JSON.parse(message.event), context, callback);
    if (returned !== undefined && typeof (returned as Promise<unknown>)?.then === 'function') {
      (returned as Promise<unknown>).then(resolve, (error: unknown) => reject(toError(error)));
    } else if (call.length < 3) resolve(returned);
  });
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function lambdaError(thrown: unknown): { errorType: string; errorMessage: string; stack: string } {
  const error = toError(thrown);
  return { errorType: error.name, errorMessage: error.message, stack: error.stack ?? String(error) };
}

function reply(seq: number, result: unknown): InvocationReply {
  try {
    return { seq, result: JSON.stringify(result) ?? 'null' };
  } catch (error) {
    return { seq, error: lambdaError(error) };
  }
}

/** Starts the next waiting invocation the pool has not withdrawn, unless one runs. */
function runNext(): void {
  while (!running && waiting.length > 0) {
    const message = waiting.shift()!;
    if (Atomics.compareExchange(started, 0, message.seq - 1, message.seq) !== message.seq - 1) continue;
    running = true;
    const { seq } = message;
    void run(message)
      .then(
        (result) => reply(seq, result),
        (error: unknown): InvocationReply => ({ seq, error: lambdaError(error) }),
      )
      .then((answer) => {
        // Posted at once: a later invocation calling process.exit() must not take this answer with it.
        parentPort!.postMessage(answer);
        running = false;
        runNext();
      });
  }
}

parentPort!.on('message', (messages: InvocationMessage[]) => {
  waiting.push(...messages);
  runNext();
});
