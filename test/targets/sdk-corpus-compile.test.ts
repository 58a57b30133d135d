import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { DiagnosticCode } from '../../src/diagnostics/codes.js';
import { DocumentError } from '../../src/diagnostics/diagnostic.js';
import { writePlan, type PlannedFile } from '../../src/emit/write-plan.js';
import { loadApi } from '../../src/index.js';
import { planSdk } from '../../src/targets/sdk/index.js';
import { linkDependencies } from '../support/link-dependencies.js';
import { expectPrettierFormatted } from '../support/prettier.js';
import { corpusRoot, fixturesRoot, repoRoot } from '../support/paths.js';

/**
 * Every document of the valid fixtures and of the apigw and general corpora becomes an SDK
 * package that compiles under the package's own strict compiler options. One tsc program checks
 * all packages at once (one process instead of ninety), while Prettier checks the layout.
 */

const folders = { valid: join(fixturesRoot, 'valid'), apigw: join(corpusRoot, 'apigw'), general: join(corpusRoot, 'general') };
const documents = Object.entries(folders).flatMap(([group, folder]) =>
  readdirSync(folder)
    .filter((name) => /\.(ya?ml|json)$/.test(name))
    .sort()
    .map((name) => ({ id: `${group}/${name}`, path: join(folder, name) })),
);

/**
 * Documents that even lenient loading cannot load: broken as published (a `$ref` to a file that is
 * not in the corpus, say), as `id: { code, pointer, line, reason }`. Each must keep failing with a
 * clear diagnostic at the broken place; any other document that fails to load fails the test.
 * None at present: the one there was (secure-pet-store, `$ref: Pet`) loads since bare-name
 * Swagger 2.0 references are read as API Gateway reads them.
 */
const UNLOADABLE: Record<string, { code: DiagnosticCode; pointer: string; line: number; reason: string }> = {};

const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');

describe('SDK packages of every corpus document', () => {
  it('compile under tsc --strict in one program, and are laid out as Prettier would', async () => {
    const root = mkdtempSync(join(tmpdir(), 'apigw-gen-sdk-corpus-'));
    const packages: { id: string; folder: string; files: PlannedFile[] }[] = [];
    const unloadable: Record<string, { code: string; pointer: string; line?: number; message: string }[]> = {};
    for (const [index, document] of documents.entries()) {
      const loaded = await loadApi(document.path, { lenient: true }).catch((error: unknown) => {
        if (!(error instanceof DocumentError)) throw error;
        unloadable[document.id] = error.diagnostics.map(({ code, pointer, line, message }) => ({ code, pointer, line, message }));
        return undefined;
      });
      if (!loaded) continue;
      const folder = `p${index}`;
      const files = planSdk(loaded.model, {});
      writePlan(join(root, folder), files);
      linkDependencies(join(root, folder));
      packages.push({ id: document.id, folder, files });
    }

    // Exactly the listed documents fail to load, each with its diagnostic at the broken place.
    expect(Object.keys(unloadable).sort()).toStrictEqual(Object.keys(UNLOADABLE).sort());
    for (const [id, expected] of Object.entries(UNLOADABLE)) {
      expect(unloadable[id]).toContainEqual({
        code: expected.code,
        pointer: expected.pointer,
        line: expected.line,
        message: expect.stringMatching(/^\$ref "[^"]+" cannot be resolved/) as string,
      });
    }
    expect(packages).toHaveLength(documents.length - Object.keys(UNLOADABLE).length);
    expect(packages.length).toBeGreaterThan(80);

    // Every package has the same compiler options, so one program can check them all with them.
    const tsconfigs = new Set(packages.map(({ files }) => files.find((file) => file.path === 'tsconfig.json')?.contents));
    expect(tsconfigs.size).toBe(1);
    const { compilerOptions } = JSON.parse([...tsconfigs][0]!) as { compilerOptions: Record<string, unknown> };
    expect(compilerOptions.strict).toBe(true);
    // Emit settings aside: the packages are only checked.
    const options = Object.fromEntries(
      Object.entries(compilerOptions).filter(([key]) => !['rootDir', 'outDir', 'declaration'].includes(key)),
    );
    writeFileSync(
      join(root, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { ...options, noEmit: true }, include: packages.map(({ folder }) => `${folder}/src`) }),
    );
    // `--listFiles` prints the program's files, to count the packages checked, then any errors.
    const compiling = promisify(execFile)(process.execPath, [tsc, '-p', join(root, 'tsconfig.json'), '--listFiles', '--pretty', 'false'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    }).then(
      ({ stdout }) => stdout,
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );

    // Prettier runs while tsc compiles. Runtime files are copies of this repository's sources,
    // which `npm run format:check` covers.
    for (const { files } of packages) await expectPrettierFormatted(files.filter((file) => !file.path.startsWith('src/runtime/')));

    const output = (await compiling).split('\n').filter(Boolean);
    const listed = output.filter((line) => line.startsWith(root));
    expect(output.filter((line) => !line.startsWith('/'))).toStrictEqual([]);
    expect(listed.filter((file) => file.endsWith('/src/client.gen.ts'))).toHaveLength(packages.length);
  });
});
