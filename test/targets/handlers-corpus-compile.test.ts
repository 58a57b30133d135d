import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { writePlan, type PlannedFile } from '../../src/emit/write-plan.js';
import { loadApi } from '../../src/index.js';
import { planHandlers } from '../../src/targets/handlers/index.js';
import { linkDependencies } from '../support/link-dependencies.js';
import { expectPrettierFormatted } from '../support/prettier.js';
import { corpusRoot, fixturesRoot, repoRoot } from '../support/paths.js';

/**
 * Every valid fixture and every document of the apigw and general corpora (used in place, loaded leniently
 * as the SDK corpus test does) becomes a handlers package that compiles under the package's own
 * strict compiler options. One tsc program checks all packages at once; Prettier checks the layout.
 */

const folders = { valid: join(fixturesRoot, 'valid'), apigw: join(corpusRoot, 'apigw'), general: join(corpusRoot, 'general') };
const documents = Object.entries(folders).flatMap(([group, folder]) =>
  readdirSync(folder)
    .filter((name) => /\.(ya?ml|json)$/.test(name))
    .sort()
    .map((name) => ({ id: `${group}/${name}`, path: join(folder, name) })),
);

const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');

describe('handlers of every fixture and apigw corpus document', () => {
  it('compile under tsc --strict in one program, and are laid out as Prettier would', async () => {
    const root = mkdtempSync(join(tmpdir(), 'apigw-gen-handlers-corpus-'));
    const packages: { id: string; folder: string; files: PlannedFile[] }[] = [];
    for (const [index, document] of documents.entries()) {
      const loaded = await loadApi(document.path, { lenient: true });
      const folder = `p${index}`;
      // Every operation validated, requests and answers, so that every body schema of the corpus is compiled.
      const files = planHandlers(loaded.model, { document: loaded.document, validation: 'all', responseValidation: true });
      writePlan(join(root, folder), files);
      packages.push({ id: document.id, folder, files });
    }
    expect(packages.length).toBe(documents.length);
    expect(packages.length).toBeGreaterThan(45);

    // Every package has the same package.json dependencies and compiler options: one program checks them all with them.
    const devDependencies = (files: PlannedFile[]) =>
      JSON.stringify(
        (JSON.parse(files.find((file) => file.path === 'package.json')!.contents) as { devDependencies: object }).devDependencies,
      );
    const packageJsons = new Set(packages.map(({ files }) => devDependencies(files)));
    expect(packageJsons.size).toBe(1);
    const tsconfigs = new Set(packages.map(({ files }) => files.find((file) => file.path === 'tsconfig.json')?.contents));
    expect(tsconfigs.size).toBe(1);
    const { compilerOptions } = JSON.parse([...tsconfigs][0]!) as { compilerOptions: Record<string, unknown> };
    expect(compilerOptions).toMatchObject({ strict: true, noUncheckedIndexedAccess: true, noUnusedLocals: true, noUnusedParameters: true });
    const options = Object.fromEntries(
      Object.entries(compilerOptions).filter(([key]) => !['rootDir', 'outDir', 'sourceMap'].includes(key)),
    );
    writeFileSync(join(root, 'package.json'), packages[0]!.files.find((file) => file.path === 'package.json')!.contents);
    linkDependencies(root, { dev: true });
    writeFileSync(
      join(root, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { ...options, noEmit: true }, include: packages.map(({ folder }) => `${folder}/src`) }),
    );
    const compiling = promisify(execFile)(process.execPath, [tsc, '-p', join(root, 'tsconfig.json'), '--listFiles', '--pretty', 'false'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    }).then(
      ({ stdout }) => stdout,
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );

    // Runtime files are copies of this repository's sources, which `npm run format:check` covers;
    // validators are ajv's standalone code, laid out by ajv (one statement per line).
    const laidOut = (file: PlannedFile) => !file.path.startsWith('src/runtime/') && !file.path.endsWith('/validators.gen.ts');
    for (const { files } of packages) await expectPrettierFormatted(files.filter(laidOut));

    const output = (await compiling).split('\n').filter(Boolean);
    expect(output.filter((line) => !line.startsWith('/'))).toStrictEqual([]);
    const listed = new Set(output.filter((line) => line.startsWith(root)));
    const planned = packages.flatMap(({ folder, files }) =>
      files.filter((file) => file.path.endsWith('.ts')).map((file) => join(root, folder, file.path)),
    );
    expect(planned.filter((path) => !listed.has(path))).toStrictEqual([]);
    // The corpus exercises what the generator must handle: many functions, authorizers and non-proxy integrations.
    const count = (pattern: RegExp) => planned.filter((path) => pattern.test(path)).length;
    expect(count(/\/handler\.gen\.ts$/)).toBeGreaterThan(35);
    expect(count(/\/src\/authorizers\//)).toBeGreaterThan(10);
    expect(count(/\/non-proxy\.ts$/)).toBeGreaterThanOrEqual(3);
    expect(count(/\/validators\.gen\.ts$/)).toBeGreaterThan(10);
  });
});
