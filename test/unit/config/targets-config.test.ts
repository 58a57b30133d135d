import { mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/config-error.js';
import { loadConfig } from '../../../src/config/load-config.js';

/**
 * `targets` in the config file: each kind takes its command's options, paths are the config
 * file's, and a key a kind does not take, a missing output or two targets sharing one output is
 * a problem at its pointer and line.
 */

function configIn(text: string): string {
  const folder = realpathSync(mkdtempSync(join(tmpdir(), 'apigw-gen-targets-')));
  writeFileSync(join(folder, 'apigw-gen.config.yaml'), text);
  return folder;
}

async function problemsOf(text: string) {
  const cwd = configIn(text);
  try {
    await loadConfig({ cwd });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map(({ file, pointer, line, message }) => ({ file: relative(cwd, file), pointer, line, message }));
  }
  throw new Error('the config was accepted');
}

describe('targets in the config', () => {
  it('reads every kind of target with its options, paths resolved against the config folder', async () => {
    const folder = configIn(
      [
        'targets:',
        '  - { type: sdk, document: api/pets.yaml, out: sdk/pets, name: "@acme/pets", packageVersion: 1.2.3, dates: true }',
        '  - { type: handlers, document: api/pets.yaml, out: handlers, force: true, lenient: true }',
        '  - { type: mock, document: api/orders.yaml, out: mock/orders.yaml, all: true, apiKind: rest }',
        '  - { type: cfn, document: api/orders.yaml, out: cfn/orders.json, format: json, allowExternalRefs: true }',
        '',
      ].join('\n'),
    );
    expect((await loadConfig({ cwd: folder })).config.targets).toStrictEqual([
      {
        type: 'sdk',
        document: join(folder, 'api/pets.yaml'),
        out: join(folder, 'sdk/pets'),
        name: '@acme/pets',
        packageVersion: '1.2.3',
        dates: true,
      },
      { type: 'handlers', document: join(folder, 'api/pets.yaml'), out: join(folder, 'handlers'), force: true, lenient: true },
      { type: 'mock', document: join(folder, 'api/orders.yaml'), out: join(folder, 'mock/orders.yaml'), all: true, apiKind: 'rest' },
      {
        type: 'cfn',
        document: join(folder, 'api/orders.yaml'),
        out: join(folder, 'cfn/orders.json'),
        format: 'json',
        allowExternalRefs: true,
      },
    ]);
  });

  it('refuses an option the kind of target does not take, at its line', async () => {
    expect(await problemsOf('targets:\n  - type: mock\n    document: a.yaml\n    out: m.yaml\n    force: true\n')).toStrictEqual([
      { file: 'apigw-gen.config.yaml', pointer: '/targets/0/force', line: 5, message: 'has an unknown field "force"' },
    ]);
  });

  it('refuses an unknown kind and a target without an output', async () => {
    const problems = await problemsOf('targets:\n  - { type: docs, document: a.yaml, out: d }\n  - { type: sdk, document: a.yaml }\n');
    expect(problems.map(({ pointer, line }) => [pointer, line])).toStrictEqual([
      ['/targets/0/type', 2],
      ['/targets/1', 3],
    ]);
    expect(problems[1]!.message).toContain('out');
  });

  it('refuses two targets writing one output, or one inside the folder of another', async () => {
    const problems = await problemsOf(
      [
        'targets:',
        '  - { type: sdk, document: a.yaml, out: out/sdk }',
        '  - { type: handlers, document: b.yaml, out: out/sdk }',
        '  - { type: cfn, document: a.yaml, out: out/sdk/template.yaml }',
        '  - { type: mock, document: a.yaml, out: out/mock.yaml }',
        '',
      ].join('\n'),
    );
    expect(problems.map(({ pointer, line }) => [pointer, line])).toStrictEqual([
      ['/targets/1/out', 3],
      ['/targets/2/out', 4],
    ]);
    expect(problems[0]!.message).toMatch(/^is the output of target 0, or inside it \(.*out\/sdk\)/);
  });
});
