import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { repoRoot } from './paths.js';

/**
 * The documents every generator must treat as `validate` does, as paths relative to the
 * repository: `rejected` (invalid fixtures with an error, every bad input, a missing file) and
 * `warned` (invalid fixtures with warnings only, which are generated).
 */

function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(repoRoot, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

const invalidFixtures = filesUnder(join(repoRoot, 'fixtures/specs/invalid'))
  .filter((path) => /\/APIGW_[A-Z0-9_]+\.yaml$/.test(path) && existsSync(join(repoRoot, path.replace(/\.yaml$/, '.expected.json'))))
  .map((document) => ({
    document,
    severities: (
      JSON.parse(readFileSync(join(repoRoot, document.replace(/\.yaml$/, '.expected.json')), 'utf8')) as { severity: string }[]
    ).map(({ severity }) => severity),
  }));

const badInputs = filesUnder(join(repoRoot, 'fixtures/bad-input'));

/** How many documents the lists are made of, for tests to check that none was dropped. */
export const documentCounts = { invalidFixtures: invalidFixtures.length, badInputs: badInputs.length };

export const rejectedDocuments = [
  ...invalidFixtures.filter(({ severities }) => severities.includes('error')).map(({ document }) => document),
  ...badInputs,
  'fixtures/bad-input/does-not-exist.yaml',
];

export const warnedDocuments = invalidFixtures.filter(({ severities }) => !severities.includes('error')).map(({ document }) => document);

/** Every entry under a folder with its bytes and modification time: what must not change. */
export function folderSnapshot(root: string): Record<string, string> {
  const entries = readdirSync(root, { recursive: true, withFileTypes: true }).map((entry) => join(entry.parentPath, entry.name));
  return Object.fromEntries(
    [root, ...entries].sort().map((path) => {
      const stat = statSync(path);
      return [relative(root, path) || '.', `${stat.mtimeMs} ${stat.isFile() ? readFileSync(path).toString('base64') : 'dir'}`];
    }),
  );
}
