import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { MessageRing } from '../../src/serve/message-ring.js';

/** A writer and a reader over one ring, in this thread (the pool and a worker hold one end each). */
function ring(capacity: number): { writer: MessageRing; reader: MessageRing; close: () => void } {
  const memory = MessageRing.allocate(capacity);
  const { port1, port2 } = new MessageChannel();
  return {
    writer: new MessageRing(memory, port1),
    reader: new MessageRing(memory, port2),
    close: () => port1.close(),
  };
}

function readAll(reader: MessageRing): string[] {
  const texts: string[] = [];
  for (let text = reader.read(); text !== undefined; text = reader.read()) texts.push(text);
  return texts;
}

describe('MessageRing', () => {
  it('reads nothing from an empty ring', () => {
    const { reader, close } = ring(256);
    expect(reader.read()).toBeUndefined();
    close();
  });

  it('keeps messages whole and in order across many wrap-arounds of a small ring, multi-byte UTF-8 included', () => {
    // Prepare: lengths that are not multiples of 4 and entries that end right at, or past, the ring's end.
    const { writer, reader, close } = ring(256);
    const sent: string[] = [];
    const received: string[] = [];
    // Act: two messages written per message read, then drained, so that the ring fills and wraps.
    for (let i = 0; i < 300; i++) {
      const text = `${i}:${'é€'.repeat(i % 23)}${'x'.repeat((i * 7) % 41)}`;
      sent.push(text);
      writer.write(text);
      if (i % 2 === 1) received.push(reader.read()!);
      if (i % 10 === 9) received.push(...readAll(reader));
    }
    received.push(...readAll(reader));
    // Assess
    expect(received).toStrictEqual(sent);
    close();
  });

  it('sends a message bigger than the ring through its port, keeping its place among the others', () => {
    const { writer, reader, close } = ring(256);
    const big = 'b'.repeat(10_000);
    writer.write('before');
    writer.write(big);
    writer.write('after');
    expect(readAll(reader)).toStrictEqual(['before', big, 'after']);
    close();
  });

  it('still takes messages when its reader is behind and the ring is full, through the port, in order', () => {
    const { writer, reader, close } = ring(128);
    const sent = Array.from({ length: 12 }, (_, i) => `message ${i} ${'-'.repeat(20)}`);
    for (const text of sent) writer.write(text);
    expect(readAll(reader)).toStrictEqual(sent);
    close();
  });

  it('resolves whenWritten() once a message is written and the writer wakes it, and at once when one is there', async () => {
    const { writer, reader, close } = ring(256);
    let woken = false;
    const waiting = reader.whenWritten().then(() => (woken = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(woken, `woken before any write`).toBe(false);
    writer.write('wake up');
    writer.wake();
    await waiting;
    await reader.whenWritten();
    expect(reader.read()).toBe('wake up');
    close();
  });

  it('wakes a reader that waits after a wake() that found it awake, and after a whenWritten() that resolved at once', async () => {
    // Prepare: a wake while the reader is awake, then a wait that finds a message already there.
    const { writer, reader, close } = ring(256);
    writer.write('first');
    writer.wake();
    await reader.whenWritten();
    expect(reader.read()).toBe('first');
    // Act: the reader waits with nothing to read, and a message comes.
    let woken = false;
    const waiting = reader.whenWritten().then(() => (woken = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(woken, `woken before the second write`).toBe(false);
    writer.write('second');
    writer.wake();
    // Assess: the wait ends (a lost wake-up would leave it pending until the test times out).
    await waiting;
    expect(reader.read()).toBe('second');
    close();
  });

  it('refuses a capacity that is not a power of two', () => {
    expect(() => MessageRing.allocate(1000)).toThrow(/power of two/);
  });
});

describe('MessageRing across threads', () => {
  it('never loses a wake-up: a wake() for a message the reader already took, landing as it goes to sleep, leaves it wakeable', async () => {
    // Prepare: a reader thread that echoes every message, sleeping in waitUntilWritten() between them.
    const { Worker } = await import('node:worker_threads');
    const ringModule = new URL('../../dist/serve/message-ring.js', import.meta.url).href;
    const requests = { memory: MessageRing.allocate(1024), channel: new MessageChannel() };
    const echoes = { memory: MessageRing.allocate(1024), channel: new MessageChannel() };
    const reader = new Worker(
      `const { workerData } = require('node:worker_threads');
       import(workerData.ringModule).then(({ MessageRing }) => {
         const requests = new MessageRing(workerData.requests, workerData.requestsPort);
         const echoes = new MessageRing(workerData.echoes, workerData.echoesPort);
         for (;;) {
           const text = requests.read();
           if (text === undefined) requests.waitUntilWritten();
           else if (text === 'stop') return;
           else echoes.write(text);
         }
       });`,
      {
        eval: true,
        workerData: {
          ringModule,
          requests: requests.memory,
          requestsPort: requests.channel.port2,
          echoes: echoes.memory,
          echoesPort: echoes.channel.port1,
        },
        transferList: [requests.channel.port2, echoes.channel.port1],
      },
    );
    const toReader = new MessageRing(requests.memory, requests.channel.port1);
    const fromReader = new MessageRing(echoes.memory, echoes.channel.port2);
    const spinUntil = (done: () => boolean, what: string) => {
      const deadline = Date.now() + 2_000;
      while (!done()) if (Date.now() > deadline) throw new Error(`the reader never ${what}`);
    };
    // Act: each second message is written while the reader is awake with the first, and its wake()
    // waits until the reader raises its flag to sleep again: when the reader took the message before
    // that, the wake-up is a late one landing as it goes to sleep (as a deferred wake-up does under load).
    let echoed = 0;
    try {
      for (let i = 0; i < 3_000; i++) {
        toReader.write(`a${i}`);
        toReader.wake();
        toReader.write(`b${i}`);
        spinUntil(
          () => toReader.readerSleeps(),
          `raised its flag to sleep after message ${i} (a lost wake-up leaves it asleep with the flag down)`,
        );
        toReader.wake();
        for (const text of [`a${i}`, `b${i}`]) {
          spinUntil(() => fromReader.read() === text, `echoed ${text} (a lost wake-up left it asleep)`);
          echoed++;
        }
      }
    } finally {
      toReader.write('stop');
      toReader.wake();
      await reader.terminate();
      requests.channel.port1.close();
      echoes.channel.port2.close();
    }
    // Assess
    expect(echoed).toBe(6_000);
  });
});
