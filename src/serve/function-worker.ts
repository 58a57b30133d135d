import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';

/**
 * The body of one warm execution environment of a local Lambda function (a worker thread of
 * `FunctionPool`): it loads the handler module once and runs one invocation at a time, as Lambda
 * does. Events and results cross as JSON text, as they do on Lambda (a result that JSON cannot
 * hold fails the invocation there too). Runs in its own thread, never imported by the server.
 */

/** What the pool sends for one invocation. */
export interface InvocationMessage {
  /** The event, as JSON. */
  event: string;
  context: {
    functionName: string;
    invokedFunctionArn: string;
    memoryLimitInMB: string;
    awsRequestId: string;
    /** Epoch milliseconds at which the function times out. */
    deadline: number;
  };
}

/** What the worker answers: the result as JSON (`null` for `undefined`), or the error as Lambda reports it. */
export type InvocationReply = { result: string } | { error: { errorType: string; errorMessage: string; stack: string } };

type Handler = (event: unknown, context: unknown, callback: (error: unknown, result?: unknown) => void) => unknown;

const { modulePath } = workerData as { modulePath: string };
let handler: Promise<Handler> | undefined;

async function loadHandler(): Promise<Handler> {
  const module = (await import(pathToFileURL(modulePath).href)) as { handler?: unknown };
  if (typeof module.handler !== 'function') throw new Error(`${modulePath} exports no handler function`);
  return module.handler as Handler;
}

/** Calls the handler as the Node.js runtime does: its promise, or its callback for callback-style handlers. */
async function run(message: InvocationMessage): Promise<unknown> {
  const call = await (handler ??= loadHandler());
  const { deadline, ...fields } = message.context;
  const context = {
    ...fields,
    callbackWaitsForEmptyEventLoop: true,
    functionVersion: '$LATEST',
    logGroupName: `/aws/lambda/${fields.functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
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

parentPort!.on('message', (message: InvocationMessage) => {
  run(message).then(
    (result) => {
      let reply: InvocationReply;
      try {
        reply = { result: JSON.stringify(result) ?? 'null' };
      } catch (error) {
        reply = { error: lambdaError(error) };
      }
      parentPort!.postMessage(reply);
    },
    (error: unknown) => parentPort!.postMessage({ error: lambdaError(error) } satisfies InvocationReply),
  );
});
