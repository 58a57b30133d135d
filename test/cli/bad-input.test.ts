import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';

const bin = join(repoRoot, 'bin/apigw-gen.js');

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('bad input gets a clear message, the right exit code and no stack trace', () => {
  it.each([
    ['malformed YAML', 'fixtures/bad-input/malformed.yaml', 'APIGW_PARSE_ERROR', ':8:1'],
    ['malformed JSON', 'fixtures/bad-input/malformed.json', 'APIGW_PARSE_ERROR', ':8:7'],
    ['binary garbage', 'fixtures/bad-input/garbage.yaml', 'APIGW_FILE_UNREADABLE', 'garbage.yaml'],
    ['not OpenAPI', 'fixtures/bad-input/not-openapi.yaml', 'APIGW_NOT_OPENAPI', ':1:1'],
    ['a missing file', 'fixtures/bad-input/nope.yaml', 'APIGW_FILE_UNREADABLE', 'nope.yaml'],
    ['a missing $ref', 'fixtures/bad-input/refs/api/missing-ref.yaml', 'APIGW_REF_NOT_FOUND', 'missing-ref.yaml:12:15'],
    ['a $ref outside the folder', 'fixtures/bad-input/refs/api/outside-ref.yaml', 'APIGW_REF_OUTSIDE_ROOT', 'outside-ref.yaml:12:15'],
    ['duplicate operationIds', 'fixtures/bad-input/duplicate-operation-ids.yaml', 'APIGW_DUPLICATE_OPERATION_ID', ':11:7'],
    ['bad extension values', 'fixtures/bad-input/bad-extension-values.yaml', 'APIGW_EXTENSION_INVALID', ':15:9'],
  ])('%s', (_name, file, code, place) => {
    const result = run('validate', file);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(code);
    expect(result.stderr).toContain(place);
    expect(result.stderr).toContain(file.split('/').at(-1));
    expect(result.stderr).not.toMatch(/^\s+at .+\(.*:\d+:\d+\)$/m);
  });

  it('reports every problem of a document in one run', () => {
    const result = run('validate', 'fixtures/bad-input/bad-extension-values.yaml', '--format', 'json');
    const output = JSON.parse(result.stdout) as { diagnostics: { code: string; pointer: string; line: number }[] };
    expect(output.diagnostics.map((diagnostic) => diagnostic.pointer)).toStrictEqual([
      '/x-amazon-apigateway-gateway-responses/NOT_A_TYPE',
      '/paths/~1a/get/x-amazon-apigateway-integration/type',
      '/paths/~1a/get/x-amazon-apigateway-integration/passthroughBehavior',
      '/paths/~1a/get/x-amazon-apigateway-integration/timeoutInMillis',
    ]);
    expect(output.diagnostics.every((diagnostic) => diagnostic.line > 0)).toBe(true);
  });

  it('points into the Swagger 2.0 file it converted', () => {
    const result = run('validate', 'fixtures/bad-input/swagger2-errors.yaml', '--format', 'json');
    const output = JSON.parse(result.stdout) as { diagnostics: { code: string; pointer: string; line?: number }[] };
    expect(output.diagnostics.map(({ code, pointer, line }) => `${code} ${pointer} ${line}`)).toStrictEqual([
      'APIGW_SWAGGER2_CONVERTED  1',
      'APIGW_LAMBDA_HTTP_METHOD /paths/~1pets~1{id}/get/x-amazon-apigateway-integration/httpMethod 17',
      'APIGW_MODEL_NAME_INVALID /definitions/Pet_Model 20',
    ]);
  });

  it('allows a $ref outside the folder with --allow-external-refs', () => {
    expect(run('validate', 'fixtures/bad-input/refs/api/outside-ref.yaml', '--allow-external-refs').code).toBe(0);
  });

  it('inspect prints the API model as JSON on stdout, and refuses documents with errors', () => {
    const result = run('inspect', 'fixtures/specs/valid/http-api.yaml');
    expect(result.code).toBe(0);
    const model = JSON.parse(result.stdout) as { kind: string; operations: { name: string; integration?: { kind: string } }[] };
    expect(model.kind).toBe('http');
    expect(model.operations.find((operation) => operation.name === 'listOrders')?.integration?.kind).toBe('lambdaProxy');
    const broken = run('inspect', 'fixtures/bad-input/duplicate-operation-ids.yaml');
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toContain('APIGW_DUPLICATE_OPERATION_ID');
  });

  it('sdk writes a package once, changes nothing on a second run, and writes nothing for a bad document', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'apigw-gen-cli-')), 'client');
    const first = run('sdk', 'fixtures/specs/valid/rest-auth.yaml', '-o', out, '--name', '@acme/accounts', '--package-version', '2.3.0');
    expect(first.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'package.json'), 'utf8'))).toMatchObject({ name: '@acme/accounts', version: '2.3.0' });
    const written = Number(/: (\d+) written, 0 unchanged, 0 removed/.exec(first.stderr)?.[1]);
    expect(written).toBeGreaterThan(5);
    expect(
      run('sdk', 'fixtures/specs/valid/rest-auth.yaml', '-o', out, '--name', '@acme/accounts', '--package-version', '2.3.0').stderr,
    ).toContain(`0 written, ${written} unchanged, 0 removed`);
    const badOut = join(out, '..', 'bad');
    const bad = run('sdk', 'fixtures/bad-input/duplicate-operation-ids.yaml', '-o', badOut);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('APIGW_DUPLICATE_OPERATION_ID');
    expect(existsSync(badOut)).toBe(false);
  });

  it('exits 2 on usage errors', () => {
    const result = run('validate');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('apigw-gen --help');
    expect(run('nonsense', 'x.yaml').code).toBe(2);
    expect(run('validate', 'x.yaml', '--format', 'xml').code).toBe(2);
  });
});
