import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { writePlan } from '../../src/emit/write-plan.js';
import { loadApi } from '../../src/index.js';
import { planSdk } from '../../src/targets/sdk/index.js';
import { linkDependencies } from '../support/link-dependencies.js';
import { fixturesRoot, repoRoot } from '../support/paths.js';

/**
 * Type tests of generated SDKs: a consumer file (fixtures/sdk-consumers) is compiled inside the
 * package generated from a fixture, with the package's strict options. Correct calls compile;
 * each call marked `// @ts-expect-error TSnnnn` must fail (tsc reports an unused directive).
 * A second copy without the directives must fail exactly on the marked lines with the marked
 * codes, so that no directive is satisfied by some unrelated error.
 */

const consumers = [
  { name: 'bookstore', spec: 'rest-lambda-proxy.yaml' },
  { name: 'accounts', spec: 'rest-auth.yaml' },
];

const DIRECTIVE = /\/\/ @ts-expect-error (TS\d+) /;

/** `line code` for the line after each directive, numbered from 1 as tsc numbers them. */
function markedErrors(source: string): string[] {
  return source.split('\n').flatMap((line, index) => {
    const code = DIRECTIVE.exec(line)?.[1];
    return code ? [`${index + 2} ${code}`] : [];
  });
}

describe('generated SDK types', () => {
  it('accept correct calls and reject wrong params, bodies, result usage and unknown operations', async () => {
    const root = mkdtempSync(join(tmpdir(), 'apigw-gen-sdk-types-'));
    const expected: Record<string, string[]> = {};
    let compilerOptions: Record<string, unknown> = {};
    for (const { name, spec } of consumers) {
      const { model } = await loadApi(join(fixturesRoot, 'valid', spec));
      const files = planSdk(model, {});
      writePlan(join(root, name), files);
      linkDependencies(join(root, name));
      const source = readFileSync(join(repoRoot, 'fixtures/sdk-consumers', `${name}.ts`), 'utf8');
      writeFileSync(join(root, name, 'src/consumer.ts'), source);
      // Same lines, directives disabled.
      writeFileSync(join(root, name, 'src/consumer-unchecked.ts'), source.replaceAll('// @ts-expect-error', '// expect-error'));
      expected[`${name}/src/consumer-unchecked.ts`] = markedErrors(source);
      ({ compilerOptions } = JSON.parse(files.find((file) => file.path === 'tsconfig.json')!.contents) as {
        compilerOptions: Record<string, unknown>;
      });
    }
    expect(compilerOptions.strict).toBe(true);
    const options = Object.fromEntries(
      Object.entries(compilerOptions).filter(([key]) => !['rootDir', 'outDir', 'declaration'].includes(key)),
    );
    writeFileSync(
      join(root, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { ...options, noEmit: true }, include: consumers.map(({ name }) => `${name}/src`) }),
    );
    const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
    const output = await promisify(execFile)(process.execPath, [tsc, '-p', 'tsconfig.json', '--pretty', 'false'], { cwd: root }).then(
      ({ stdout }) => stdout,
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    const errors: Record<string, string[]> = {};
    // Indented lines elaborate on the error above them.
    for (const line of output.split('\n').filter((text) => text !== '' && !text.startsWith(' '))) {
      const match = /^(.+)\((\d+),\d+\): error (TS\d+):/.exec(line);
      const [file, at, code] = match ? [match[1]!, match[2]!, match[3]!] : ['(unparsed)', '', line];
      (errors[file] ??= []).push(`${at} ${code}`);
    }
    expect(errors).toStrictEqual(expected);
    expect(Object.values(expected).map((lines) => lines.length)).toStrictEqual([20, 14]);
  });
});
