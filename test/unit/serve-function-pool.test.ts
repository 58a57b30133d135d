import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FunctionPool, type FunctionSpec, type InvocationOutcome } from '../../src/serve/function-pool.js';

/**
 * FunctionPool's own mechanisms, through its worker threads (built: `npm run build`): events and
 * results that do not fit its shared-memory rings, many invocations in flight at once, and the
 * watchdog taking back an invocation that waits behind a spinning handler.
 */

let pool: FunctionPool;
let echo: FunctionSpec;
let spin: FunctionSpec;

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
  pool = new FunctionPool();
});

afterAll(() => pool.close());

describe('FunctionPool', () => {
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
