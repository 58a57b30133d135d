/**
 * Invocations and answers as the text `FunctionPool` and its workers exchange through their
 * message rings: a few tab-separated fields, then the event or result JSON as it is, so that
 * neither side parses or copies the JSON more than Lambda's own contract needs.
 */

/** One invocation, as the pool writes it. */
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

/** An invocation as ring text: sequence number, deadline and request id, tab-separated, then the event. */
export function encodeInvocation(message: InvocationMessage): string {
  return `${message.seq}\t${message.deadline}\t${message.awsRequestId}\t${message.event}`;
}

/** Reads an invocation the pool wrote (the worker's end). */
export function decodeInvocation(text: string): InvocationMessage {
  const first = text.indexOf('\t');
  const second = text.indexOf('\t', first + 1);
  const third = text.indexOf('\t', second + 1);
  return {
    seq: Number(text.slice(0, first)),
    deadline: Number(text.slice(first + 1, second)),
    awsRequestId: text.slice(second + 1, third),
    event: text.slice(third + 1),
  };
}

/** An answer as ring text (the worker's end): the sequence number, then `R` and the result or `E` and the error, as JSON. */
export function encodeReply(message: InvocationReply): string {
  return 'result' in message ? `${message.seq}\tR${message.result}` : `${message.seq}\tE${JSON.stringify(message.error)}`;
}

/** Reads an answer the worker wrote (the pool's end). */
export function decodeReply(text: string): InvocationReply {
  const tab = text.indexOf('\t');
  const seq = Number(text.slice(0, tab));
  return text[tab + 1] === 'R'
    ? { seq, result: text.slice(tab + 2) }
    : { seq, error: JSON.parse(text.slice(tab + 2)) as { errorType: string; errorMessage: string; stack: string } };
}
