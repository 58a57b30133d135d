import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { mock, UsageError, type MockOptions } from '../../src/index.js';
import { fixturesRoot } from '../support/paths.js';

const document = join(fixturesRoot, 'valid/rest-lambda-proxy.yaml');
const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'x-amazon-apigateway-any-method']);

interface Document {
  paths: Record<string, Record<string, { 'x-amazon-apigateway-integration'?: { type: string } }>>;
}

describe('mock()', () => {
  it('with dryRun, returns the mocked document as the one planned file and writes nothing', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'apigw-gen-lib-mock-')), 'mock.yaml');
    const options: MockOptions = { document, out, all: true, dryRun: true };
    const run = await mock(options);
    expect(existsSync(out), `the output file after a dry run`).toBe(false);
    expect(
      run.files.map((file) => file.path),
      `planned files`,
    ).toEqual([out]);
    // A MOCK integration is `type: mock`: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration.html
    const mocked = load(run.files[0]!.contents) as Document;
    const types = Object.values(mocked.paths).flatMap((item) =>
      Object.entries(item)
        .filter(([method]) => METHODS.has(method))
        .map(([, operation]) => operation['x-amazon-apigateway-integration']?.type),
    );
    expect(new Set(types), `integration types of the mocked document`).toEqual(new Set(['mock']));
  });

  it('writes the file the plan holds', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'apigw-gen-lib-mock-')), 'mock.json');
    const run = await mock({ document, out, all: true });
    expect(readFileSync(out, 'utf8'), `the written file`).toBe(run.files[0]!.contents);
    expect(run.written?.written, `what was written`).toEqual([out]);
  });

  it('refuses an output that is not YAML or JSON before reading the document', async () => {
    await expect(mock({ document: 'no-such-document.yaml', out: 'mock.txt' }), `mock() to a .txt file`).rejects.toBeInstanceOf(UsageError);
  });
});
