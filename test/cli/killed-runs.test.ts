import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesRoot, repoRoot } from '../support/paths.js';

/**
 * `kill -9` at every moment of a run: a run is killed right before each of its file system
 * changes in turn (test/support/kill-at-fs-call.mjs sends it SIGKILL there, so no `finally` or
 * exit handler runs), then run again. The second run must succeed and leave exactly what an
 * uninterrupted run leaves: no refusal of the half-written folder, no stage folder left behind,
 * no user edit lost.
 */

const bin = join(repoRoot, 'bin/apigw-gen.js');
const killer = join(repoRoot, 'test/support/kill-at-fs-call.mjs');
const bookstore = join(fixturesRoot, 'valid/rest-lambda-proxy.yaml');
const handlersApi = join(fixturesRoot, 'valid/rest-handlers.yaml');

function run(args: string[], killAt?: number): Promise<{ code: number | null; signal: string | null; stderr: string; changes: number }> {
  const child = spawn(process.execPath, ['--import', killer, bin, ...args], {
    cwd: repoRoot,
    env: { ...process.env, KILL_AT_FS_CHANGE: String(killAt ?? -1) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      const changes = Number(/fs-changes: (\d+)/.exec(stderr)?.[1] ?? -1);
      resolve({ code, signal, stderr, changes });
    }),
  );
}

/** Every file under a folder with its contents, by relative path. */
function snapshot(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[path.slice(folder.length + 1)] = readFileSync(path, 'utf8');
  }
  return files;
}

interface Scenario {
  /** Prepares the output folder `out` as the user has it before the run. */
  prepare(out: string): void;
  args(out: string): string[];
  /** What must still hold after the second run, beyond matching an uninterrupted run. */
  check?(out: string): void;
}

/**
 * Kills the scenario's run at its file system changes (every one, or every `stride`-th: each kill
 * costs two runs), two at a time; each time, a second run must finish the job.
 */
async function killEverywhere(scenario: Scenario, stride = 1): Promise<number> {
  const reference = mkdtempSync(join(tmpdir(), 'apigw-gen-killed-reference-'));
  const referenceOut = join(reference, 'out');
  scenario.prepare(referenceOut);
  const clean = await run(scenario.args(referenceOut));
  expect(clean.code, `${clean.stderr}`).toBe(0);
  const expected = snapshot(reference);
  const moments: number[] = [];
  for (let killAt = 0; killAt < clean.changes; killAt += stride) moments.push(killAt);
  const killThenRun = async (killAt: number) => {
    const parent = mkdtempSync(join(tmpdir(), 'apigw-gen-killed-'));
    const out = join(parent, 'out');
    scenario.prepare(out);
    const killed = await run(scenario.args(out), killAt);
    expect(killed.signal, `run ${killAt} of ${clean.changes}`).toBe('SIGKILL');
    const again = await run(scenario.args(out));
    expect(again.code, `after a kill at change ${killAt}: ${again.stderr}`).toBe(0);
    expect(readdirSync(parent), 'stage folders left beside the output').toStrictEqual(['out']);
    expect(snapshot(parent), `after a kill at change ${killAt}`).toStrictEqual(expected);
    scenario.check?.(out);
  };
  // Two at a time: the runs are processes, and the machines this runs on have two cores or more.
  const next = async (): Promise<void> => {
    const killAt = moments.shift();
    if (killAt === undefined) return;
    await killThenRun(killAt);
    await next();
  };
  await Promise.all([next(), next()]);
  return clean.changes;
}

describe('a run killed at any moment leaves nothing the next run trips over', () => {
  it('sdk into a fresh folder', async () => {
    expect(await killEverywhere({ prepare: () => {}, args: (out) => ['sdk', bookstore, '-o', out] })).toBeGreaterThan(10);
  }, 300_000);

  it('sdk over an earlier output of another document (files change and go)', async () => {
    const earlier = mkdtempSync(join(tmpdir(), 'apigw-gen-killed-earlier-'));
    expect((await run(['sdk', handlersApi, '-o', earlier])).code).toBe(0);
    await killEverywhere(
      {
        prepare: (out) => cpSync(earlier, out, { recursive: true }),
        args: (out) => ['sdk', bookstore, '-o', out],
      },
      3,
    );
  }, 300_000);

  it('handlers over an earlier output whose stub the user edited', async () => {
    const earlier = mkdtempSync(join(tmpdir(), 'apigw-gen-killed-earlier-'));
    expect((await run(['handlers', handlersApi, '-o', earlier])).code).toBe(0);
    const stub = readdirSync(join(earlier, 'src/functions'), { recursive: true, encoding: 'utf8' }).find(
      (path) => path.endsWith('.ts') && !/(index|\.gen)\.ts$/.test(path),
    )!;
    const stubPath = join(earlier, 'src/functions', stub);
    writeFileSync(stubPath, `${readFileSync(stubPath, 'utf8')}\n// the user's edit\n`);
    // The document changes (it becomes another API): generated files change and go, stubs stay.
    await killEverywhere(
      {
        prepare: (out) => cpSync(earlier, out, { recursive: true }),
        args: (out) => ['handlers', bookstore, '-o', out],
        check: (out) => {
          expect(existsSync(join(out, 'src/functions', stub))).toBe(true);
          expect(readFileSync(join(out, 'src/functions', stub), 'utf8')).toContain("// the user's edit");
        },
      },
      3,
    );
  }, 300_000);
});
