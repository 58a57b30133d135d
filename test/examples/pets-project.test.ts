import { cpSync, mkdtempSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CommandIo } from '../../src/cli/run-command.js';
import { repoRoot } from '../support/paths.js';

/**
 * `generate` on examples/pets-project (all four targets, schemas in `$ref`ed files): a second run
 * changes no file and no modification time; `--check` exits 0 when fresh and 1 listing the stale
 * files after a `$ref`ed file changes; the next run regenerates them and keeps the user's stub.
 */

const example = join(repoRoot, 'examples/pets-project');

/** A copy of the example as checked in (no generated files). */
function copyOfExample(): string {
  const folder = realpathSync(mkdtempSync(join(tmpdir(), 'apigw-gen-example-')));
  cpSync(example, folder, { recursive: true, filter: (path) => !/\/(node_modules|generated|handlers)$/.test(path) });
  return folder;
}

async function generate(folder: string, ...args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const io: CommandIo = { stdout: () => {}, stderr: (text) => (stderr += text), color: false };
  const code = await main(['generate', '--config', join(folder, 'apigw-gen.config.yaml'), ...args], io);
  return { code, stderr };
}

/** Every file of the project (its cache aside) with its contents and modification time. */
function snapshot(folder: string): Map<string, { text: string; mtimeMs: number }> {
  const files = new Map<string, { text: string; mtimeMs: number }>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(path);
      } else {
        files.set(relative(folder, path), { text: readFileSync(path, 'utf8'), mtimeMs: statSync(path).mtimeMs });
      }
    }
  };
  walk(folder);
  return files;
}

const staleList = (stderr: string) =>
  stderr
    .split('\n')
    .filter((line) => line.startsWith('  '))
    .map((line) => line.trim());

describe('examples/pets-project', () => {
  it('generates all four targets, then a second run changes nothing', async () => {
    const folder = copyOfExample();
    const first = await generate(folder);
    expect(first.code).toBe(0);
    expect(first.stderr).not.toContain('warning');
    expect(
      first.stderr
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(' ')[2]),
    ).toStrictEqual(['sdk', 'handlers', 'mock', 'cfn']);
    const before = snapshot(folder);
    expect([...before.keys()]).toEqual(
      expect.arrayContaining([
        'generated/sdk/src/models.gen.ts',
        'handlers/src/models.gen.ts',
        'generated/pets.mock.yaml',
        'generated/template.yaml',
      ]),
    );

    expect((await generate(folder)).code).toBe(0);
    expect(snapshot(folder)).toStrictEqual(before);
    expect(await generate(folder, '--check')).toStrictEqual({ code: 0, stderr: 'apigw-gen generate: 4 target(s) up to date\n' });
  });

  it('--check lists what a changed $ref`ed file makes stale, and the next run regenerates it and keeps the stub', async () => {
    const folder = copyOfExample();
    expect((await generate(folder)).code).toBe(0);
    const stub = readdirSync(join(folder, 'handlers/src/functions/pets-function')).find((name) => !name.includes('.gen.'));
    const stubPath = join(folder, 'handlers/src/functions/pets-function', stub!);
    const edited = readFileSync(stubPath, 'utf8') + '// my implementation\n';
    writeFileSync(stubPath, edited);

    const pet = join(folder, 'openapi/schemas/pet.yaml');
    writeFileSync(pet, readFileSync(pet, 'utf8') + '  age: { type: integer }\n');
    const stale = await generate(folder, '--check');
    expect(stale.code).toBe(1);
    const shown = (path: string) => relative(process.cwd(), join(folder, path));
    expect(staleList(stale.stderr)).toEqual(
      expect.arrayContaining([
        shown('generated/sdk/src/models.gen.ts'),
        shown('handlers/src/models.gen.ts'),
        shown('generated/pets.mock.yaml'),
      ]),
    );
    expect(readFileSync(join(folder, 'generated/sdk/src/models.gen.ts'), 'utf8')).not.toContain('age');

    expect((await generate(folder)).code).toBe(0);
    expect(readFileSync(join(folder, 'generated/sdk/src/models.gen.ts'), 'utf8')).toContain('age');
    expect(readFileSync(stubPath, 'utf8')).toBe(edited);
    expect((await generate(folder, '--check')).code).toBe(0);
  });
});
