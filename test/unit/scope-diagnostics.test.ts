import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnosticCatalog, OUTPUTS, type CodeInfo, type DiagnosticCode } from '../../src/diagnostics/codes.js';
import { DocumentError } from '../../src/diagnostics/diagnostic.js';
import { formatHuman } from '../../src/diagnostics/format-diagnostics.js';
import { generate, loadApi, validate } from '../../src/index.js';
import { repoRoot } from '../support/paths.js';

/**
 * A finding stops only the outputs it makes wrong (issue 13, section 1): API Gateway's import
 * rules that a client or a handler does not depend on are warnings for `sdk` and `handlers` and
 * errors for `validate`, `mock` and `cfn`; a document with no `x-amazon-apigateway-*` extension
 * gets its SDK and handlers without API Gateway findings.
 */

const modelNames = join(repoRoot, 'fixtures/specs/invalid/APIGW_MODEL_NAME_INVALID.yaml');
const duplicateParameter = join(repoRoot, 'fixtures/specs/invalid/APIGW_DUPLICATE_PARAMETER.yaml');
/** A third-party API (APIs-guru), with no API Gateway extension, whose schema names API Gateway refuses (`Error_400`). */
const thirdParty = join(repoRoot, 'fixtures/corpus/general/apisguru__amadeus.com__2.2.0.yaml');

async function refusal(path: string, target: (typeof OUTPUTS)[number]): Promise<string[] | undefined> {
  try {
    await loadApi(path, { target });
    return undefined;
  } catch (error) {
    if (!(error instanceof DocumentError)) throw error;
    return error.diagnostics.filter(({ severity }) => severity === 'error').map(({ code }) => code);
  }
}

describe('the catalogue says which outputs each code stops', () => {
  it('every error stops validate, mock and cfn, whose output is what API Gateway imports', () => {
    for (const info of Object.values(diagnosticCatalog) as CodeInfo[]) {
      expect(info.blocks).toEqual(expect.arrayContaining(['validate', 'mock', 'cfn']));
    }
  });

  it('the import rules the issue names do not stop sdk and handlers; broken OpenAPI stops everything', () => {
    const stops = (code: DiagnosticCode) => diagnosticCatalog[code].blocks;
    for (const code of ['APIGW_MODEL_NAME_INVALID', 'APIGW_PATH_SEGMENT_INVALID', 'APIGW_ROOT_SECURITY_IGNORED'] as const) {
      expect(stops(code)).toStrictEqual(['validate', 'mock', 'cfn']);
    }
    for (const code of ['APIGW_OPENAPI_SCHEMA', 'APIGW_REF_NOT_FOUND', 'APIGW_DUPLICATE_PARAMETER'] as const) {
      expect(stops(code)).toStrictEqual(OUTPUTS);
    }
  });
});

describe('each output decides from the codes of the errors', () => {
  it('a model name API Gateway refuses stops mock and cfn, and is a warning for sdk and handlers', async () => {
    expect(await refusal(modelNames, 'mock')).toStrictEqual(['APIGW_MODEL_NAME_INVALID']);
    expect(await refusal(modelNames, 'cfn')).toStrictEqual(['APIGW_MODEL_NAME_INVALID']);
    for (const target of ['sdk', 'handlers'] as const) {
      const api = await loadApi(modelNames, { target });
      expect(api.diagnostics.map(({ code, severity }) => `${severity} ${code}`)).toStrictEqual(['warning APIGW_MODEL_NAME_INVALID']);
      expect(api.model.operations.length).toBeGreaterThan(0);
    }
  });

  it('a duplicate parameter stops every output', async () => {
    for (const target of OUTPUTS) expect(await refusal(duplicateParameter, target)).toContain('APIGW_DUPLICATE_PARAMETER');
  });

  it('validate shows, per error, what it stops (json and human)', async () => {
    const result = await validate(modelNames);
    expect(result.diagnostics.map(({ code, blocks }) => [code, blocks])).toStrictEqual([
      ['APIGW_MODEL_NAME_INVALID', ['validate', 'mock', 'cfn']],
    ]);
    expect(formatHuman(result.diagnostics, { color: false })).toContain('\n  blocks: validate, mock, cfn; a warning for sdk, handlers\n');
    const duplicate = await validate(duplicateParameter);
    expect(formatHuman(duplicate.diagnostics, { color: false })).toContain('\n  blocks: every output\n');
  });

  it('generate decides per target: the sdk target of a document generates, its mock target stops the run', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'apigw-gen-scope-'));
    const sdk = { type: 'sdk', document: modelNames, out: join(cwd, 'client') };
    writeFileSync(join(cwd, 'apigw-gen.config.json'), JSON.stringify({ targets: [sdk] }));
    const run = await generate({ cwd });
    expect(run.warnings.get(modelNames)?.map(({ code }) => code)).toStrictEqual(['APIGW_MODEL_NAME_INVALID']);
    expect(existsSync(join(cwd, 'client/src/client.gen.ts'))).toBe(true);

    const mock = { type: 'mock', document: modelNames, out: join(cwd, 'mock.yaml') };
    writeFileSync(join(cwd, 'apigw-gen.config.json'), JSON.stringify({ targets: [sdk, mock] }));
    const refused = await generate({ cwd }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DocumentError);
    expect((refused as DocumentError).diagnostics.map(({ code, severity }) => `${severity} ${code}`)).toStrictEqual([
      'error APIGW_MODEL_NAME_INVALID',
    ]);
    expect(existsSync(join(cwd, 'mock.yaml'))).toBe(false);
  });

  it('--lenient still generates whatever the errors', async () => {
    const api = await loadApi(duplicateParameter, { target: 'sdk', lenient: true });
    expect(api.diagnostics.some(({ code, severity }) => code === 'APIGW_DUPLICATE_PARAMETER' && severity === 'warning')).toBe(true);
  });
});

describe('a document written for another server', () => {
  it('gets its SDK and handlers without API Gateway findings', async () => {
    const validated = await validate(thirdParty);
    expect(validated.diagnostics.filter(({ code }) => (diagnosticCatalog[code] as CodeInfo).apiGateway).length).toBeGreaterThan(5);
    for (const target of ['sdk', 'handlers'] as const) {
      const { diagnostics } = await loadApi(thirdParty, { target });
      expect(diagnostics.filter(({ code }) => (diagnosticCatalog[code] as CodeInfo).apiGateway)).toStrictEqual([]);
    }
  });

  it('still gets them where the output goes to API Gateway', async () => {
    expect(await refusal(thirdParty, 'mock')).toContain('APIGW_MODEL_NAME_INVALID');
    expect(await refusal(thirdParty, 'cfn')).toContain('APIGW_MODEL_NAME_INVALID');
  });

  it('a document with one API Gateway extension keeps them', async () => {
    const { diagnostics } = await loadApi(modelNames, { target: 'sdk' });
    expect(diagnostics.map(({ code }) => code)).toContain('APIGW_MODEL_NAME_INVALID');
  });
});
