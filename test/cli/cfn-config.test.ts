import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { yamlSchema } from '../../src/load/cloudformation-tags.js';
import { fixturesRoot, repoRoot } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

/**
 * `apigw-gen cfn` with config files: a bad config is a usage error (exit 2) that names the file,
 * the key and its line, and nothing is written; the config is found in the working directory;
 * the template file is written only when apigw-gen wrote it before, and only when it changes.
 */

const document = join(fixturesRoot, 'valid/rest-lambda-proxy.yaml');
const bin = join(repoRoot, 'bin/apigw-gen.js');

const STAGES = 'stages:\n  prod:\n    variables: { alias: live }\n  beta:\n    variables: { alias: beta }\n';

describe('cfn with a bad config', () => {
  it.each([
    [
      'a usage plan naming an unknown stage',
      `${STAGES}usagePlans:\n  free:\n    stages: [prod, staging]\n`,
      '/usagePlans/free/stages/1',
      8,
      'names the unknown stage "staging"; stages are "beta", "prod"',
    ],
    [
      'a quota period of YEAR',
      `${STAGES}usagePlans:\n  free:\n    stages: [prod]\n    quota: { limit: 10, period: YEAR }\n`,
      '/usagePlans/free/quota/period',
      9,
      'must be one of "DAY", "WEEK", "MONTH" (got "YEAR")',
    ],
    [
      'a cache cluster size of 2',
      'stages:\n  prod:\n    variables: { alias: live }\n    cacheClusterSize: 2\n',
      '/stages/prod/cacheClusterSize',
      4,
      'must be one of the cache sizes in GB',
    ],
    [
      'a canary with 150 percent of the traffic',
      'stages:\n  prod:\n    variables: { alias: live }\n    canarySetting: { percentTraffic: 150 }\n',
      '/stages/prod/canarySetting/percentTraffic',
      4,
      'must be <= 100 (got 150)',
    ],
    [
      '101 stage variables',
      `stages:\n  prod:\n    variables:\n      alias: live\n${Array.from({ length: 100 }, (_, index) => `      v${index}: x\n`).join('')}`,
      '/stages/prod/variables',
      3,
      'has 101 entries; at most 100 are allowed',
    ],
    [
      'a method the document does not have',
      'stages:\n  prod:\n    variables: { alias: live }\n    methodSettings:\n      /book/GET: { metricsEnabled: true }\n',
      '/stages/prod/methodSettings/~1book~1GET',
      5,
      'names the path /book, which the document does not have (did you mean /books?)',
    ],
    [
      'a stage without the variable that picks a function',
      'stages:\n  prod: {}\n',
      '/stages/prod/variables',
      2,
      'stage "prod" needs the stage variable "alias"',
    ],
  ])('%s: exit 2, file, key and line named, nothing written', async (_name, config, pointer, line, message) => {
    const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-cfn-config-'));
    writeFileSync(join(folder, 'deploy.yaml'), config);
    const template = join(folder, 'template.yaml');
    const result = await runCli(['cfn', document, '-o', template, '--config', join(folder, 'deploy.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`deploy.yaml:${line}:`);
    expect(result.stderr).toContain(`  ${pointer}: ${message}`);
    expect(result.stderr).toMatch(/^apigw-gen: invalid config \S*deploy\.yaml \(1 problem\):\n/);
    expect(readdirSync(folder)).toStrictEqual(['deploy.yaml']);
  });

  it('a config file named but missing is a usage error', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-cfn-config-'));
    const result = await runCli(['cfn', document, '-o', join(folder, 't.yaml'), '--config', join(folder, 'nope.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/nope\.yaml.*Cannot read .*nope\.yaml: no such file/);
    expect(readdirSync(folder)).toStrictEqual([]);
  });
});

describe('cfn finds the config and owns its template', () => {
  it('reads apigw-gen.config.yaml from the working directory (the real bin)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-cfn-cwd-'));
    writeFileSync(join(folder, 'apigw-gen.config.yaml'), `${STAGES}usagePlans:\n  free:\n    stages: [beta]\n    apiKeys: [alice]\n`);
    await promisify(execFile)(process.execPath, [bin, 'cfn', document, '-o', 'template.yaml'], { cwd: folder });
    const template = jsYaml.load(readFileSync(join(folder, 'template.yaml'), 'utf8'), { schema: yamlSchema }) as {
      Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
    };
    const stages = Object.values(template.Resources).filter((resource) => resource.Type === 'AWS::ApiGateway::Stage');
    expect(stages.map((stage) => stage.Properties.StageName)).toStrictEqual(['beta', 'prod']);
    expect(template.Resources.UsagePlanFree?.Properties.ApiStages).toStrictEqual([
      { ApiId: { Ref: 'RestApi' }, Stage: { Ref: 'StageBeta' } },
    ]);
    // One permission per function, the catalog function once per stage.
    const functions = Object.values(template.Resources)
      .filter((resource) => resource.Type === 'AWS::Lambda::Permission')
      .map((resource) => JSON.stringify(resource.Properties.FunctionName));
    expect(functions).toStrictEqual([
      '{"Ref":"BooksFunctionArn"}',
      '{"Fn::Sub":"arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:bookstore-books"}',
      '"arn:aws:lambda:us-east-1:123456789012:function:catalog-beta"',
      '"arn:aws:lambda:us-east-1:123456789012:function:catalog-live"',
    ]);
  });

  it('never overwrites a file it did not write; rewrites its own only when it changes, in either format', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-cfn-own-'));
    const config = join(folder, 'apigw-gen.config.yaml');
    writeFileSync(config, STAGES);
    const template = join(folder, 'template.yaml');
    writeFileSync(template, 'Resources: {}\n');
    const refused = await runCli(['cfn', document, '-o', template, '--config', config]);
    expect(refused).toStrictEqual({
      code: 2,
      stdout: '',
      stderr: `apigw-gen: ${template} exists and was not generated by apigw-gen; move it away or choose another output file.\n`,
    });
    expect(readFileSync(template, 'utf8')).toBe('Resources: {}\n');

    const own = join(folder, 'own.yaml');
    expect((await runCli(['cfn', document, '-o', own, '--config', config])).stderr).toBe(`apigw-gen cfn: ${own}: written\n`);
    const old = new Date('2020-01-01T00:00:00Z');
    utimesSync(own, old, old);
    expect((await runCli(['cfn', document, '-o', own, '--config', config])).stderr).toBe(`apigw-gen cfn: ${own}: unchanged\n`);
    expect(statSync(own).mtime.toISOString()).toBe(old.toISOString());

    // Its own YAML may become JSON and back; a changed config rewrites it.
    expect((await runCli(['cfn', document, '-o', own, '--config', config, '--format', 'json'])).code).toBe(0);
    expect(JSON.parse(readFileSync(own, 'utf8'))).toMatchObject({ Metadata: { 'apigw-gen': { generatedFrom: 'rest-lambda-proxy.yaml' } } });
    writeFileSync(config, 'stages:\n  live:\n    variables: { alias: live }\n');
    expect((await runCli(['cfn', document, '-o', own, '--config', config])).code).toBe(0);
    expect(readFileSync(own, 'utf8')).toMatch(/^# Generated by apigw-gen from rest-lambda-proxy\.yaml[^\n]*\n[\s\S]*StageName: live\n/);
    expect(readdirSync(folder).sort()).toStrictEqual(['apigw-gen.config.yaml', 'own.yaml', 'template.yaml']);
  });

  it('writes JSON for a .json file, and refuses a folder as the template', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-cfn-json-'));
    const config = join(folder, 'c.json');
    writeFileSync(config, JSON.stringify({ stages: { prod: { variables: { alias: 'live' } } } }));
    expect((await runCli(['cfn', document, '-o', join(folder, 't.json'), '--config', config])).code).toBe(0);
    expect(readFileSync(join(folder, 't.json'), 'utf8')).toMatch(/^\{\n {2}"AWSTemplateFormatVersion": "2010-09-09",/);
    const refused = await runCli(['cfn', document, '-o', folder, '--config', config]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`apigw-gen: ${folder} is a folder; name the file to write.\n`);
  });
});
