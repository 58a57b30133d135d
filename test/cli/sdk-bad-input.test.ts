import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { writePlan, type PlannedFile } from '../../src/emit/write-plan.js';
import { loadApi } from '../../src/index.js';
import { planSdk } from '../../src/targets/sdk/index.js';
import { repoRoot } from '../support/paths.js';
import { generatedBy, headsFor, rejectedBy } from '../support/bad-documents.js';
import { runCli, diagnosticHeads } from '../support/run-cli.js';

/**
 * `apigw-gen sdk` on a document `validate` rejects exits as `validate` does, prints the same
 * diagnostics (code, file:line) and writes nothing: no output folder, no staging folder, and a
 * folder holding an earlier generation plus a user's file stays exactly as it was. Documents
 * with warnings only are generated, as `validate` passes them. The CLI runs in process
 * (`main`, which bin/apigw-gen.js calls); a few runs of the real bin tie the two together.
 */

const invalidRoot = join(repoRoot, 'fixtures/specs/invalid');

function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(repoRoot, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

interface Case {
  document: string;
  /** Codes the document's expected file lists, for invalid fixtures. */
  expectedCodes?: string[];
  /** The warnings among them. */
  warningCodes?: string[];
}

const invalidFixtures = filesUnder(invalidRoot)
  .filter((path) => /\/APIGW_[A-Z0-9_]+\.yaml$/.test(path) && existsSync(join(repoRoot, path.replace(/\.yaml$/, '.expected.json'))))
  .map((document) => ({
    document,
    expected: JSON.parse(readFileSync(join(repoRoot, document.replace(/\.yaml$/, '.expected.json')), 'utf8')) as {
      code: string;
      severity: string;
    }[],
  }));
const toCase = ({ document, expected }: (typeof invalidFixtures)[number]): Case => ({
  document,
  expectedCodes: expected.map(({ code }) => code),
  warningCodes: expected.filter(({ severity }) => severity !== 'info').map(({ code }) => code),
});

const cases = new Map(invalidFixtures.map((fixture) => [fixture.document, toCase(fixture)]));

/** Documents with an error that makes an SDK wrong: invalid fixtures, bad inputs, a missing file (see rejectedBy). */
const rejected: Case[] = rejectedBy('sdk').map((document) => cases.get(document) ?? { document });
/** Documents validate passes, or whose errors are of API Gateway's import only: generated, every finding counted as a warning. */
const warned: (Case & { valid: boolean })[] = generatedBy('sdk')
  .filter(({ document }) => cases.has(document))
  .map(({ document, valid }) => ({ ...cases.get(document)!, valid }));

/** Codes of a stderr, whether printed in full or counted. */
function codes(stderr: string): string[] {
  return [...new Set(stderr.match(/APIGW_[A-Z0-9_]+/g) ?? [])].sort();
}

/** Every entry under a folder with its bytes and modification time: what must not change. */
function snapshot(root: string): Record<string, string> {
  const entries = readdirSync(root, { recursive: true, withFileTypes: true }).map((entry) => join(entry.parentPath, entry.name));
  return Object.fromEntries(
    [root, ...entries].sort().map((path) => {
      const stat = statSync(path);
      const bytes = stat.isFile() ? readFileSync(path).toString('base64') : 'dir';
      return [relative(root, path) || '.', `${stat.mtimeMs} ${bytes}`];
    }),
  );
}

let previous: PlannedFile[] = [];

/** A folder holding an earlier generation (with old mtimes) and a file of the user's. */
function preparedFolder(): { parent: string; out: string } {
  const parent = mkdtempSync(join(tmpdir(), 'apigw-gen-sdk-bad-'));
  const out = join(parent, 'client');
  writePlan(out, previous);
  mkdirSync(join(out, 'docs'));
  writeFileSync(join(out, 'docs/NOTES.md'), 'my notes\n');
  return { parent, out };
}

beforeAll(async () => {
  previous = planSdk((await loadApi(join(repoRoot, 'fixtures/specs/valid/rest-auth.yaml'))).model, {});
});

describe('sdk on documents validate rejects or warns about', () => {
  it('covers every invalid fixture and every bad input', () => {
    const expectedFiles = readdirSync(invalidRoot, { recursive: true, encoding: 'utf8' }).filter((path) =>
      /APIGW_\w+\.expected\.json$/.test(path),
    );
    expect(rejected.filter((entry) => entry.expectedCodes).length + warned.length).toBe(expectedFiles.length);
    expect(rejected.length).toBeGreaterThan(20);
    expect(warned.length).toBeGreaterThan(25);
  });

  it.each(rejected)('$document: same exit code and diagnostics as validate, nothing written', async ({ document, expectedCodes }) => {
    const validated = await runCli(['validate', document]);
    const fresh = join(mkdtempSync(join(tmpdir(), 'apigw-gen-sdk-bad-')), 'client');
    const generated = await runCli(['sdk', document, '-o', fresh]);
    const { parent, out } = preparedFolder();
    const before = snapshot(parent);
    const regenerated = await runCli(['sdk', document, '-o', out]);

    expect([validated.code, generated.code, regenerated.code]).toStrictEqual([1, 1, 1]);
    expect(generated.stdout).toBe('');
    // The same diagnostics, each at its file and (unless the whole file is unreadable) line.
    const heads = headsFor('sdk', diagnosticHeads(validated.stderr));
    expect(heads.length).toBeGreaterThan(0);
    expect(diagnosticHeads(generated.stderr)).toStrictEqual(heads);
    expect(diagnosticHeads(regenerated.stderr)).toStrictEqual(heads);
    // A whole-file problem (unreadable, an alias bomb) has no line.
    expect(
      heads.filter((head) => !/APIGW_(FILE_UNREADABLE|DOCUMENT_TOO_COMPLEX)/.test(head) && !/^fixtures\/\S+:\d+:\d+ {2}/.test(head)),
    ).toStrictEqual([]);
    expect(codes(generated.stderr)).toStrictEqual([...new Set(expectedCodes ?? codes(validated.stderr))].sort());
    // Nothing written: no output folder, nothing staged beside it, the earlier generation untouched.
    expect(readdirSync(join(fresh, '..'))).toStrictEqual([]);
    expect(snapshot(parent)).toStrictEqual(before);
  });

  it.each(warned)('$document: generated, warnings counted, user file kept', async ({ document, expectedCodes, warningCodes, valid }) => {
    const validated = await runCli(['validate', document]);
    const fresh = join(mkdtempSync(join(tmpdir(), 'apigw-gen-sdk-warned-')), 'client');
    const generated = await runCli(['sdk', document, '-o', fresh]);
    const { out } = preparedFolder();
    const notes = snapshot(join(out, 'docs'));
    const regenerated = await runCli(['sdk', document, '-o', out]);

    expect([validated.code, generated.code, regenerated.code]).toStrictEqual([valid ? 0 : 1, 0, 0]);
    expect(codes(validated.stderr)).toStrictEqual([...new Set(expectedCodes)].sort());
    // sdk counts the warnings (validate shows where each one is) and leaves notes out.
    expect(codes(generated.stderr)).toStrictEqual([...new Set(warningCodes)].sort());
    expect(generated.stderr).toMatch(/\d+ written, 0 unchanged, 0 removed\n$/);
    expect(existsSync(join(fresh, 'src/client.gen.ts'))).toBe(true);
    expect(snapshot(join(out, 'docs'))).toStrictEqual(notes);
  });
});

describe('the real bin behaves as main does', () => {
  it.each([
    ['a parse error', 'fixtures/bad-input/malformed.yaml'],
    ['a check error', 'fixtures/specs/invalid/APIGW_DUPLICATE_PARAMETER.yaml'],
  ])('%s: same exit code and stderr as validate, folder untouched', async (_name, document) => {
    const bin = join(repoRoot, 'bin/apigw-gen.js');
    const spawn = (args: string[]) =>
      promisify(execFile)(process.execPath, [bin, ...args], { cwd: repoRoot }).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
      );
    const { parent, out } = preparedFolder();
    const before = snapshot(parent);
    const [validated, generated] = await Promise.all([spawn(['validate', document]), spawn(['sdk', document, '-o', out])]);
    expect(validated.code).toBe(1);
    expect(generated).toStrictEqual(validated);
    expect(generated.stderr).toBe((await runCli(['validate', document])).stderr);
    expect(snapshot(parent)).toStrictEqual(before);
  });
});
