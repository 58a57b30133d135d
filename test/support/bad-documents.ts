import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { diagnosticCatalog, type DiagnosticCode, type Output } from '../../src/diagnostics/codes.js';
import { validate } from '../../src/index.js';
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
    expected: JSON.parse(readFileSync(join(repoRoot, document.replace(/\.yaml$/, '.expected.json')), 'utf8')) as {
      code: DiagnosticCode;
      severity: string;
    }[],
  }))
  .map(({ document, expected }) => ({ document, expected, severities: expected.map(({ severity }) => severity) }));

const badInputs = filesUnder(join(repoRoot, 'fixtures/bad-input'));

/** How many documents the lists are made of, for tests to check that none was dropped. */
export const documentCounts = { invalidFixtures: invalidFixtures.length, badInputs: badInputs.length };

export const rejectedDocuments = [
  ...invalidFixtures.filter(({ severities }) => severities.includes('error')).map(({ document }) => document),
  ...badInputs,
  'fixtures/bad-input/does-not-exist.yaml',
];

export const warnedDocuments = invalidFixtures.filter(({ severities }) => !severities.includes('error')).map(({ document }) => document);

/** The severities an invalid fixture's `.expected.json` lists. */
export function fixtureSeverities(document: string): string[] {
  return invalidFixtures.find((fixture) => fixture.document === document)?.severities ?? [];
}

/** The errors (code and severity) of each bad input, as validate finds them. */
const badInputFindings = await Promise.all(
  badInputs.map(async (document) => ({
    document,
    expected: (await validate(join(repoRoot, document))).diagnostics.map(({ code, severity }) => ({ code, severity })),
  })),
);

/** Whether a document has an error that stops `output` (the catalogue's `blocks`). */
function stops(fixture: { expected: { code: DiagnosticCode; severity: string }[] }, output: Output): boolean {
  return fixture.expected.some(({ code, severity }) => severity === 'error' && diagnosticCatalog[code].blocks.includes(output));
}

/** The documents `output` refuses: those with an error that makes it wrong, and a missing file. */
export function rejectedBy(output: Output): string[] {
  return [
    ...[...invalidFixtures, ...badInputFindings].filter((fixture) => stops(fixture, output)).map(({ document }) => document),
    'fixtures/bad-input/does-not-exist.yaml',
  ];
}

/**
 * The invalid fixtures and bad inputs `output` generates, with whether validate passes them
 * (warnings only) or not (errors that do not stop `output`).
 */
export function generatedBy(output: Output): { document: string; valid: boolean }[] {
  return [...invalidFixtures, ...badInputFindings]
    .filter((fixture) => !stops(fixture, output))
    .map(({ document, expected }) => ({ document, valid: !expected.some(({ severity }) => severity === 'error') }));
}

/** validate's diagnostic heads (see diagnosticHeads) as `output` tells them: its errors that do not stop `output` are warnings. */
export function headsFor(output: Output, heads: string[]): string[] {
  return heads.map((head) => {
    const [place, severity, code] = head.split('  ') as [string, string, DiagnosticCode];
    return severity === 'error' && !diagnosticCatalog[code].blocks.includes(output) ? `${place}  warning  ${code}` : head;
  });
}

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
