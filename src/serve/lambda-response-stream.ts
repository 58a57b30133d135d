import { Writable } from 'node:stream';

/**
 * Lambda response streaming in a local function (the worker thread of src/serve/function-worker.ts):
 * the `awslambda` global the Node.js runtime gives handlers (`streamifyResponse`,
 * `HttpResponseStream.from`), and a streamed invocation read as API Gateway reads a Lambda proxy
 * integration for response streaming: the metadata JSON (`statusCode`, `headers`,
 * `multiValueHeaders`, `cookies`), a delimiter of 8 NUL bytes, then the payload. Output without the
 * delimiter has no valid metadata: the integration fails. `serve` answers once the function has
 * finished (the payload buffered, as text), not chunk by chunk.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode-lambda.html
 * @see https://docs.aws.amazon.com/lambda/latest/dg/config-rs-write-functions.html
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

/** Runs a streaming handler to the end of its stream, and resolves to the proxy result its output makes. */
export async function invokeStreaming(handler: StreamingHandler, event: unknown, context: unknown): Promise<unknown> {
  const chunks: Buffer[] = [];
  const responseStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const finished = new Promise((resolve, reject) => responseStream.on('finish', resolve).on('error', reject));
  // The content type of Lambda's own answer to API Gateway: nothing a client sees.
  await handler(event, Object.assign(responseStream, { setContentType: () => undefined }), context);
  // The runtime ends the stream the handler left open once its promise settles.
  if (!responseStream.writableEnded) responseStream.end();
  await finished;
  return proxyResult(Buffer.concat(chunks));
}

function proxyResult(output: Buffer): unknown {
  const at = output.indexOf(DELIMITER);
  // No metadata: left as it is, which is no proxy result (API Gateway's 502).
  if (at < 0) return output.toString('utf8');
  const metadata = JSON.parse(output.subarray(0, at).toString('utf8')) as Record<string, unknown>;
  const { cookies, ...rest } = metadata;
  const result: Record<string, unknown> = { ...rest, body: output.subarray(at + DELIMITER.length).toString('utf8') };
  if (Array.isArray(cookies) && cookies.length > 0) {
    // Cookies are Set-Cookie headers, after any the multi-value headers name.
    const multiValueHeaders = { ...(rest.multiValueHeaders as Record<string, unknown> | undefined) };
    const existing: unknown = multiValueHeaders['Set-Cookie'];
    const earlier: unknown[] = Array.isArray(existing) ? existing : existing === undefined ? [] : [existing];
    multiValueHeaders['Set-Cookie'] = [...earlier, ...(cookies as unknown[])];
    result.multiValueHeaders = multiValueHeaders;
  }
  return result;
}
