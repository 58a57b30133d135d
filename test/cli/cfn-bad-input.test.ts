import { mkdtempSync, readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentCounts, fixtureSeverities, rejectedDocuments, warnedDocuments } from '../support/bad-documents.js';
import { diagnosticHeads, runCli } from '../support/run-cli.js';

/**
 * `apigw-gen cfn` on a document `validate` rejects exits as `validate` does, prints the same
 * diagnostics (code, file:line) and writes nothing: no template, nothing staged beside it, and a
 * template written earlier stays exactly as it was. Documents with warnings only are generated,
 * as `validate` passes them.
 */

const rejected = rejectedDocuments;
const warned = warnedDocuments;

/** A folder holding a template generated earlier (with an old mtime). */
async function folderWithTemplate(): Promise<{ folder: string; template: string; before: { bytes: string; mtime: number } }> {
  const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-cfn-bad-'));
  const template = join(folder, 'template.yaml');
  expect((await runCli(['cfn', 'fixtures/specs/valid/rest-auth.yaml', '-o', template])).code).toBe(0);
  utimesSync(template, new Date('2020-01-01T00:00:00Z'), new Date('2020-01-01T00:00:00Z'));
  return { folder, template, before: { bytes: readFileSync(template, 'utf8'), mtime: statSync(template).mtimeMs } };
}

describe('cfn on documents validate rejects or warns about', () => {
  it('covers every invalid fixture and every bad input', () => {
    expect(rejected.length + warned.length).toBe(documentCounts.invalidFixtures + documentCounts.badInputs + 1);
    expect(rejected.length).toBeGreaterThan(45);
    expect(warned.length).toBeGreaterThan(5);
  });

  it.each(rejected)('%s: same exit code and diagnostics as validate, nothing written', async (document) => {
    const validated = await runCli(['validate', document]);
    const fresh = mkdtempSync(join(tmpdir(), 'apigw-gen-cfn-bad-'));
    const generated = await runCli(['cfn', document, '-o', join(fresh, 'template.yaml')]);
    const { folder, template, before } = await folderWithTemplate();
    const regenerated = await runCli(['cfn', document, '-o', template]);

    expect([validated.code, generated.code, regenerated.code]).toStrictEqual([1, 1, 1]);
    expect(generated.stdout).toBe('');
    const heads = diagnosticHeads(validated.stderr);
    expect(heads.length).toBeGreaterThan(0);
    expect(diagnosticHeads(generated.stderr)).toStrictEqual(heads);
    expect(diagnosticHeads(regenerated.stderr)).toStrictEqual(heads);
    // Nothing written: no template, nothing staged, the earlier template untouched.
    expect(readdirSync(fresh)).toStrictEqual([]);
    expect(readdirSync(folder)).toStrictEqual(['template.yaml']);
    expect({ bytes: readFileSync(template, 'utf8'), mtime: statSync(template).mtimeMs }).toStrictEqual(before);
  });

  it.each(warned)('%s: generated as validate passes it, warnings counted', async (document) => {
    const validated = await runCli(['validate', document]);
    const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-cfn-warned-'));
    const generated = await runCli(['cfn', document, '-o', join(folder, 'template.json')]);
    expect([validated.code, generated.code]).toStrictEqual([0, 0]);
    // Warnings are printed; a fixture with notes only (severity info) prints just the written file.
    const severities = fixtureSeverities(document);
    expect(generated.stderr).toMatch(severities.includes('warning') ? /warning/ : /^apigw-gen cfn: /);
    expect(generated.stderr).toMatch(/apigw-gen cfn: .*template\.json: written\n$/);
    expect(JSON.parse(readFileSync(join(folder, 'template.json'), 'utf8'))).toMatchObject({ AWSTemplateFormatVersion: '2010-09-09' });
  });
});
