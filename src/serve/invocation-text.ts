/**
 * Invocations and answers as the text `FunctionPool` and its workers exchange through their
 * message rings: a few tab-separated fields, then the event or result JSON as it is, so that
 * neither side parses or copies the JSON more than Lambda's own contract needs.
 */

/** One invocation, as the pool writes it. */
export interface InvocationMessage {
  /** 1, 2, 3… per worker, in the order sent. */
  seq: number;
  /** The event, as JSON; or, for `proxy`, the JSON of the fields the worker builds a proxy event from (see ProxyEventInput). */
  event: string;
  proxy?: true;
  awsRequestId: string;
  /** Epoch milliseconds at which the function times out. */
  deadline: number;
}

/**
 * What the worker answers: the result as JSON (`null` for `undefined`), or the error as Lambda
 * reports it; before either, a response-streaming handler's writes, one chunk each, as they come.
 * A proxy result's string `body` may travel apart, as it is (`result` is then the JSON of the
 * other fields): a JSON body stringified inside the result has every quote escaped, and the pool
 * would unescape them all again.
 */
export type InvocationReply = { seq: number } & (
  { result: string; body?: string } | { error: { errorType: string; errorMessage: string; stack: string } } | { chunk: Buffer }
);

/** An invocation as ring text: sequence number, deadline and request id, tab-separated, then `E` and the event or `P` and a proxy event's fields. */
export function encodeInvocation(message: InvocationMessage): string {
  return `${message.seq}\t${message.deadline}\t${message.awsRequestId}\t${message.proxy ? 'P' : 'E'}${message.event}`;
}

/** Reads an invocation the pool wrote (the worker's end). */
export function decodeInvocation(text: string): InvocationMessage {
  const first = text.indexOf('\t');
  const second = text.indexOf('\t', first + 1);
  const third = text.indexOf('\t', second + 1);
  const message: InvocationMessage = {
    seq: Number(text.slice(0, first)),
    deadline: Number(text.slice(first + 1, second)),
    awsRequestId: text.slice(second + 1, third),
    event: text.slice(third + 2),
  };
  if (text[third + 1] === 'P') message.proxy = true;
  return message;
}

/**
 * An answer as ring text (the worker's end): the sequence number, then `R` and the result or `E`
 * and the error, as JSON; or `B`, the result's other fields as JSON, a tab and the body (JSON text
 * never holds a raw tab); or `C` and a streamed chunk's bytes, one character each (latin1: any
 * bytes, UTF-8 or not, come back as they were).
 */
export function encodeReply(message: InvocationReply): string {
  if ('result' in message)
    return message.body === undefined ? `${message.seq}\tR${message.result}` : `${message.seq}\tB${message.result}\t${message.body}`;
  return 'chunk' in message ? `${message.seq}\tC${message.chunk.toString('latin1')}` : `${message.seq}\tE${JSON.stringify(message.error)}`;
}

/** Reads an answer the worker wrote (the pool's end). */
export function decodeReply(text: string): InvocationReply {
  const tab = text.indexOf('\t');
  const seq = Number(text.slice(0, tab));
  const kind = text[tab + 1];
  if (kind === 'R') return { seq, result: text.slice(tab + 2) };
  if (kind === 'B') {
    const bodyTab = text.indexOf('\t', tab + 2);
    return { seq, result: text.slice(tab + 2, bodyTab), body: text.slice(bodyTab + 1) };
  }
  return kind === 'C'
    ? { seq, chunk: Buffer.from(text.slice(tab + 2), 'latin1') }
    : { seq, error: JSON.parse(text.slice(tab + 2)) as { errorType: string; errorMessage: string; stack: string } };
}
