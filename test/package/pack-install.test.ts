import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fixturesRoot, repoRoot } from '../support/paths.js';

/**
 * apigw-gen as a user gets it: `npm pack` holds the CLI, the library with its types and the
 * runtime files the generators copy, and nothing else; the tarball installs into an empty
 * project, where `npx apigw-gen sdk` generates and `import { generate } from 'apigw-gen'`
 * type-checks. Dependencies come from npm's cache, which `npm ci` filled.
 */

const run = promisify(execFile);
const npm = (args: string[], cwd: string) => run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd });

describe('the apigw-gen package', () => {
  it('packs what a user needs and nothing else, and works once installed from the tarball', async () => {
    const packFolder = mkdtempSync(join(tmpdir(), 'apigw-gen-pack-'));
    const { stdout } = await npm(['pack', '--json', '--pack-destination', packFolder], repoRoot);
    const [packed] = JSON.parse(stdout) as [{ filename: string; files: { path: string }[] }];
    const paths = packed.files.map((file) => file.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'bin/apigw-gen.js',
        'dist/bin/cli.js',
        'dist/bin/no-op-generate.js',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/emit/generated/templates.js',
        'src/runtime/client.ts',
        'src/runtime/handlers/router.ts',
        'src/runtime/build-sdk-package.mjs',
      ]),
    );
    expect(
      paths.filter(
        (path) =>
          !/^(bin\/apigw-gen\.js|dist\/.+|src\/runtime\/.+\.ts|src\/runtime\/build-sdk-package\.mjs|package\.json|README\.md)$/.test(path),
      ),
    ).toStrictEqual([]);

    const project = mkdtempSync(join(tmpdir(), 'apigw-gen-user-'));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'user', version: '9.9.9', private: true, type: 'module' }));
    await npm(['install', '--prefer-offline', join(packFolder, packed.filename)], project);
    // Its own version, not the one of the project it runs in.
    const { stdout: version } = await run('npx', ['--no-install', 'apigw-gen', '--version'], { cwd: project });
    expect(version.trim()).toBe((JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version);

    const document = join(fixturesRoot, 'valid/rest-lambda-proxy.yaml');
    const { stderr } = await run('npx', ['--no-install', 'apigw-gen', 'sdk', document, '-o', 'sdk'], { cwd: project });
    expect(stderr).toMatch(/(^|\n)apigw-gen sdk: sdk: \d+ written, 0 unchanged, 0 removed\n$/);
    expect(JSON.parse(readFileSync(join(project, 'sdk/package.json'), 'utf8'))).toHaveProperty('name');
    expect(existsSync(join(project, 'sdk/src/runtime/client.ts'))).toBe(true);

    writeFileSync(
      join(project, 'check.ts'),
      [
        "import { generate, validate, type GenerateResult } from 'apigw-gen';",
        'const run: GenerateResult = await generate({ check: true });',
        'const stale: string[] = run.stale;',
        "const valid: boolean = (await validate('openapi.yaml')).valid;",
        'export { stale, valid };',
        '',
      ].join('\n'),
    );
    const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
    const flags = [
      '--noEmit',
      '--strict',
      '--skipLibCheck',
      '--target',
      'ES2022',
      '--module',
      'NodeNext',
      '--moduleResolution',
      'NodeNext',
    ];
    await expect(
      run(process.execPath, [tsc, ...flags, '--types', 'node', '--typeRoots', join(repoRoot, 'node_modules/@types'), 'check.ts'], {
        cwd: project,
      }),
    ).resolves.toBeDefined();
    const imported = await run(
      process.execPath,
      ['--input-type=module', '-e', "const m = await import('apigw-gen'); console.log(typeof m.generate)"],
      {
        cwd: project,
      },
    );
    expect(imported.stdout).toBe('function\n');
  });
});
