import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cfn, DocumentError, type CfnOptions } from '../../src/index.js';
import { fixturesRoot } from '../support/paths.js';

const document = join(fixturesRoot, 'valid/rest-integrations.yaml');

describe('cfn()', () => {
  it('with dryRun, returns the template and writes nothing', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'apigw-gen-lib-cfn-'));
    const out = join(cwd, 'template.json');
    const options: CfnOptions = { document, out, cwd, dryRun: true };
    const run = await cfn(options);
    expect(existsSync(out), `the template after a dry run`).toBe(false);
    const template = JSON.parse(run.files[0]!.contents) as { Resources: Record<string, { Type: string }> };
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-restapi.html
    expect(
      Object.values(template.Resources).map((resource) => resource.Type),
      `resource types`,
    ).toContain('AWS::ApiGateway::RestApi');
  });

  it('writes the template, YAML unless the file is .json', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'apigw-gen-lib-cfn-'));
    const out = join(cwd, 'template.yaml');
    const run = await cfn({ document, out, cwd });
    expect(readFileSync(out, 'utf8'), `the written template`).toBe(run.files[0]!.contents);
    expect(run.files[0]!.contents, `a YAML template`).toMatch(/^AWSTemplateFormatVersion: /m);
    expect(run.report, `report`).toEqual([`${out}: written`]);
  });

  it('throws a DocumentError for a document with errors', async () => {
    const bad = join(fixturesRoot, 'invalid/APIGW_AUTHORIZER_FIELD_MISSING.yaml');
    const cwd = mkdtempSync(join(tmpdir(), 'apigw-gen-lib-cfn-'));
    await expect(cfn({ document: bad, out: join(cwd, 't.yaml'), cwd }), `cfn() of a bad document`).rejects.toBeInstanceOf(DocumentError);
    expect(existsSync(join(cwd, 't.yaml')), `template of a bad document`).toBe(false);
  });
});
