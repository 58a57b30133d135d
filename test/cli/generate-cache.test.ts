import { mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { repoRoot } from '../support/paths.js';

const bin = join(repoRoot, 'bin/apigw-gen.js');

/** The built CLI, as a prebuild hook runs it. */
async function cli(cwd: string, args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await promisify(execFile)(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stderr };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
}

/**
 * The no-op cache of `generate`: a run after a successful one reads no document while nothing
 * changed, and a change to the config, a `$ref`ed file, an output or apigw-gen's version makes
 * it run the targets again.
 */

const API = `openapi: 3.0.3
info: { title: Pets, version: 1.0.0 }
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        '200':
          description: The pets
          content:
            application/json:
              schema: { $ref: './pet.yaml' }
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: { application/json: '{"statusCode": 200}' }
        responses: { default: { statusCode: '200' } }
`;

function project(): string {
  const folder = realpathSync(mkdtempSync(join(tmpdir(), 'apigw-gen-cache-')));
  writeFileSync(join(folder, 'api.yaml'), API);
  writeFileSync(join(folder, 'pet.yaml'), 'type: object\nproperties:\n  name: { type: string }\n');
  writeFileSync(
    join(folder, 'apigw-gen.config.yaml'),
    'targets:\n  - { type: sdk, document: api.yaml, out: sdk }\n  - { type: mock, document: api.yaml, out: mock.yaml }\n',
  );
  return folder;
}

describe('the no-op cache of generate', () => {
  it('trusts a second run with nothing changed, and runs again when a $ref`ed file, an output or the config changes', async () => {
    const folder = project();
    expect((await generate({ cwd: folder })).cached).toBe(false);
    const second = await generate({ cwd: folder });
    expect(second.cached).toBe(true);
    expect(second.targets.map(({ report }) => report)).toStrictEqual([
      ['sdk: unchanged since the last run'],
      ['mock.yaml: unchanged since the last run'],
    ]);

    writeFileSync(join(folder, 'pet.yaml'), 'type: object\nproperties:\n  name: { type: string }\n  age: { type: integer }\n');
    const afterRef = await generate({ cwd: folder });
    expect(afterRef.cached).toBe(false);
    expect(afterRef.targets[0]!.result.written).toContain('src/models.gen.ts');
    expect(readFileSync(join(folder, 'sdk/src/models.gen.ts'), 'utf8')).toContain('age');
    expect((await generate({ cwd: folder })).cached).toBe(true);

    writeFileSync(join(folder, 'mock.yaml'), readFileSync(join(folder, 'mock.yaml'), 'utf8') + '# edited\n');
    const afterOutput = await generate({ cwd: folder });
    expect(afterOutput.cached).toBe(false);
    expect(afterOutput.targets[1]!.result.written).toStrictEqual([join(folder, 'mock.yaml')]);

    writeFileSync(join(folder, 'apigw-gen.config.yaml'), 'targets:\n  - { type: sdk, document: api.yaml, out: sdk }\n');
    const afterConfig = await generate({ cwd: folder });
    expect(afterConfig.cached).toBe(false);
    expect(afterConfig.targets.map(({ target }) => target.type)).toStrictEqual(['sdk']);
  });

  it('runs again when the record was written by another version of apigw-gen', async () => {
    const folder = project();
    await generate({ cwd: folder });
    const cacheFolder = join(folder, 'node_modules/.cache/apigw-gen');
    const [recordFile] = readdirSync(cacheFolder);
    const record = JSON.parse(readFileSync(join(cacheFolder, recordFile!), 'utf8')) as { version: string };
    writeFileSync(join(cacheFolder, recordFile!), JSON.stringify({ ...record, version: '0.0.0-older' }));
    expect((await generate({ cwd: folder })).cached).toBe(false);
    expect((await generate({ cwd: folder })).cached).toBe(true);
  });

  it('--check trusts the record too, and a failed check records nothing', async () => {
    const folder = project();
    const stale = await generate({ cwd: folder, check: true });
    expect(stale.stale.length).toBeGreaterThan(0);
    expect((await generate({ cwd: folder, check: true })).cached).toBe(false);
    await generate({ cwd: folder });
    expect(await generate({ cwd: folder, check: true })).toMatchObject({ cached: true, stale: [] });
  });

  it('answers from the record through the CLI, as the full command would, and falls back to it when something changed', async () => {
    const folder = project();
    expect(await cli(folder, ['generate', '--check'])).toMatchObject({ code: 1 });
    expect((await cli(folder, ['generate'])).code).toBe(0);
    expect(await cli(folder, ['generate'])).toStrictEqual({
      code: 0,
      stderr:
        'apigw-gen generate: sdk sdk: unchanged since the last run (0 ms)\napigw-gen generate: mock mock.yaml: unchanged since the last run (0 ms)\n',
    });
    expect(await cli(folder, ['generate', '--config', 'apigw-gen.config.yaml', '--check'])).toStrictEqual({
      code: 0,
      stderr: 'apigw-gen generate: 2 target(s) up to date\n',
    });
    writeFileSync(join(folder, 'sdk/package.json'), '{}\n');
    const stale = await cli(folder, ['generate', '--check']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('  sdk/package.json\n');
  });
});
