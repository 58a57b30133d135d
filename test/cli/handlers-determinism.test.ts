import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { corpusRoot, fixturesRoot, repoRoot } from '../support/paths.js';

/**
 * Two runs of `apigw-gen handlers`, as separate processes, give byte-identical output. The
 * second run has another working directory, time zone and locale, which must not show.
 */

const bin = join(repoRoot, 'bin/apigw-gen.js');

const documents = [
  { name: 'rest-handlers', path: join(fixturesRoot, 'valid/rest-handlers.yaml'), args: [] },
  { name: 'http-api', path: join(fixturesRoot, 'valid/http-api.yaml'), args: [] },
  { name: 'hostile-handlers', path: join(fixturesRoot, 'hostile/hostile-handlers.yaml'), args: ['--lenient'] },
  {
    name: 'serverless-rest-api (13 operations, 3 functions, a token authorizer)',
    path: join(corpusRoot, 'apigw/aws-samples__serverless-samples__serverless-rest-api_python-rest-sam_src_api_swagger.yaml'),
    args: ['--lenient'],
  },
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

describe('handlers output is deterministic', () => {
  it('across processes, working directories, time zones and locales', async () => {
    const root = mkdtempSync(join(tmpdir(), 'apigw-gen-handlers-determinism-'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'apigw-gen-handlers-cwd-'));
    const environments = [
      { cwd: repoRoot, env: { ...process.env, TZ: 'UTC', LC_ALL: 'C' } },
      { cwd: elsewhere, env: { ...process.env, TZ: 'Pacific/Kiritimati', LC_ALL: 'tr_TR.UTF-8', LANG: 'tr_TR.UTF-8' } },
    ];
    const outputs = await Promise.all(
      documents.flatMap((document, index) =>
        environments.map(async ({ cwd, env }, run) => {
          const out = join(root, `${index}-${run}`);
          await promisify(execFile)(process.execPath, [bin, 'handlers', document.path, '-o', out, ...document.args], { cwd, env });
          return out;
        }),
      ),
    );
    for (const [index, document] of documents.entries()) {
      const [first, second] = [readTree(outputs[2 * index]!), readTree(outputs[2 * index + 1]!)];
      expect([...first.keys()].filter((path) => path.endsWith('/handler.gen.ts')).length).toBeGreaterThanOrEqual(1);
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
