import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { writePlan, type PlannedFile } from '../../src/emit/write-plan.js';
import { loadApi } from '../../src/index.js';
import { planHandlers } from '../../src/targets/handlers/index.js';
import { linkDependencies } from '../support/link-dependencies.js';
import { fixturesRoot, repoRoot } from '../support/paths.js';

/**
 * Type tests of generated handlers: a consumer file (fixtures/handler-consumers) of
 * implementations is compiled inside the package generated from a fixture, with the package's
 * strict options. Correct implementations compile; each line after `// @ts-expect-error TSnnnn`
 * must fail (tsc reports an unused directive). A copy without the directives must fail exactly
 * on the marked lines with the marked codes, so that no directive is satisfied by an unrelated error.
 */

const consumers = [
  { name: 'bookstore', spec: 'rest-lambda-proxy.yaml', marked: 16 },
  { name: 'library', spec: 'rest-handlers.yaml', marked: 13 },
  { name: 'accounts', spec: 'rest-auth.yaml', marked: 7 },
  { name: 'orders', spec: 'http-api.yaml', marked: 5 },
];

const DIRECTIVE = /\/\/ @ts-expect-error (TS\d+) /;

/** `line code` for the line after each directive, numbered from 1 as tsc numbers them. */
function markedErrors(source: string): string[] {
  return source.split('\n').flatMap((line, index) => {
    const code = DIRECTIVE.exec(line)?.[1];
    return code ? [`${index + 2} ${code}`] : [];
  });
}

describe('generated handler types', () => {
  it('accept correct implementations and reject wrong statuses, bodies, headers and parameter uses', async () => {
    const root = mkdtempSync(join(tmpdir(), 'apigw-gen-handlers-types-'));
    const expected: Record<string, string[]> = {};
    let files: PlannedFile[] = [];
    for (const { name, spec } of consumers) {
      const { model, document } = await loadApi(join(fixturesRoot, 'valid', spec));
      files = planHandlers(model, { document });
      writePlan(join(root, name), files);
      const source = readFileSync(join(repoRoot, 'fixtures/handler-consumers', `${name}.ts`), 'utf8');
      writeFileSync(join(root, name, 'src/consumer.ts'), source);
      // Same lines, directives disabled.
      writeFileSync(join(root, name, 'src/consumer-unchecked.ts'), source.replaceAll('// @ts-expect-error', '// expect-error'));
      expected[`${name}/src/consumer-unchecked.ts`] = markedErrors(source);
    }
    const { compilerOptions } = JSON.parse(files.find((file) => file.path === 'tsconfig.json')!.contents) as {
      compilerOptions: Record<string, unknown>;
    };
    expect(compilerOptions.strict).toBe(true);
    const options = Object.fromEntries(
      Object.entries(compilerOptions).filter(([key]) => !['rootDir', 'outDir', 'sourceMap'].includes(key)),
    );
    writeFileSync(join(root, 'package.json'), files.find((file) => file.path === 'package.json')!.contents);
    linkDependencies(root, { dev: true });
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
    expect({ errors, output }).toStrictEqual({
      errors: Object.fromEntries(Object.entries(expected).filter(([, lines]) => lines.length > 0)),
      output: expect.any(String) as string,
    });
    expect(Object.values(expected).map((lines) => lines.length)).toStrictEqual(consumers.map(({ marked }) => marked));
  });
});
