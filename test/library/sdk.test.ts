import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DocumentError, sdk, UsageError, type SdkOptions } from '../../src/index.js';
import { fixturesRoot } from '../support/paths.js';

const document = join(fixturesRoot, 'valid/rest-lambda-proxy.yaml');

describe('sdk()', () => {
  it('with dryRun, returns the planned package and writes nothing', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'apigw-gen-lib-sdk-')), 'sdk');
    const options: SdkOptions = { document, out, name: '@acme/pets-client', packageVersion: '3.1.4', dryRun: true };
    const run = await sdk(options);
    expect(existsSync(out), `the output folder after a dry run`).toBe(false);
    expect(run.written, `what a dry run wrote`).toBeUndefined();
    expect(run.report, `report lines of a dry run`).toEqual([]);
    const packageJson = run.files.find((file) => file.path === 'package.json');
    expect(JSON.parse(packageJson!.contents), `planned package.json`).toMatchObject({ name: '@acme/pets-client', version: '3.1.4' });
    expect(
      run.files.map((file) => file.path),
      `planned files`,
    ).toEqual(expect.arrayContaining(['src/client.gen.ts', 'src/runtime/client.ts', 'tsconfig.json']));
  });

  it('writes the planned files, then reports them unchanged, and check mode writes nothing', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'apigw-gen-lib-sdk-')), 'sdk');
    const first = await sdk({ document, out });
    expect(first.written?.written.length, `files written by the first run`).toBe(first.files.length);
    for (const file of first.files) expect(readFileSync(join(out, file.path), 'utf8'), `${file.path} on disk`).toBe(file.contents);
    expect(first.report[0], `first report line`).toBe(`${out}: ${first.files.length} written, 0 unchanged, 0 removed`);
    const checked = await sdk({ document, out, check: true, packageVersion: '9.0.0' });
    expect(checked.written?.written, `what a check run would write`).toEqual(['package.json']);
    expect(JSON.parse(readFileSync(join(out, 'package.json'), 'utf8')), `package.json after a check run`).not.toMatchObject({
      version: '9.0.0',
    });
  });

  it('throws a DocumentError with the diagnostics of a document with errors', async () => {
    const bad = join(fixturesRoot, 'invalid/APIGW_AUTHORIZER_FIELD_MISSING.yaml');
    const error: unknown = await sdk({ document: bad, out: join(tmpdir(), 'never'), dryRun: true }).catch((caught: unknown) => caught);
    expect(error, `what sdk() throws`).toBeInstanceOf(DocumentError);
    expect(
      (error as DocumentError).diagnostics.map((diagnostic) => diagnostic.code),
      `codes`,
    ).toContain('APIGW_AUTHORIZER_FIELD_MISSING');
  });

  it('throws a UsageError, writing nothing, when the folder holds a file it did not write', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'apigw-gen-lib-sdk-')), 'sdk');
    mkdirSync(join(out, 'src'), { recursive: true });
    writeFileSync(join(out, 'src/client.gen.ts'), '// mine\n');
    await expect(sdk({ document, out }), `sdk() over a file of the user's`).rejects.toBeInstanceOf(UsageError);
    expect(readFileSync(join(out, 'src/client.gen.ts'), 'utf8'), `the user's file`).toBe('// mine\n');
    expect(existsSync(join(out, 'package.json')), `package.json written anyway`).toBe(false);
  });
});
