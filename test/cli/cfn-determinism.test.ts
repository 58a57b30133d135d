import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { corpusRoot, fixturesRoot, repoRoot } from '../support/paths.js';

/**
 * Two runs of `apigw-gen cfn`, as separate processes, write byte-identical templates. The second
 * run has another working directory, time zone and locale, which must not show in the output.
 */

const bin = join(repoRoot, 'bin/apigw-gen.js');

const CONFIG = `stages:
  prod:
    variables: { alias: live, stage: prod }
    canarySetting: { percentTraffic: 5, stageVariableOverrides: { alias: canary } }
  beta:
    variables: { alias: beta, stage: beta }
usagePlans:
  free: { stages: [beta, prod], apiKeys: [alice, bob], quota: { limit: 10, period: DAY } }
  gold: { stages: [prod], apiKeys: [carol] }
`;

const documents = [
  join(fixturesRoot, 'valid/cfn-values.yaml'),
  join(fixturesRoot, 'valid/rest-lambda-proxy.yaml'),
  join(fixturesRoot, 'valid/http-api.yaml'),
  // Conditions (Fn::If), Fn::Sub with variables and Fn::GetAtt from the template it was written for.
  join(corpusRoot, 'apigw/aws-samples__amazon-api-gateway-url-shortener__api.yaml'),
];

describe('cfn output is deterministic', () => {
  it('across processes, working directories, time zones and locales, in YAML and JSON', async () => {
    const root = mkdtempSync(join(tmpdir(), 'apigw-gen-cfn-determinism-'));
    const config = join(root, 'apigw-gen.config.yaml');
    writeFileSync(config, CONFIG);
    const elsewhere = mkdtempSync(join(tmpdir(), 'apigw-gen-cfn-cwd-'));
    const environments = [
      { cwd: repoRoot, env: { ...process.env, TZ: 'UTC', LC_ALL: 'C' } },
      { cwd: elsewhere, env: { ...process.env, TZ: 'Pacific/Kiritimati', LC_ALL: 'tr_TR.UTF-8', LANG: 'tr_TR.UTF-8' } },
    ];
    const runs = documents.flatMap((document, index) =>
      ['yaml', 'json'].flatMap((format) =>
        environments.map(async ({ cwd, env }, run) => {
          const out = join(root, `${index}-${run}.${format}`);
          const args = [bin, 'cfn', document, '-o', out, '--config', config, '--lenient'];
          await promisify(execFile)(process.execPath, args, { cwd, env });
          return readFileSync(out);
        }),
      ),
    );
    const outputs = await Promise.all(runs);
    expect(outputs).toHaveLength(16);
    for (let index = 0; index < outputs.length; index += 2) {
      expect(outputs[index]!.length).toBeGreaterThan(1000);
      expect(outputs[index + 1]!.equals(outputs[index]!)).toBe(true);
    }
  });
});
