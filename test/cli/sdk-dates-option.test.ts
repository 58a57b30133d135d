import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesRoot } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

/** The `dates` option of the SDK from the command line (`sdk --dates`) and from the config file (`dates: true`). */

const document = join(fixturesRoot, 'valid/rest-dates.yaml');

describe('the SDK dates option', () => {
  it('is off by default and on with --dates, and the config file’s dates: true writes the same package', async () => {
    const root = mkdtempSync(join(tmpdir(), 'apigw-gen-sdk-dates-'));
    const off = await runCli(['sdk', document, '-o', join(root, 'off')]);
    const on = await runCli(['sdk', document, '-o', join(root, 'on'), '--dates']);
    expect([off.code, on.code], `${off.stderr}\n${on.stderr}`).toStrictEqual([0, 0]);
    const client = (folder: string) => readFileSync(join(root, folder, 'src/client.gen.ts'), 'utf8');
    expect(client('off')).toContain('export type GetClockResult = string;');
    expect(existsSync(join(root, 'off/src/runtime/dates.ts'))).toBe(false);
    expect(client('on')).toContain('export type GetClockResult = Date;');
    expect(existsSync(join(root, 'on/src/dates.gen.ts'))).toBe(true);

    const project = join(root, 'project');
    mkdirSync(join(project, 'api'), { recursive: true });
    copyFileSync(document, join(project, 'api/events.yaml'));
    writeFileSync(
      join(project, 'apigw-gen.config.yaml'),
      'targets:\n  - { type: sdk, document: api/events.yaml, out: sdk, dates: true }\n',
    );
    const generated = await runCli(['generate', '--config', join(project, 'apigw-gen.config.yaml')]);
    expect(generated.code, `${generated.stderr}`).toBe(0);
    for (const file of ['src/client.gen.ts', 'src/models.gen.ts', 'src/dates.gen.ts', 'src/runtime/dates.ts']) {
      expect(readFileSync(join(project, 'sdk', file), 'utf8'), `${file}`).toBe(readFileSync(join(root, 'on', file), 'utf8'));
    }
  });
});
