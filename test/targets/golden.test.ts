import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { whichCfnLint, runCfnLint } from '../support/cfn-lint.js';
import { generateCase, type GoldenCase } from '../support/golden-case.js';
import goldenCases from '../support/golden-cases.json' with { type: 'json' };
import { repoRoot } from '../support/paths.js';

/**
 * The golden outputs in test/golden/: each case of test/support/golden-cases.json as the library
 * (which the CLI runs) generates it, stored file by file, so that a change to generation shows as a diff in review.
 * Generation must reproduce them exactly; the stored packages must compile (tsc --strict, with the
 * package's own tsconfig.json) and the stored templates must pass cfn-lint.
 */

const goldenRoot = join(repoRoot, 'test/golden');
const cases = goldenCases as GoldenCase[];
const UPDATE = 'run `npm run golden:update`, review the diff of test/golden/ and commit it';

/** Every file under a folder, by path relative to it (with `/`), with its contents. */
function readTree(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[relative(folder, path).split('\\').join('/')] = readFileSync(path, 'utf8');
  }
  return files;
}

/** The folders of test/golden/ that hold a case: `<fixture>/<target>`. */
function storedFolders(): string[] {
  return readdirSync(goldenRoot, { withFileTypes: true })
    .filter((fixture) => fixture.isDirectory())
    .flatMap((fixture) => readdirSync(join(goldenRoot, fixture.name)).map((target) => `${fixture.name}/${target}`));
}

describe('golden outputs', () => {
  it('are stored for every case, and only for them', () => {
    expect(storedFolders().sort(), `test/golden/ holds other folders than the cases: ${UPDATE}`).toStrictEqual(
      cases.map(({ folder }) => folder).sort(),
    );
  });

  // The working directory is the repository root (vitest's), as for the update script: mock names the document in its header.
  it.each(cases)('$folder: generated again, every file is as stored', async (golden) => {
    const { folder } = golden;
    const out = join(mkdtempSync(join(tmpdir(), 'apigw-gen-golden-')), folder);
    await generateCase(golden, out);
    const generated = readTree(out);
    const stored = readTree(join(goldenRoot, folder));
    expect(Object.keys(generated).sort(), `the files of test/golden/${folder} differ from generation: ${UPDATE}`).toStrictEqual(
      Object.keys(stored).sort(),
    );
    for (const [path, contents] of Object.entries(generated)) {
      expect(contents, `test/golden/${folder}/${path} differs from generation: ${UPDATE}`).toBe(stored[path]);
    }
  });

  // A date of the document (an IAM policy's Version: 2012-10-17) is fine; a time of generation is not.
  it('hold no absolute path of this machine and no time of generation', () => {
    const leaks = Object.entries(readTree(goldenRoot)).filter(([, contents]) =>
      [repoRoot, tmpdir(), /\b20\d\d-\d\d-\d\dT\d\d:\d\d/].some((pattern) =>
        typeof pattern === 'string' ? contents.includes(pattern) : pattern.test(contents),
      ),
    );
    expect(leaks.map(([path]) => path)).toStrictEqual([]);
  });

  const packages = cases.map(({ folder }) => folder).filter((folder) => /\/(sdk|handlers)$/.test(folder));

  // Their dependencies (@types/aws-lambda, the SigV4 signer) resolve from the repository's node_modules, as Node resolves upward.
  // With the stricter options of the team's guide (STYLE.md G4) on top of the package's own.
  it.each(packages)(
    '%s: compiles with tsc --strict, noUnusedLocals, noUncheckedIndexedAccess and its own tsconfig.json',
    async (folder) => {
      const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
      const project = join(goldenRoot, folder, 'tsconfig.json');
      const output = await promisify(execFile)(process.execPath, [
        tsc,
        '-p',
        project,
        '--strict',
        '--noUnusedLocals',
        '--noUnusedParameters',
        '--noUncheckedIndexedAccess',
        '--noEmit',
        '--pretty',
        'false',
      ]).then(
        () => '',
        (error: { stdout?: string }) => error.stdout ?? String(error),
      );
      expect(output).toBe('');
    },
  );

  it('templates pass cfn-lint with no error and no warning', async () => {
    const cfnLint = whichCfnLint();
    expect(
      cfnLint,
      'cfn-lint is not on PATH; it comes with the machine image (/root/.pyenv/shims/cfn-lint, 1.5x). Run the tests where it is installed.',
    ).toBeDefined();
    const templates = cases.filter(({ folder }) => folder.endsWith('/cfn')).map(({ folder }) => join(goldenRoot, folder, 'template.yaml'));
    expect(templates).toHaveLength(3);
    const findings = await runCfnLint(cfnLint!, templates);
    expect(
      findings
        .filter((match) => match.Level === 'Error' || match.Level === 'Warning')
        .map((match) => `${relative(repoRoot, match.Filename)}: ${match.Rule.Id} ${match.Message}`),
    ).toStrictEqual([]);
  });
});
