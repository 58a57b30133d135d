import { PassThrough, Transform, type Readable } from 'node:stream';
import type { InvocationOutcome } from './function-pool.js';
import { checkedName, checkedValue, MalformedResultError } from './proxy-results.js';
import { setOwn } from './own-fields.js';

/** Where a stream's invalid header came from, in its error. */
const METADATA = 'the metadata has';

/**
 * A Lambda proxy integration for response streaming read as API Gateway reads it: the function's
 * output is a metadata JSON (`statusCode`, `headers`, `multiValueHeaders`, `cookies`), a delimiter
 * of 8 NUL bytes within the first 16 KB, then the payload. Once the delimiter has come, the status
 * and headers are known (`head`) and every later write goes to `body` as it comes, bytes as they
 * are. Output without the delimiter, or with metadata that is no valid JSON, is not an answer
 * (`malformed`): the client has got nothing yet. An invocation that fails after the head
 * (the handler threw, the worker died, a timeout) destroys `body`: the client's transfer ends
 * without its last chunk, which curl reports as "transfer closed with outstanding read data
 * remaining", as API Gateway's troubleshooting guide shows for a function stopped mid-stream.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode-lambda.html#response-transfer-mode-lambda-format
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/response-streaming-troubleshoot.html
 */

/** How a streamed invocation begins: its status and headers, or why there is no answer to stream. */
export type StreamedHead =
  | { statusCode: number; headers: Record<string, string | string[]>; body: Readable }
  | { malformed: string }
  | { failed: string }
  | { timedOut: true };

const DELIMITER = Buffer.alloc(8);
/** The delimiter must appear within this many bytes of the stream. */
const PRELUDE_LIMIT = 16 * 1024;

/**
 * One streamed invocation's output, read as it comes.
 * @example
 * const answer = new StreamedAnswer();
 * void pool.invoke(spec, event, { waitMs, onChunk: (bytes) => answer.push(bytes) }).then((outcome) => answer.finish(outcome));
 * const head = await answer.head; // { statusCode, headers, body } once the delimiter has come
 */
export class StreamedAnswer {
  /** Settles once the status and headers are known, or once the invocation ends without them. */
  readonly head: Promise<StreamedHead>;
  readonly #body = new PassThrough();
  /** The bytes before the delimiter while it has not come; undefined once the head is settled. */
  #prelude: Buffer | undefined = Buffer.alloc(0);
  #settle!: (head: StreamedHead) => void;

  constructor() {
    this.head = new Promise((resolve) => (this.#settle = resolve));
    // The server learns of a failure from the stream's state when it sends it (or not, for HEAD):
    // an error event with no listener yet would end the process.
    this.#body.on('error', () => {});
  }

  /** A chunk the function wrote. */
  push(bytes: Buffer): void {
    if (this.#prelude === undefined) {
      if (!this.#body.destroyed) this.#body.write(bytes);
      return;
    }
    const seen = this.#prelude.length === 0 ? bytes : Buffer.concat([this.#prelude, bytes]);
    const at = seen.subarray(0, PRELUDE_LIMIT).indexOf(DELIMITER);
    if (at < 0) {
      if (seen.length < PRELUDE_LIMIT) this.#prelude = seen;
      else this.#refuse(`the function wrote no metadata delimiter (8 NUL bytes) within the first ${PRELUDE_LIMIT} bytes`);
      return;
    }
    this.#prelude = undefined;
    let head: StreamedHead;
    try {
      head = { ...readMetadata(seen.subarray(0, at)), body: this.#body };
    } catch (error) {
      this.#refuse(error instanceof Error ? error.message : String(error));
      return;
    }
    this.#settle(head);
    const payload = seen.subarray(at + DELIMITER.length);
    if (payload.length > 0) this.#body.write(payload);
  }

  /** The invocation ended: the stream ends with it, or fails. */
  finish(outcome: InvocationOutcome): void {
    if (this.#prelude !== undefined) {
      if ('result' in outcome)
        this.#refuse(
          outcome.result === null
            ? 'the function ended its stream without the metadata and its delimiter (8 NUL bytes)'
            : 'the function returned a result instead of streaming it (wrap it with awslambda.streamifyResponse)',
        );
      else this.#settle('timedOut' in outcome ? { timedOut: true } : { failed: outcome.failed });
      return;
    }
    if (this.#body.destroyed) return;
    if ('result' in outcome) this.#body.end();
    else this.#body.destroy(new Error('timedOut' in outcome ? 'the integration timed out' : outcome.failed));
  }

  /** No answer to stream: what the function writes from now on is dropped. */
  #refuse(why: string): void {
    this.#prelude = undefined;
    this.#body.destroy();
    this.#settle({ malformed: why });
  }
}

/**
 * The status and headers the metadata gives. Every key may be left out (no `statusCode` is 200);
 * `headers` and `multiValueHeaders` merge into one list per name, a value given in both kept once,
 * as `multiValueHeaders` has it; `cookies` become `Set-Cookie` headers. Keys other than these four
 * are not supported, and left aside. A header API Gateway cannot send (a name that is no token, a
 * value with CR or LF) makes the metadata malformed, as it does a buffered result.
 */
function readMetadata(text: Buffer): { statusCode: number; headers: Record<string, string | string[]> } {
  let metadata: unknown;
  try {
    metadata = JSON.parse(text.toString('utf8'));
  } catch {
    throw new MalformedResultError('the metadata before the delimiter is not valid JSON');
  }
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))
    throw new MalformedResultError('the metadata before the delimiter is not a JSON object');
  const { statusCode = 200, headers = {}, multiValueHeaders = {}, cookies = [] } = metadata as Record<string, unknown>;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599)
    throw new MalformedResultError(`the metadata's statusCode ${JSON.stringify(statusCode)} is no HTTP status`);
  if (!isMap(headers) || !isMap(multiValueHeaders) || !Array.isArray(cookies))
    throw new MalformedResultError("the metadata's headers and multiValueHeaders must be objects, its cookies a list");
  const merged = new Map<string, string[]>();
  const add = (name: string, value: unknown) => {
    const values = merged.get(checkedName(name, METADATA)) ?? [];
    const text = checkedValue(name, value, METADATA);
    if (!values.includes(text)) values.push(text);
    merged.set(name.toLowerCase(), values);
  };
  for (const [name, values] of Object.entries(multiValueHeaders))
    for (const value of Array.isArray(values) ? values : [values]) add(name, value);
  for (const [name, value] of Object.entries(headers)) add(name, value);
  for (const cookie of cookies) add('Set-Cookie', cookie);
  const result: Record<string, string | string[]> = {};
  for (const [name, values] of merged) setOwn(result, name, values.length === 1 ? values[0]! : values);
  return { statusCode, headers: result };
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A stream that fails once its source has sent nothing for `idleMs` (API Gateway's idle timeout
 * for streamed responses), which cuts the client's transfer short.
 */
export function idleBounded(source: Readable, idleMs: number): Readable {
  const bounded = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      idle.refresh();
      done(null, chunk);
    },
    flush(done) {
      clearTimeout(idle);
      done();
    },
  });
  const idle = setTimeout(() => bounded.destroy(new Error(`no data for ${idleMs} ms`)), idleMs);
  // As for StreamedAnswer's body: the server reads a failure from the stream's state.
  bounded.on('error', () => {});
  source.on('error', (error) => bounded.destroy(error));
  bounded.on('close', () => {
    clearTimeout(idle);
    source.destroy();
  });
  return source.pipe(bounded);
}
