/**
 * Streamed answers for generated SDKs: operations whose integration streams its response
 * (`responseTransferMode: STREAM`) resolve to the body's `ReadableStream` as it arrives. This file
 * is copied into an SDK package only when some operation streams.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode.html
 */

/**
 * The body, handed on unread (`undefined` when the answer has none). The attempt's timeout ends
 * here; the caller's signal still stops the body, until the stream ends, fails or is cancelled.
 */
export function readStream(response: Response, keep: () => () => void): ReadableStream<Uint8Array> | undefined {
  const body: ReadableStream<Uint8Array> | null = response.body;
  if (body === null) return undefined;
  const release = keep();
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          release();
          controller.close();
        } else controller.enqueue(value);
      } catch (error) {
        release();
        controller.error(error);
      }
    },
    cancel(reason) {
      release();
      return reader.cancel(reason);
    },
  });
}
