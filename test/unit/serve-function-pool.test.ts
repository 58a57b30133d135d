import { mkdirSync, mkdtempSync, readlinkSync, writeFileSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FunctionPool, type FunctionSpec, type InvocationOutcome } from '../../src/serve/function-pool.js';

/**
 * FunctionPool's own mechanisms, through its worker threads (built: `npm run build`): events and
 * results that do not fit its shared-memory rings, many invocations in flight at once, and the
 * watchdog taking back an invocation that waits behind a spinning handler.
 */

let pool: FunctionPool;
let echo: FunctionSpec;
let spin: FunctionSpec;
let proxy: FunctionSpec;
let chatty: FunctionSpec;
let priority: FunctionSpec;

beforeAll(() => {
  const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-pool-'));
  writeFileSync(join(folder, 'package.json'), '{ "type": "module" }\n');
  const write = (name: string, source: string): FunctionSpec => {
    mkdirSync(join(folder, name));
    writeFileSync(join(folder, name, 'index.js'), `${source}\n`);
    return { modulePath: join(folder, name, 'index.js'), name };
  };
  echo = write('echo', 'export const handler = async (event) => ({ echoed: event, size: event.body.length });');
  spin = write('spin', 'export const handler = async (event) => { if (event.spin) for (;;); return { free: true }; };');
  // Returns the event's `result`, or one of the shapes whose body must not travel apart from the rest.
  proxy = write(
    'proxy',
    [
      'class Answer { constructor(body) { this.statusCode = 200; this.body = body; } }',
      'export const handler = async (event) => {',
      "  if (event.kind === 'class') return new Answer(event.body);",
      "  if (event.kind === 'toJSON') return { statusCode: 200, body: 'hidden', toJSON: () => ({ statusCode: 201, body: 'shown' }) };",
      "  if (event.kind === 'cyclic') { const result = { statusCode: 200, body: 'x' }; result.headers = { self: result }; return result; }",
      '  return event.result;',
      '};',
    ].join('\n'),
  );
  chatty = write(
    'chatty',
    "export const handler = async (event) => { for (let i = 1; i <= 5; i++) console.log(`${event.id} line ${i}`); return { statusCode: 200, body: '' }; };",
  );
  priority = write(
    'priority',
    "import { readlinkSync } from 'node:fs'; import { getPriority } from 'node:os';\n" +
      "export const handler = async () => getPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()));",
  );
  pool = new FunctionPool();
});

afterAll(() => pool.close());

describe('FunctionPool', () => {
  it.runIf(process.platform === 'linux')('runs handlers at a lower priority than the server thread (nice + 5, Linux)', async () => {
    const server = getPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()));
    expect(await pool.invoke(priority, {}, { waitMs: 60_000 })).toStrictEqual({ result: Math.min(19, server + 5) });
  });

  it('carries events and results far bigger than its rings (4 MB each way), and small ones beside them', async () => {
    const body = 'é'.repeat(2 * 1024 * 1024);
    const outcomes = await Promise.all([
      pool.invoke(echo, { body: 'small before' }, { waitMs: 60_000 }),
      pool.invoke(echo, { body }, { waitMs: 60_000 }),
      pool.invoke(echo, { body: 'small after' }, { waitMs: 60_000 }),
    ]);
    expect(outcomes[0], `the first small answer`).toStrictEqual({ result: { echoed: { body: 'small before' }, size: 12 } });
    expect(outcomes[1], `the big answer`).toStrictEqual({ result: { echoed: { body }, size: body.length } });
    expect(outcomes[2], `the second small answer`).toStrictEqual({ result: { echoed: { body: 'small after' }, size: 11 } });
  });

  it('gives back proxy results as the handler returned them, whatever their body holds (it crosses apart from the rest)', async () => {
    const bodies = [
      JSON.stringify({ items: [{ id: 'a "quoted" \\ name', tags: ['x\ty'] }], next: null }),
      'tab\tnewline\ncarriage\rNUL\u0000 and \u2028',
      'ünïcödé ✓ 😀',
      '',
      '\t',
    ];
    for (const body of bodies) {
      const result = {
        statusCode: 200,
        headers: { 'content-type': 'application/json', 'x-tab': 'a\tb' },
        multiValueHeaders: { 'set-cookie': ['a=1', 'b=2'] },
        body,
        isBase64Encoded: false,
      };
      const outcome = await pool.invoke(proxy, { result }, { waitMs: 60_000 });
      expect(outcome, `the result with body ${JSON.stringify(body)}`).toStrictEqual({ result });
    }
  });

  it('sends whole, as JSON, the results whose body may not travel apart', async () => {
    // A payload 2.0 result without statusCode is the answer's JSON body itself: the order of its fields shows.
    const bare = { body: 'first', statusText: 'no statusCode', nested: { body: 'kept' } };
    const outcomes = await Promise.all([
      pool.invoke(proxy, { result: bare }, { waitMs: 60_000 }),
      pool.invoke(proxy, { result: { statusCode: 200, body: { not: 'a string' } } }, { waitMs: 60_000 }),
      pool.invoke(proxy, { kind: 'class', body: 'from a class' }, { waitMs: 60_000 }),
      pool.invoke(proxy, { kind: 'toJSON' }, { waitMs: 60_000 }),
      pool.invoke(proxy, { kind: 'cyclic' }, { waitMs: 60_000 }),
    ]);
    expect(JSON.stringify(outcomes[0]), `a bare object, its fields in order`).toBe(JSON.stringify({ result: bare }));
    expect(outcomes[1], `a body that is not a string`).toStrictEqual({ result: { statusCode: 200, body: { not: 'a string' } } });
    expect(outcomes[2], `a class instance, as JSON has it`).toStrictEqual({ result: { statusCode: 200, body: 'from a class' } });
    expect(outcomes[3], `what toJSON gives`).toStrictEqual({ result: { statusCode: 201, body: 'shown' } });
    expect(outcomes[4], `a result JSON cannot hold fails, as on Lambda`).toMatchObject({
      failed: expect.stringContaining('circular') as unknown,
    });
  });

  it('passes on every line a handler logs once it has answered, with no invocation after it (an idle worker blocks only when no output waits)', async () => {
    const seen: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = String(chunk);
      if (text.includes('chatty-')) seen.push(...text.split('\n').filter(Boolean));
      else return write(chunk, ...(rest as []));
      return true;
    });
    const lines = (id: string) => [1, 2, 3, 4, 5].map((i) => `${id} line ${i}`);
    try {
      // The second invocation finds the worker warm, with nothing of its start left running.
      for (const id of ['chatty-1', 'chatty-2']) {
        await pool.invoke(chatty, { id }, { waitMs: 60_000 });
        const until = Date.now() + 5_000;
        while (!lines(id).every((line) => seen.includes(line)) && Date.now() < until)
          await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      spy.mockRestore();
    }
    expect(seen, `the lines the handler logged`).toStrictEqual([...lines('chatty-1'), ...lines('chatty-2')]);
  });

  it('answers 500 invocations, 10 at a time, each with its own event, as its workers go round their rings many times', async () => {
    // Events of up to 8 KB: a few workers read and answer megabytes through rings of 128 KB.
    const body = (i: number) => `${i} ${'x'.repeat((i * 997) % 8000)}`;
    const wrong: unknown[] = [];
    for (let round = 0; round < 50; round++) {
      const numbers = Array.from({ length: 10 }, (_, i) => round * 10 + i);
      const outcomes = await Promise.all(numbers.map((i) => pool.invoke(echo, { body: body(i) }, { waitMs: 60_000 })));
      outcomes.forEach((outcome, index) => {
        const i = numbers[index]!;
        if (JSON.stringify(outcome) !== JSON.stringify({ result: { echoed: { body: body(i) }, size: body(i).length } }))
          wrong.push({ i, outcome });
      });
    }
    expect(wrong, `answers that are not their invocation's`).toStrictEqual([]);
  });

  it('takes back an invocation sent behind one that spins, and runs it elsewhere while the loop goes on', async () => {
    // Prepare: invoked in the same turn, the second goes to the first one's worker, to wait its turn there.
    const settled: string[] = [];
    const track = (name: string, outcome: Promise<InvocationOutcome>) =>
      outcome.then((value) => {
        settled.push(name);
        return value;
      });
    // Act
    const spinning = track('spinning', pool.invoke(spin, { spin: true }, { waitMs: 3_000 }));
    const behind = track('behind', pool.invoke(spin, { spin: false }, { waitMs: 60_000 }));
    // Assess: the one behind was answered while the loop still ran, which only the integration timeout ends.
    expect(await behind).toStrictEqual({ result: { free: true } });
    expect(settled).toStrictEqual(['behind']);
    expect(await spinning).toStrictEqual({ timedOut: true });
  });
});
