import { Writable } from 'node:stream';

/**
 * Lambda response streaming in a local function (the worker thread of src/serve/function-worker.ts):
 * the `awslambda` global the Node.js runtime gives handlers (`streamifyResponse`,
 * `HttpResponseStream.from`), and a streamed invocation, whose writes go to the server one by
 * one as the handler makes them, bytes as they are (src/serve/streamed-answer.ts reads them as
 * API Gateway does).
 * @see https://docs.aws.amazon.com/lambda/latest/dg/config-rs-write-functions.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode-lambda.html
 */

const DELIMITER = Buffer.alloc(8);
const STREAMING = Symbol.for('apigw-gen.streamifyResponse');

type StreamingHandler = (event: unknown, responseStream: Writable, context: unknown) => unknown;

/** Gives handler modules the runtime's `awslambda` global, before they load. */
export function installLambdaGlobal(): void {
  const scope = globalThis as { awslambda?: unknown };
  scope.awslambda ??= {
    streamifyResponse: (handler: StreamingHandler) =>
      Object.assign((event: unknown, responseStream: Writable, context: unknown) => handler(event, responseStream, context), {
        [STREAMING]: handler,
      }),
    HttpResponseStream: {
      /** Writes the metadata and the delimiter ahead of the payload. */
      from: (responseStream: Writable, metadata: Record<string, unknown>) => {
        responseStream.write(JSON.stringify(metadata));
        responseStream.write(DELIMITER);
        return responseStream;
      },
    },
  };
}

/** The handler `awslambda.streamifyResponse` wrapped, if it wrapped this one. */
export function streamingHandler(handler: unknown): StreamingHandler | undefined {
  return typeof handler === 'function' ? (handler as { [STREAMING]?: StreamingHandler })[STREAMING] : undefined;
}

/**
 * Runs a streaming handler to the end of its stream, handing each write to `send` at once; the
 * promise settles when the stream has ended (it rejects with what the handler threw).
 */
export async function invokeStreaming(
  handler: StreamingHandler,
  input: { event: unknown; context: unknown; send: (chunk: Buffer) => void },
): Promise<void> {
  const responseStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      input.send(chunk);
      done();
    },
  });
  const finished = new Promise((resolve, reject) => responseStream.on('finish', resolve).on('error', reject));
  // The content type of Lambda's own answer to API Gateway: nothing a client sees.
  await handler(input.event, Object.assign(responseStream, { setContentType: () => undefined }), input.context);
  // The runtime ends the stream the handler left open once its promise settles.
  if (!responseStream.writableEnded) responseStream.end();
  await finished;
}
