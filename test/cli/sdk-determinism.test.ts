import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { corpusRoot, fixturesRoot, repoRoot } from '../support/paths.js';

/**
 * Two runs of `apigw-gen sdk`, as separate processes, give byte-identical packages. The second
 * run has another working directory, time zone and locale, which must not show in the output.
 */

const bin = join(repoRoot, 'bin/apigw-gen.js');

const documents = [
  { name: 'rest-lambda-proxy', path: join(fixturesRoot, 'valid/rest-lambda-proxy.yaml'), args: [] },
  { name: 'rest-iam (SigV4)', path: join(fixturesRoot, 'valid/rest-iam.yaml'), args: [] },
  { name: 'hostile-names', path: join(fixturesRoot, 'hostile/hostile-names.yaml'), args: ['--lenient'] },
  // The smaller of the large corpus documents: 197 operations, 1.9 MB.
  { name: 'large/twilio', path: join(corpusRoot, 'large/twilio_api_v2010__twilio-oai.json'), args: ['--lenient'] },
];

/** Every file under a folder, with its bytes, by path relative to it. */
function readTree(root: string): Map<string, Buffer> {
  return new Map(
    readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name))
      .sort()
      .map((path) => [relative(root, path).split(sep).join('/'), readFileSync(path)]),
  );
}

describe('sdk output is deterministic', () => {
  it('across processes, working directories, time zones and locales', async () => {
    const root = mkdtempSync(join(tmpdir(), 'apigw-gen-sdk-determinism-'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'apigw-gen-sdk-cwd-'));
    const environments = [
      { cwd: repoRoot, env: { ...process.env, TZ: 'UTC', LC_ALL: 'C' } },
      { cwd: elsewhere, env: { ...process.env, TZ: 'Pacific/Kiritimati', LC_ALL: 'tr_TR.UTF-8', LANG: 'tr_TR.UTF-8' } },
    ];
    const runs = documents.flatMap((document, index) =>
      environments.map(async ({ cwd, env }, run) => {
        const out = join(root, `${index}-${run}`);
        await promisify(execFile)(process.execPath, [bin, 'sdk', document.path, '-o', out, ...document.args], { cwd, env });
        return out;
      }),
    );
    const outputs = await Promise.all(runs);
    for (const [index, document] of documents.entries()) {
      const [first, second] = [readTree(outputs[2 * index]!), readTree(outputs[2 * index + 1]!)];
      expect(first.size).toBeGreaterThanOrEqual(8);
      expect([...second.keys()]).toStrictEqual([...first.keys()]);
      for (const [path, bytes] of first) {
        expect({ document: document.name, path, identical: bytes.equals(second.get(path)!) }).toStrictEqual({
          document: document.name,
          path,
          identical: true,
        });
      }
    }
  });
});
