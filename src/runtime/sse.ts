/**
 * Server-sent events for generated SDKs: operations that answer `text/event-stream` resolve to an
 * async iterator of the stream's events, parsed as the WHATWG HTML standard's event stream
 * interpretation says (fields `data`, `event`, `id`, `retry`; multi-line data; comments). This
 * file is copied into an SDK package only when an operation answers such a stream.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */

/** One dispatched event. */
export interface ServerSentEvent {
  /** The event type: the `event` field, else `message`. */
  event: string;
  /** The `data` lines, joined by line feeds. */
  data: string;
  /** The last event ID: the latest `id` field seen so far in the stream (`''` before any). */
  id: string;
  /** The reconnection time in milliseconds, when this event's block set one. */
  retry?: number;
}

/** The events of a response body, as they arrive; leaving the loop early cancels the body. */
export async function* readEvents(response: Response): AsyncGenerator<ServerSentEvent, void, undefined> {
  if (response.body === null) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const parser = eventParser();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      yield* parser.push(value);
    }
    // An event not followed by a blank line is not dispatched (the stream ended in the middle of it).
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/** A parser fed text chunks of any size; `push` returns the events the chunk completes. */
export function eventParser(): { push(chunk: string): ServerSentEvent[] } {
  let buffer = '';
  let first = true;
  let data = '';
  let type = '';
  let lastId = '';
  let retry: number | undefined;
  const line = (text: string, events: ServerSentEvent[]) => {
    if (text === '') {
      if (data !== '') {
        const event: ServerSentEvent = { event: type || 'message', data: data.slice(0, -1), id: lastId };
        if (retry !== undefined) event.retry = retry;
        events.push(event);
      }
      data = '';
      type = '';
      retry = undefined;
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data += `${value}\n`;
    else if (field === 'event') type = value;
    else if (field === 'id' && !value.includes('\0')) lastId = value;
    else if (field === 'retry' && /^\d+$/.test(value)) retry = Number(value);
  };
  let afterCR = false;
  return {
    push(chunk) {
      // A line ending with CR has been read; an LF that starts the next chunk is the rest of a CRLF.
      buffer += afterCR && chunk.startsWith('\n') ? chunk.slice(1) : chunk;
      if (first && buffer.length > 0) {
        if (buffer.startsWith('\uFEFF')) buffer = buffer.slice(1);
        first = false;
      }
      const events: ServerSentEvent[] = [];
      // Lines end at CRLF, LF or CR.
      const pattern = /\r\n|\n|\r/g;
      let start = 0;
      for (let match = pattern.exec(buffer); match !== null; match = pattern.exec(buffer)) {
        line(buffer.slice(start, match.index), events);
        start = match.index + match[0].length;
      }
      afterCR = buffer.endsWith('\r');
      buffer = buffer.slice(start);
      return events;
    },
  };
}
