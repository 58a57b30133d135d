import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CommandIo } from '../../src/cli/run-command.js';
import { generate } from '../../src/index.js';
import { fixturesRoot } from '../support/paths.js';

/**
 * `apigw-gen generate`: every target of the config, one line each; a second run writes nothing;
 * `--check` writes nothing and lists what is stale; a document with errors or a file apigw-gen
 * did not write stops the run before any output is written.
 */

const CONFIG = `stages:
  prod: { variables: { alias: live } }
targets:
  - { type: sdk, document: api/pets.yaml, out: out/sdk }
  - { type: handlers, document: api/pets.yaml, out: out/handlers }
  - { type: cfn, document: api/pets.yaml, out: out/template.yaml }
  - { type: mock, document: api/examples.yaml, out: out/mock.yaml }
`;

/** A project with two documents and a target of each kind. */
function project(config = CONFIG): string {
  const folder = realpathSync(mkdtempSync(join(tmpdir(), 'apigw-gen-generate-')));
  mkdirSync(join(folder, 'api'));
  copyFileSync(join(fixturesRoot, 'valid/rest-lambda-proxy.yaml'), join(folder, 'api/pets.yaml'));
  copyFileSync(join(fixturesRoot, 'valid/rest-examples.yaml'), join(folder, 'api/examples.yaml'));
  writeFileSync(join(folder, 'apigw-gen.config.yaml'), config);
  return folder;
}

async function run(args: string[], interactive = false): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const io: CommandIo = { stdout: () => {}, stderr: (text) => (stderr += text), color: false, interactive };
  const code = await main(args, io);
  return { code, stderr };
}

const OUTPUTS = ['out/sdk/package.json', 'out/handlers/package.json', 'out/template.yaml', 'out/mock.yaml'];

/** Modification times of every output, to tell whether a run rewrote any. */
function mtimes(folder: string): number[] {
  return OUTPUTS.map((path) => statSync(join(folder, path)).mtimeMs);
}

describe('apigw-gen generate', () => {
  it('writes every target with one line each, then a second run rewrites nothing', async () => {
    const folder = project();
    const config = join(folder, 'apigw-gen.config.yaml');
    const first = await run(['generate', '--config', config]);
    expect(first.stderr).not.toContain('internal error');
    expect(first.stderr).not.toContain('\x1b'); // Not a terminal: no line is redrawn.
    expect(first.code).toBe(0);
    expect(OUTPUTS.filter((path) => !existsSync(join(folder, path)))).toStrictEqual([]);
    const lines = first.stderr.split('\n').filter((line) => /^apigw-gen generate: (sdk|handlers|mock|cfn) /.test(line));
    expect(lines.map((line) => line.split(' ')[2])).toStrictEqual(['sdk', 'handlers', 'cfn', 'mock']);
    expect(lines[0]).toMatch(/out\/sdk: \d+ written, 0 unchanged, 0 removed \(\d+ ms\)$/);
    expect(lines[2]).toMatch(/out\/template\.yaml: written \(\d+ ms\)$/);

    const before = mtimes(folder);
    rmSync(join(folder, 'node_modules'), { recursive: true }); // Without the no-op cache, every target is planned again.
    const second = await run(['generate', '--config', config]);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/sdk .*out\/sdk: 0 written, \d+ unchanged, 0 removed/);
    expect(second.stderr).toMatch(/mock .*out\/mock\.yaml: \d+ operation\(s\) mocked, unchanged/);
    expect(mtimes(folder)).toStrictEqual(before);
  });

  it('--check exits 0 when fresh, and 1 listing stale and missing files without writing them', async () => {
    const folder = project();
    const config = join(folder, 'apigw-gen.config.yaml');
    expect((await run(['generate', '--config', config])).code).toBe(0);
    rmSync(join(folder, 'node_modules'), { recursive: true }); // The check plans every target, without the no-op cache.
    const fresh = await run(['generate', '--config', config, '--check']);
    expect(fresh.code).toBe(0);
    expect(fresh.stderr).toBe('apigw-gen generate: 4 target(s) up to date\n');

    writeFileSync(join(folder, 'out/sdk/package.json'), '{}\n');
    const edited = readFileSync(join(folder, 'out/template.yaml'), 'utf8');
    writeFileSync(join(folder, 'out/template.yaml'), edited + '# edited\n');
    rmSync(join(folder, 'out/mock.yaml'));
    const stale = await run(['generate', '--config', config, '--check']);
    expect(stale.code).toBe(1);
    const listed = stale.stderr
      .split('file(s) stale or missing; run apigw-gen generate:\n')[1]!
      .split('\n')
      .filter((line) => line.startsWith('  '))
      .map((line) => line.trim());
    expect(listed).toStrictEqual(
      [join(folder, 'out/mock.yaml'), join(folder, 'out/sdk/package.json'), join(folder, 'out/template.yaml')].map((path) =>
        relative(process.cwd(), path),
      ),
    );
    expect(readFileSync(join(folder, 'out/sdk/package.json'), 'utf8')).toBe('{}\n');
    expect(existsSync(join(folder, 'out/mock.yaml'))).toBe(false);
  });

  it('returns the same from the library API, paths relative to cwd', async () => {
    const folder = project();
    const result = await generate({ cwd: folder, check: true });
    expect(result.targets.map(({ target, result: write }) => [target.type, write.written.length > 0])).toStrictEqual([
      ['sdk', true],
      ['handlers', true],
      ['cfn', true],
      ['mock', true],
    ]);
    expect(result.stale).toContain('out/mock.yaml');
    expect(result.stale).toContain('out/sdk/package.json');
    expect(existsSync(join(folder, 'out'))).toBe(false);
  });

  it('writes nothing when one document has errors, and exits 1 naming the file and line', async () => {
    const folder = project();
    writeFileSync(join(folder, 'api/examples.yaml'), 'openapi: 3.0.3\ninfo: { title: t, version: "1" }\npaths:\n  /a:\n    get: 7\n');
    const result = await run(['generate', '--config', join(folder, 'apigw-gen.config.yaml')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/examples\.yaml:5/);
    expect(existsSync(join(folder, 'out'))).toBe(false);
  });

  it('writes nothing when an output is a file apigw-gen did not write (exit 2)', async () => {
    const folder = project();
    mkdirSync(join(folder, 'out'));
    writeFileSync(join(folder, 'out/mock.yaml'), 'mine: true\n');
    const result = await run(['generate', '--config', join(folder, 'apigw-gen.config.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('out/mock.yaml exists and was not generated by apigw-gen');
    expect(existsSync(join(folder, 'out/sdk'))).toBe(false);
    expect(readFileSync(join(folder, 'out/mock.yaml'), 'utf8')).toBe('mine: true\n');
  });

  it('is a usage error (exit 2) without a config file or without targets', async () => {
    const empty = realpathSync(mkdtempSync(join(tmpdir(), 'apigw-gen-generate-')));
    await expect(generate({ cwd: empty })).rejects.toThrow(/^no config file in .*; create apigw-gen\.config\.yaml/);
    const noTargets = project('stages:\n  prod: {}\n');
    const result = await run(['generate', '--config', join(noTargets, 'apigw-gen.config.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/apigw-gen\.config\.yaml has no targets; add them under "targets"/);
  });

  it('shows its progress on a terminal in one line redrawn in place, cleared before the results', async () => {
    const folder = project();
    const result = await run(['generate', '--config', join(folder, 'apigw-gen.config.yaml')], true);
    expect(result.code).toBe(0);
    const clear = '\r\x1b[2K';
    const progress = result.stderr.slice(0, result.stderr.lastIndexOf(clear));
    const results = result.stderr.slice(result.stderr.lastIndexOf(clear) + clear.length);
    expect(progress.split(clear).filter((part) => part.startsWith('apigw-gen generate: '))).toStrictEqual(
      ['0/4', '1/4', '2/4', '3/4', '4/4'].map((count) => `apigw-gen generate: ${count} targets`),
    );
    expect(results).not.toContain('\x1b');
    expect(results).toMatch(
      /\napigw-gen generate: sdk .*\napigw-gen generate: handlers .*\napigw-gen generate: cfn .*\napigw-gen generate: mock .*\n$/,
    );
  });
});
