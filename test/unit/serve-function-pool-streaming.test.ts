import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FunctionPool, type FunctionSpec } from '../../src/serve/function-pool.js';

/**
 * FunctionPool's streamed invocations, through its worker threads (built: `npm run build`): a
 * response-streaming handler's writes reach `onChunk` as they come, every byte value intact and
 * chunks bigger than the rings included, and `idleMs` bounds each wait for the next chunk, not
 * the whole stream (API Gateway's idle timeout, https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode.html).
 */

let pool: FunctionPool;
let bytes: FunctionSpec;
let ticks: FunctionSpec;
let stalls: FunctionSpec;

beforeAll(() => {
  const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-pool-streaming-'));
  writeFileSync(join(folder, 'package.json'), '{ "type": "module" }\n');
  const write = (name: string, source: string): FunctionSpec => {
    mkdirSync(join(folder, name));
    writeFileSync(join(folder, name, 'index.js'), `${source}\n`);
    return { modulePath: join(folder, name, 'index.js'), name };
  };
  bytes = write(
    'bytes',
    `export const handler = awslambda.streamifyResponse(async (event, stream) => {
  stream.write(Buffer.from(Array.from({ length: 256 }, (_, i) => i)));
  stream.write(Buffer.alloc(300 * 1024, 0xe9));
  stream.end('end');
});`,
  );
  ticks = write(
    'ticks',
    `export const handler = awslambda.streamifyResponse(async (event, stream) => {
  for (let i = 0; i < 5; i++) {
    stream.write(String(i));
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  stream.end();
});`,
  );
  stalls = write(
    'stalls',
    `export const handler = awslambda.streamifyResponse(async (event, stream) => {
  stream.write('first');
  await new Promise(() => {});
});`,
  );
  pool = new FunctionPool();
});

afterAll(() => pool.close());

describe('FunctionPool: streamed invocations', () => {
  it('hands each write to onChunk in order, every byte value and chunks larger than the rings intact', async () => {
    const chunks: Buffer[] = [];
    const outcome = await pool.invoke(bytes, {}, { waitMs: 60_000, onChunk: (chunk) => chunks.push(chunk) });
    const all = Buffer.concat(chunks);
    expect({
      outcome,
      length: all.length,
      first: all.subarray(0, 256).equals(Buffer.from(Array.from({ length: 256 }, (_, i) => i))),
      middle: all.subarray(256, 256 + 300 * 1024).every((byte) => byte === 0xe9),
      last: all.subarray(-3).toString('latin1'),
    }).toStrictEqual({ outcome: { result: null }, length: 256 + 300 * 1024 + 3, first: true, middle: true, last: 'end' });
  });

  it('keeps the written bytes as the result when invoked without onChunk (a buffered invocation)', async () => {
    const outcome = await pool.invoke(bytes, {}, { waitMs: 60_000 });
    const result = 'result' in outcome ? outcome.result : outcome;
    expect(Buffer.isBuffer(result) ? result.length : result, `the bytes written`).toBe(256 + 300 * 1024 + 3);
  });

  it('lets a stream run past idleMs as long as each chunk comes within it', async () => {
    const chunks: string[] = [];
    const outcome = await pool.invoke(ticks, {}, { waitMs: 60_000, idleMs: 1000, onChunk: (chunk) => chunks.push(chunk.toString()) });
    expect({ outcome, chunks: chunks.join('') }).toStrictEqual({ outcome: { result: null }, chunks: '01234' });
  });

  it('times a stream out once it waits idleMs for the next chunk', async () => {
    const chunks: string[] = [];
    const outcome = await pool.invoke(stalls, {}, { waitMs: 60_000, idleMs: 200, onChunk: (chunk) => chunks.push(chunk.toString()) });
    expect({ outcome, chunks }).toStrictEqual({ outcome: { timedOut: true }, chunks: ['first'] });
  });
});
