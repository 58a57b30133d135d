import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writePlan, type PlannedFile } from '../../src/emit/write-plan.js';
import { loadApi } from '../../src/index.js';
import { planHandlers } from '../../src/targets/handlers/index.js';
import { repoRoot } from '../support/paths.js';
import { runCli, diagnosticHeads } from '../support/run-cli.js';
import { documentCounts, folderSnapshot, generatedBy, headsFor, rejectedBy } from '../support/bad-documents.js';

/**
 * `apigw-gen handlers` on a document with an error that makes handlers wrong exits as `validate`
 * does, prints the same diagnostics and writes nothing: no output folder, nothing staged beside
 * it, and a folder holding an earlier generation, with an implementation and a file of the
 * user's, stays exactly as it was. Documents with warnings only, or with errors only of API
 * Gateway's import that handlers do not depend on (the catalogue's `blocks`), are generated.
 */

const rejected = rejectedBy('handlers');
const warned = generatedBy('handlers');

let previous: PlannedFile[] = [];

/** A folder holding an earlier generation, an implementation the user wrote, and a file of theirs. */
function preparedFolder(): { parent: string; out: string } {
  const parent = mkdtempSync(join(tmpdir(), 'apigw-gen-handlers-bad-'));
  const out = join(parent, 'api');
  writePlan(out, previous);
  writeFileSync(join(out, 'src/functions/accounts-api/get-health.ts'), '// my implementation\n');
  mkdirSync(join(out, 'docs'));
  writeFileSync(join(out, 'docs/NOTES.md'), 'my notes\n');
  return { parent, out };
}

beforeAll(async () => {
  const { model, document } = await loadApi(join(repoRoot, 'fixtures/specs/valid/rest-auth.yaml'));
  previous = planHandlers(model, { document });
});

describe('handlers on documents validate rejects or warns about', () => {
  it('covers every invalid fixture and every bad input', () => {
    expect(rejected.length + warned.length).toBe(documentCounts.invalidFixtures + documentCounts.badInputs + 1);
    expect(rejected.length).toBeGreaterThan(20);
    expect(warned.length).toBeGreaterThan(25);
  });

  it.each(rejected)('%s: same exit code and diagnostics as validate, nothing written', async (document) => {
    const validated = await runCli(['validate', document]);
    const fresh = join(mkdtempSync(join(tmpdir(), 'apigw-gen-handlers-bad-')), 'api');
    const generated = await runCli(['handlers', document, '-o', fresh]);
    const { parent, out } = preparedFolder();
    const before = folderSnapshot(parent);
    const regenerated = await runCli(['handlers', document, '-o', out, '--force']);

    expect([validated.code, generated.code, regenerated.code]).toStrictEqual([1, 1, 1]);
    expect(generated.stdout).toBe('');
    const heads = headsFor('handlers', diagnosticHeads(validated.stderr));
    expect(heads.length).toBeGreaterThan(0);
    expect(diagnosticHeads(generated.stderr)).toStrictEqual(heads);
    expect(diagnosticHeads(regenerated.stderr)).toStrictEqual(heads);
    expect(readdirSync(join(fresh, '..'))).toStrictEqual([]);
    expect(folderSnapshot(parent)).toStrictEqual(before);
  });

  it.each(warned)('$document: generated, the user’s files kept', async ({ document, valid }) => {
    const validated = await runCli(['validate', document]);
    const { out } = preparedFolder();
    const regenerated = await runCli(['handlers', document, '-o', out]);
    expect([validated.code, regenerated.code]).toStrictEqual([valid ? 0 : 1, 0]);
    expect(regenerated.stderr).toMatch(/apigw-gen handlers: .*: \d+ written, \d+ unchanged, \d+ removed, \d+ of your files kept\n/);
    expect(readFileSync(join(out, 'docs/NOTES.md'), 'utf8')).toBe('my notes\n');
    expect(readFileSync(join(out, 'src/functions/accounts-api/get-health.ts'), 'utf8')).toBe('// my implementation\n');
    expect(existsSync(join(out, 'src/models.gen.ts'))).toBe(true);
  });

  it('refuses a package.json of the user’s that is not JSON, writing nothing', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'apigw-gen-handlers-bad-'));
    writeFileSync(join(parent, 'package.json'), '{ "name": ');
    const { code, stderr } = await runCli(['handlers', 'fixtures/specs/valid/rest-auth.yaml', '-o', parent]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^apigw-gen: .*package\.json cannot be read as JSON \(.*\); fix it, or choose another output folder\.\n$/);
    expect(readdirSync(parent)).toStrictEqual(['package.json']);
  });
});
