import { describe, expect, it } from 'vitest';
import { eventParser, type ServerSentEvent } from '../../../src/runtime/sse.js';

/** The events of a stream fed in chunks of `size` characters. */
function parse(stream: string, size = stream.length): ServerSentEvent[] {
  const parser = eventParser();
  const events: ServerSentEvent[] = [];
  for (let at = 0; at < stream.length; at += size) events.push(...parser.push(stream.slice(at, at + size)));
  return events;
}

// Expected values: the examples of the WHATWG HTML standard,
// https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
describe('server-sent events parser', () => {
  it('skips comments, sets and resets the last event ID, and removes only one space after the colon', () => {
    const stream = ': test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n';
    const expected = [
      { event: 'message', data: 'first event', id: '1' },
      { event: 'message', data: 'second event', id: '' },
      { event: 'message', data: ' third event', id: '' },
    ];
    for (const size of [1, 2, 7, stream.length]) expect(parse(stream, size), `chunks of ${size}`).toStrictEqual(expected);
  });

  it('joins data lines with a line feed, and drops the last block when no blank line ends it', () => {
    expect(parse('data\n\ndata\ndata\n\ndata:')).toStrictEqual([
      { event: 'message', data: '', id: '' },
      { event: 'message', data: '\n', id: '' },
    ]);
  });

  it('reads the same event with and without the space, whatever the line endings (CRLF split across chunks, CR)', () => {
    const expected = [
      { event: 'message', data: 'test', id: '' },
      { event: 'message', data: 'test', id: '' },
    ];
    expect(parse('data:test\n\ndata: test\n\n')).toStrictEqual(expected);
    expect(parse('data:test\r\n\r\ndata: test\r\n\r\n', 1)).toStrictEqual(expected);
    expect(parse('data:test\r\rdata: test\r\r')).toStrictEqual(expected);
  });

  it('gives the event type, the retry time (digits only) and ignores a leading BOM and unknown fields', () => {
    expect(parse('\uFEFFevent: add\ndata: 73857293\nretry: 3000\nfoo: bar\n\nevent: remove\ndata: 2153\nretry: 1s\n\n')).toStrictEqual([
      { event: 'add', data: '73857293', id: '', retry: 3000 },
      { event: 'remove', data: '2153', id: '' },
    ]);
  });
});
