import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnosticHeads, runCli } from '../support/run-cli.js';

/**
 * Documents built to exhaust the tools that read them: nesting thousands of levels deep, YAML
 * aliases that expand exponentially, names longer than a file system allows. Every command
 * answers with a diagnostic or with output, never with an internal error, and writes nothing
 * when it refuses. (The vitest timeout is the bound on time: before the limits, the alias bomb
 * ran for minutes.)
 */

const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-oversized-'));
const header = '"openapi":"3.0.3","info":{"title":"t","version":"1"}';

function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

const deepSchema = file(
  'deep-schema.json',
  `{${header},"paths":{},"components":{"schemas":{"Deep":${'{"type":"object","properties":{"a":'.repeat(10_000)}{"type":"string"}${'}}'.repeat(10_000)}}}}`,
);
const deepArray = file('deep-array.json', `{${header},"paths":{},"x-deep":${'['.repeat(10_000)}${']'.repeat(10_000)}}`);
const deepYaml = file(
  'deep.yaml',
  `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx-deep: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
);
// Each level repeats the one before ten times: 10^12 values from 14 lines.
const aliasBomb = file(
  'alias-bomb.yaml',
  [
    'openapi: 3.0.3',
    "info: {title: t, version: '1'}",
    'paths: {}',
    'x-bomb:',
    '  a0: &a0 [x, x, x, x, x, x, x, x, x, x]',
    ...Array.from({ length: 11 }, (_, level) => `  a${level + 1}: &a${level + 1} [${Array(10).fill(`*a${level}`).join(', ')}]`),
  ].join('\n'),
);
// Aliases can nest where the text does not: each anchor wraps the one before.
const aliasDepth = file(
  'alias-depth.yaml',
  [
    'openapi: 3.0.3',
    "info: {title: t, version: '1'}",
    'paths: {}',
    'x-chain:',
    '  l0: &l0 [x]',
    ...Array.from({ length: 150 }, (_, level) => `  l${level + 1}: &l${level + 1} [*l${level}]`),
  ].join('\n'),
);

function lambdaOperation(operationId: string, functionName: string) {
  return {
    operationId,
    responses: { '200': { description: 'ok' } },
    'x-amazon-apigateway-integration': {
      type: 'aws_proxy',
      httpMethod: 'POST',
      uri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${functionName}/invocations`,
    },
  };
}

function longNames(): string {
  return file(
    'long-names.json',
    JSON.stringify({
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {
        // 460 characters: a file name of 460 bytes is refused by every common file system (ENAMETOOLONG).
        '/a': { get: lambdaOperation(`${'b'.repeat(459)}A`, 'f'.repeat(460)) },
        '/b': { get: lambdaOperation(`${'b'.repeat(459)}B`, 'f'.repeat(460)) },
        '/c': { get: lambdaOperation('c'.repeat(200_000), 'short') },
      },
    }),
  );
}

describe('documents too deep or too large for the tools that read them', () => {
  it.each([
    ['a schema nested 10,000 levels (JSON)', deepSchema, 'deep-schema.json', '/components/schemas/Deep/properties/a'],
    ['arrays nested 10,000 levels (JSON)', deepArray, 'deep-array.json', '/x-deep/0/0/0'],
    ['arrays nested 10,000 levels (YAML)', deepYaml, 'deep.yaml:4:', ''],
    ['aliases nesting 150 levels (YAML)', aliasDepth, 'alias-depth.yaml', '/x-chain/l'],
    ['an alias bomb (YAML)', aliasBomb, 'alias-bomb.yaml', ''],
  ])(
    '%s: a diagnostic from every command, exit 1, nothing written',
    async (_name, path, where, pointer) => {
      for (const command of ['validate', 'inspect', 'sdk', 'handlers', 'mock', 'cfn']) {
        const out = join(folder, `out-${command}-${readdirSync(folder).length}${command === 'mock' || command === 'cfn' ? '.yaml' : ''}`);
        const args = command === 'validate' || command === 'inspect' ? [command, path] : [command, path, '-o', out];
        const result = await runCli(args);
        expect(result.code, `${command}: ${result.stderr}`).toBe(1);
        expect(diagnosticHeads(result.stderr).map((head) => head.split('  ')[2])).toStrictEqual(['APIGW_DOCUMENT_TOO_COMPLEX']);
        expect(result.stderr).toContain(where);
        expect(result.stderr).toContain(`#${pointer}`);
        expect(result.stderr).not.toContain('internal error');
        expect(existsSync(out)).toBe(false);
      }
    },
    60_000,
  );

  it('accepts nesting up to the limit', async () => {
    const path = file('deep-100.json', `{${header},"paths":{},"x-deep":${'['.repeat(98)}${']'.repeat(98)}}`);
    expect((await runCli(['validate', path])).code).toBe(0);
  });

  it('gives names longer than a file system allows short, stable and distinct file names', async () => {
    const path = longNames();
    const names = async () => {
      const out = mkdtempSync(join(folder, 'handlers-'));
      const result = await runCli(['handlers', path, '-o', out]);
      expect(result.code, `${result.stderr}`).toBe(0);
      return readdirSync(join(out, 'src/functions'), { recursive: true, encoding: 'utf8' }).sort();
    };
    const first = await names();
    expect(first).toStrictEqual(await names());
    // Stubs only: not the generated files, nor the example test written beside each stub.
    const stubs = first.filter((name) => name.endsWith('.ts') && !/(index|\.gen|\.test)\.ts$/.test(name));
    expect(stubs).toHaveLength(3);
    // At most a 64-character stem and `.test.ts` (an example test): far below the 255 bytes file systems allow.
    for (const name of first) for (const part of name.split('/')) expect(part.length).toBeLessThanOrEqual(72);
    // The two 460-character operationIds differ only in their last letter; their files differ too.
    expect(new Set(stubs.map((name) => name.split('/').at(-1))).size).toBe(3);
  }, 60_000);

  it('generates an SDK for a 200,000-character operationId', async () => {
    const result = await runCli(['sdk', longNames(), '-o', mkdtempSync(join(folder, 'sdk-'))]);
    expect(result.code, `${result.stderr}`).toBe(0);
  }, 60_000);
});
