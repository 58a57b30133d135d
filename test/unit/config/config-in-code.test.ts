import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/config-error.js';
import { configSchema } from '../../../src/config/config-schema.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { fixturesRoot, repoRoot } from '../../support/paths.js';

/**
 * The config written in TypeScript or JavaScript (`defineConfig` from the package), found from the
 * working folder upward, and the JSON Schema published for editors.
 */

/** A project folder with apigw-gen installed (a link to this repository, built), as a user's would have it. */
function project(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-config-code-'));
  mkdirSync(join(folder, 'node_modules'));
  symlinkSync(repoRoot, join(folder, 'node_modules/apigw-gen'), 'dir');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(folder, name, '..'), { recursive: true });
    writeFileSync(join(folder, name), text);
  }
  return folder;
}

const TS_CONFIG = `import { defineConfig, type ConfigFileStage } from 'apigw-gen';

const prod: ConfigFileStage = { tracingEnabled: true, variables: { alias: 'live' } };

export default defineConfig({
  stages: { prod, dev: { variables: { alias: 'dev' } } },
  usagePlans: { free: { stages: ['prod'], quota: { limit: 1000, period: 'MONTH' } } },
});
`;

describe('a config written in code', () => {
  it('apigw-gen.config.ts: defineConfig from the package, run with its types erased', async () => {
    const { config, source } = await loadConfig({ cwd: project({ 'apigw-gen.config.ts': TS_CONFIG }) });
    expect(source?.file).toMatch(/apigw-gen\.config\.ts$/);
    expect(config.stages.map((stage) => [stage.name, stage.variables.alias, stage.tracingEnabled])).toStrictEqual([
      ['dev', 'dev', undefined],
      ['prod', 'live', true],
    ]);
    expect(config.usagePlans[0]?.quota).toStrictEqual({ limit: 1000, period: 'MONTH' });
  });

  it('type-checks against the published types: a mistyped value does not compile', () => {
    const folder = project({
      'apigw-gen.config.ts': TS_CONFIG.replace("period: 'MONTH'", "period: 'YEAR'"),
      'tsconfig.json': JSON.stringify({
        compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', noEmit: true },
      }),
    });
    const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
    const check = (text: string) => {
      writeFileSync(join(folder, 'apigw-gen.config.ts'), text);
      try {
        execFileSync(process.execPath, [tsc, '-p', folder], { encoding: 'utf8' });
        return '';
      } catch (error) {
        return String((error as { stdout: string }).stdout);
      }
    };
    expect(check(TS_CONFIG)).toBe('');
    expect(check(TS_CONFIG.replace("period: 'MONTH'", "period: 'YEAR'"))).toMatch(/'"YEAR"' is not assignable/);
  }, 60_000);

  it('apigw-gen.config.mjs exporting an async function', async () => {
    const cwd = project({
      'apigw-gen.config.mjs': `export default async () => ({ stages: { [process.env.STAGE_FOR_TEST ?? 'beta']: {} } });\n`,
    });
    expect((await loadConfig({ cwd })).config.stages.map((stage) => stage.name)).toStrictEqual(['beta']);
  });

  it('checks what the code returns as it checks a YAML file, at the key', async () => {
    const cwd = project({
      'apigw-gen.config.mjs': `export default { stages: { prod: {} }, usagePlans: { free: { stages: ['prod'], quota: { limit: 5, period: 'YEAR' } } } };\n`,
    });
    const error = await loadConfig({ cwd }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map(({ pointer, message }) => ({ pointer, message }))).toStrictEqual([
      { pointer: '/usagePlans/free/quota/period', message: 'must be one of "DAY", "WEEK", "MONTH" (got "YEAR")' },
    ]);
  });

  it('a config that throws is a config error naming the file', async () => {
    const cwd = project({ 'apigw-gen.config.ts': `throw new Error('no stages today');\nexport default {};\n` });
    await expect(loadConfig({ cwd })).rejects.toThrow(/apigw-gen\.config\.ts.*running it failed: no stages today/s);
  });

  it('the built CLI runs generate from a TypeScript config in a parent folder, every time (no no-op record)', () => {
    const document = join(fixturesRoot, 'valid/rest-lambda-proxy.yaml');
    const cwd = project({
      'apigw-gen.config.ts': `import { defineConfig } from 'apigw-gen';
export default defineConfig({ targets: [{ type: 'mock', document: ${JSON.stringify(document)}, out: 'build/api.mock.yaml' }] });
`,
      'services/orders/.keep': '',
    });
    const generate = () =>
      spawnSync(process.execPath, [join(repoRoot, 'bin/apigw-gen.js'), 'generate'], {
        cwd: join(cwd, 'services/orders'),
        encoding: 'utf8',
      });
    const first = generate();
    expect(first.status, `${first.stderr}`).toBe(0);
    expect(readFileSync(join(cwd, 'build/api.mock.yaml'), 'utf8')).toContain('x-amazon-apigateway-integration');
    const second = generate();
    expect(second.status, `${second.stderr}`).toBe(0);
    expect(second.stderr).not.toContain('unchanged since the last run');
  }, 60_000);
});

describe('the config file is found from the working folder upward', () => {
  it('in a parent folder, with its paths relative to itself', async () => {
    const root = project({
      'apigw-gen.config.yaml': 'targets:\n  - { type: cfn, document: api/openapi.yaml, out: infra/template.yaml }\n',
    });
    mkdirSync(join(root, 'services/orders/src'), { recursive: true });
    const { config, source } = await loadConfig({ cwd: join(root, 'services/orders/src') });
    expect(source?.file).toMatch(/apigw-gen\.config\.yaml$/);
    expect(config.targets[0]?.document).toBe(join(root, 'api/openapi.yaml'));
  });

  it('the nearest one wins', async () => {
    const root = project({
      'apigw-gen.config.yaml': 'stages: { outer: {} }\n',
      'inner/apigw-gen.config.mjs': 'export default { stages: { inner: {} } };\n',
    });
    expect((await loadConfig({ cwd: join(root, 'inner') })).config.stages.map((stage) => stage.name)).toStrictEqual(['inner']);
  });
});

describe('the JSON Schema published for editors (apigw-gen/config.schema.json)', () => {
  const published = JSON.parse(readFileSync(join(repoRoot, 'dist/apigw-gen.config.schema.json'), 'utf8')) as Record<string, unknown>;

  it('is exported by the package', () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { exports: Record<string, string> };
    expect(manifest.exports['./config.schema.json']).toBe('./dist/apigw-gen.config.schema.json');
  });

  it("accepts and refuses what apigw-gen's own check does", () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(published);
    const readmeExample = {
      stages: { prod: { tracingEnabled: true } },
      usagePlans: { free: { stages: ['prod'], quota: { limit: 1000, period: 'MONTH' } } },
    };
    expect(validate(readmeExample)).toBe(true);
    expect(validate({ usagePlans: { free: { quota: { limit: 1000, period: 'YEAR' } } } })).toBe(false);
    expect(validate({ stagez: {} })).toBe(false);
    // The same schema, but for apigw-gen's message keyword, which editors show as a description.
    expect(JSON.stringify(published).replaceAll('"description"', '"errorText"')).toContain(
      JSON.stringify(configSchema.properties.stages).slice(0, 200),
    );
  });
});
