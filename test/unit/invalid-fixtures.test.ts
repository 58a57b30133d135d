import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnosticCatalog } from '../../src/diagnostics/codes.js';
import { validate } from '../../src/index.js';
import { fixturesRoot } from '../support/paths.js';

interface Expected {
  code: string;
  severity: string;
  pointer: string;
}

const folder = join(fixturesRoot, 'invalid');
/** `<CODE>.yaml`, or `<CODE>/…/<CODE>.yaml` when the document needs files beside it. */
const cases = readdirSync(folder)
  .filter((name) => name.startsWith('APIGW_'))
  .map((name) => name.replace(/\.(yaml|expected\.json)$/, ''))
  .filter((code, index, all) => all.indexOf(code) === index)
  .map((code) => {
    const direct = join(folder, `${code}.yaml`);
    const nested = readdirSync(join(folder), { recursive: true, encoding: 'utf8' }).find((path) => path.endsWith(`/${code}.yaml`));
    const document = existsSync(direct) ? direct : join(folder, nested ?? `${code}.yaml`);
    return [code, document] as const;
  });

describe('each invalid fixture gives exactly its expected diagnostics', () => {
  it.each(cases)('%s', async (code, document) => {
    const expected = JSON.parse(readFileSync(document.replace(/\.yaml$/, '.expected.json'), 'utf8')) as Expected[];
    const result = await validate(document);
    const actual = result.diagnostics.map(({ code, severity, pointer }) => ({ code, severity, pointer }));
    expect(actual).toStrictEqual(expected);
    expect(actual.map((diagnostic) => diagnostic.code)).toContain(code);
  });

  it('covers every code of the catalogue', () => {
    // Unreadable files and parse errors are covered by test/cli/bad-input.test.ts; the Swagger
    // conversion note by the valid swagger2 fixture.
    const elsewhere = ['APIGW_FILE_UNREADABLE', 'APIGW_PARSE_ERROR', 'APIGW_SWAGGER2_CONVERTED'];
    const missing = Object.keys(diagnosticCatalog).filter((code) => !elsewhere.includes(code) && !cases.some(([name]) => name === code));
    expect(missing).toStrictEqual([]);
  });
});
