import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConfigForApi } from '../../../src/config/check-config-for-api.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { loadApi } from '../../../src/index.js';
import { buildCfnTemplate } from '../../../src/targets/cfn/build-template.js';
import { fixturesRoot, repoRoot } from '../../support/paths.js';

/** The README's config example is a valid config for the bookstore fixture, and its error example is what apigw-gen prints. */

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('#### The config file'));
const example = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
const errorExample = /```\n(apigw-gen: invalid config[\s\S]*?)```/.exec(section)![1]!;

function folderWith(text: string): string {
  const cwd = mkdtempSync(join(tmpdir(), 'apigw-gen-readme-config-'));
  writeFileSync(join(cwd, 'apigw-gen.config.yaml'), text);
  return cwd;
}

describe("the README's config example", () => {
  it('configures the bookstore API without a problem', async () => {
    const loaded = await loadConfig({ cwd: folderWith(example) });
    const { model, document } = await loadApi(join(fixturesRoot, 'valid/rest-lambda-proxy.yaml'));
    expect(checkConfigForApi(loaded, model)).toStrictEqual([]);
    const { template, warnings } = buildCfnTemplate(model, { document, config: loaded.config, documentName: 'openapi.yaml' });
    expect(warnings).toStrictEqual([]);
    expect(Object.keys(template.Resources).filter((id) => /^(Stage|UsagePlan|ApiKey)[A-Z]/.test(id))).toStrictEqual([
      'ApiKeyAlice',
      'ApiKeyPartner',
      'StageBeta',
      'StageProd',
      'UsagePlanFree',
      'UsagePlanKeyFreeAlice',
      'UsagePlanKeyFreePartner',
    ]);
    // The function the config maps to another stack's export is invoked, and permitted, through it.
    expect(template.Resources.PermissionBooksFunction?.Properties).toMatchObject({
      FunctionName: { 'Fn::ImportValue': 'shared-BooksFunctionArn' },
    });
    expect(JSON.stringify(template.Resources.RestApi)).toContain('{"BooksFunctionArn":{"Fn::ImportValue":"shared-BooksFunctionArn"}}');
  });

  it('gives the error the README shows when the quota period is YEAR', async () => {
    const cwd = folderWith(example.replace('period: MONTH', 'period: YEAR'));
    await expect(loadConfig({ cwd })).rejects.toThrow(
      errorExample
        .replace(/^apigw-gen: /, '')
        .replaceAll('apigw-gen.config.yaml', join(cwd, 'apigw-gen.config.yaml'))
        .trimEnd(),
    );
  });
});
