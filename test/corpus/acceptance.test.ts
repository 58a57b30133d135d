import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import type { DiagnosticCode } from '../../src/diagnostics/codes.js';
import { DocumentError, UsageError } from '../../src/diagnostics/diagnostic.js';
import { planCfnTarget } from '../../src/targets/cfn/cfn-target.js';
import { planMockTarget } from '../../src/targets/mock/mock-target.js';
import { apiFor, checkApi, loadApi, validate, type CheckedApi, type LoadedApi } from '../../src/index.js';
import { runCfnLint, whichCfnLint } from '../support/cfn-lint.js';
import { corpusRoot } from '../support/paths.js';

/**
 * Issue 13's acceptance test: every real document of the corpus (fixtures/corpus/apigw and
 * general, sources in MANIFEST.tsv), with default flags, gets its SDK and its handlers; every REST
 * document gets a mock document that `validate` passes and a template cfn-lint passes (run once
 * over every template). Only documents broken as published are refused, for the outputs and with
 * the codes listed below. What the SDK and handlers generate does not depend on the flags (the
 * model is the same), and test/targets/sdk-corpus-compile.test.ts and
 * handlers-corpus-compile.test.ts compile those outputs for every corpus document.
 */

type Target = 'sdk' | 'handlers' | 'mock' | 'cfn';
const TARGETS: readonly Target[] = ['sdk', 'handlers', 'mock', 'cfn'];

const documents = ['apigw', 'general'].flatMap((folder) =>
  readdirSync(join(corpusRoot, folder))
    .filter((name) => /\.(ya?ml|json)$/.test(name))
    .sort()
    .map((name) => ({ id: `${folder}/${name}`, path: join(corpusRoot, folder, name) })),
);

const EVERY = (codes: DiagnosticCode[]) => ({ sdk: codes, handlers: codes, mock: codes, cfn: codes });
const FOR_API_GATEWAY = (codes: DiagnosticCode[]) => ({ mock: codes, cfn: codes });
const MODEL_NAMES = {
  targets: FOR_API_GATEWAY(['APIGW_MODEL_NAME_INVALID']),
  reason:
    'schema names that are not alphanumeric (Error_400): API Gateway imports every schema as a model and rejects the names; the SDK and handlers are generated with a warning',
};
const PATH_CHARACTERS = {
  targets: FOR_API_GATEWAY(['APIGW_PATH_SEGMENT_INVALID']),
  reason:
    'path characters API Gateway rejects (a parameter that is not a whole segment); the SDK and handlers are generated with a warning',
};

/** Documents broken as published: the outputs each is refused, with the error codes, and why. */
const REFUSED: Record<string, { targets: Partial<Record<Target, DiagnosticCode[]>>; reason: string }> = {
  'apigw/aws-samples__amazon-api-gateway-url-shortener__api.yaml': {
    targets: EVERY(['APIGW_OPENAPI_SCHEMA', 'APIGW_SECURITY_SCHEME_UNDEFINED']),
    reason:
      'a security requirement "UserAuthorizer" it never defines (the SAM template adds it); its Swagger 2.0 response headers (`type` without `schema`) are warnings listed with it',
  },
  'apigw/aws-samples__serverless-patterns__apigw-direct-s3-lambda-dotnet_template__RestApi.yaml': {
    targets: EVERY(['APIGW_REF_NOT_FOUND']),
    reason: '`$ref: #/components/schemas/Empty` with no such schema in the document',
  },
  'apigw/aws-samples__serverless-patterns__private-apigw-custom-domain_template__PrivateApi.yaml': {
    targets: EVERY(['APIGW_REF_NOT_FOUND']),
    reason: '`$ref: #/components/schemas/Empty` with no such schema in the document',
  },
  'apigw/aws-samples__serverless-samples__fargate-private-api_javascript-private-nlb-ecs-sam_swagger.yaml': {
    targets: FOR_API_GATEWAY(['APIGW_RESPONSE_PARAMETER_MAPPING']),
    reason: "a response mapping value that is several quoted literals ('Content-Type', 'Authorization', …), which API Gateway rejects",
  },
  'apigw/aws__aws-sam-cli__tests_integration_testdata_start_api_swagger-template-http-api__MyHttpApi.yaml': {
    targets: {
      sdk: ['APIGW_DUPLICATE_OPERATION_ID'],
      handlers: ['APIGW_DUPLICATE_OPERATION_ID'],
      cfn: ['APIGW_DUPLICATE_OPERATION_ID', 'APIGW_INTEGRATION_URI_MISSING', 'APIGW_LAMBDA_HTTP_METHOD', 'APIGW_PAYLOAD_FORMAT_VERSION'],
      mock: ['APIGW_DUPLICATE_OPERATION_ID', 'APIGW_INTEGRATION_URI_MISSING', 'APIGW_LAMBDA_HTTP_METHOD', 'APIGW_PAYLOAD_FORMAT_VERSION'],
    },
    reason:
      'a SAM CLI test document: two operations share the operationId OperationNameShouldNotAppear; for API Gateway, Lambda integrations with GET, without uri and without payloadFormatVersion',
  },
  'apigw/aws__serverless-application-model__tests_translator_output_api_with_any_method_in_swagger__MyApi.json': {
    targets: EVERY(['APIGW_AUTHORIZER_FIELD_MISSING', 'APIGW_IDENTITY_SOURCE']),
    reason:
      'a SAM translator test: a REST API (AWS::ApiGateway::RestApi) whose body has more HTTP API features ($default route, isDefaultRoute, payloadFormatVersion) than REST ones, so it is read as an HTTP API, where its REST authorizer is wrong; --api-kind rest takes it',
  },
  'apigw/aws__serverless-application-model__tests_translator_output_api_with_cors_and_only_maxage__ExplicitApi.json': {
    targets: FOR_API_GATEWAY(['APIGW_RESPONSE_PARAMETER_MAPPING']),
    reason:
      "a SAM translator test: the CORS preflight's Access-Control-Max-Age mapping is the number 600, not a quoted literal ('600'); the SDK and handlers are generated with a warning",
  },
  'general/apisguru__adyen.com__RecurringService__68.yaml': {
    targets: EVERY(['APIGW_OPENAPI_SCHEMA']),
    reason: 'an OpenAPI 3.1 document with a root field OpenAPI 3.1 does not define',
  },
  'general/apisguru__amadeus.com__2.2.0.yaml': MODEL_NAMES,
  'general/apisguru__amazonaws.com__lambda__2014-11-11.yaml': PATH_CHARACTERS,
  'general/apisguru__lgtm.com__v1.0.yaml': MODEL_NAMES,
  'general/apisguru__meshery.local__0.4.27.yaml': MODEL_NAMES,
  'general/apisguru__mozilla.com__kinto__1.22.yaml': {
    targets: FOR_API_GATEWAY(['APIGW_PATH_SEGMENT_INVALID']),
    reason:
      'path templates with regular expressions (`{api_ver:\\d+}`), which API Gateway rejects; declared by the same names, the parameters match their segments, so the SDK and handlers are generated with a warning',
  },
  'general/apisguru__nexmo.com__verify__1.1.7.yaml': MODEL_NAMES,
  'general/apisguru__nytimes.com__most_popular_api__2.0.0.yaml': PATH_CHARACTERS,
  'general/apisguru__twilio.com__twilio_sync_v1__1.29.2.yaml': MODEL_NAMES,
  'general/apisguru__windows.net__graphrbac__1.6.yaml': PATH_CHARACTERS,
};

/**
 * Documents whose Lambda functions are chosen by stage variables: `cfn` needs the variables'
 * values, which no document holds, so without a config file it asks for one (exit 2) instead of
 * writing a template whose permissions name no function.
 */
const NEEDS_CONFIG: Record<string, string> = {
  'apigw/awslabs__aws-serverless-express__examples_basic-starter_simple-proxy-api.yaml':
    'functions named by ${stageVariables.ServerlessExpressLambdaFunctionName}',
};

/** Each document checked once, and its API as each output sees it (or the error codes that stop that output). */
const outcomes = new Map<
  string,
  { checked: CheckedApi; apis: Partial<Record<Target, LoadedApi>>; refused: Partial<Record<Target, string[]>> }
>();

beforeAll(async () => {
  for (const document of documents) {
    const checked = await checkApi(document.path, { locate: false });
    const apis: Partial<Record<Target, LoadedApi>> = {};
    const refused: Partial<Record<Target, string[]>> = {};
    for (const target of TARGETS) {
      try {
        apis[target] = apiFor(checked, { target });
      } catch (error) {
        if (!(error instanceof DocumentError)) throw error;
        refused[target] = [...new Set(error.diagnostics.filter(({ severity }) => severity === 'error').map(({ code }) => code))].sort();
      }
    }
    outcomes.set(document.id, { checked, apis, refused });
  }
});

describe('every corpus document with default flags', () => {
  it('covers the corpus', () => {
    expect(documents.length).toBeGreaterThan(80);
    for (const id of Object.keys(REFUSED)) expect(outcomes.has(id)).toBe(true);
  });

  it('is refused only when broken as published: exactly the listed documents, outputs and codes', () => {
    const actual = Object.fromEntries(
      [...outcomes].filter(([, { refused }]) => Object.keys(refused).length > 0).map(([id, { refused }]) => [id, refused]),
    );
    const expected = Object.fromEntries(
      Object.entries(REFUSED).map(([id, { targets }]) => [
        id,
        Object.fromEntries(TARGETS.filter((target) => targets[target]).map((target) => [target, [...targets[target]!].sort()])),
      ]),
    );
    expect(actual).toStrictEqual(expected);
  });

  it.each(documents.map(({ id }) => id))('%s: the SDK and handlers are built from the same model as with --lenient', async (id) => {
    const { apis } = outcomes.get(id)!;
    const lenient = await loadApi(documents.find((document) => document.id === id)!.path, { lenient: true, locate: false });
    for (const target of ['sdk', 'handlers'] as const) {
      if (REFUSED[id]?.targets[target]) continue;
      expect(apis[target]!.model).toStrictEqual(lenient.model);
    }
  });
});

describe('mock on every REST document', () => {
  it('writes a document validate passes; HTTP APIs, which have no MOCK integrations, are told so', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-acceptance-mock-'));
    const failures: string[] = [];
    const told: Record<string, string> = {};
    let mocked = 0;
    for (const [index, { id, path }] of documents.entries()) {
      const { checked, apis } = outcomes.get(id)!;
      const api = apis.mock;
      if (!api) continue;
      const out = join(folder, `m${index}.json`);
      let plan;
      try {
        plan = planMockTarget(api, { document: path, out }, () => {});
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        told[id] = `${checked.apiKind.kind}: ${error.message}`;
        continue;
      }
      if (plan.output.kind !== 'file') throw new Error('mock writes one file');
      writeFileSync(out, plan.output.contents);
      const result = await validate(out);
      if (!result.valid)
        failures.push(
          `${id}: ${result.diagnostics
            .filter(({ severity }) => severity === 'error')
            .map(({ code, pointer }) => `${code} ${pointer}`)
            .join(', ')}`,
        );
      mocked++;
    }
    expect(failures).toStrictEqual([]);
    expect(mocked).toBeGreaterThan(50);
    // Every HTTP API, and only they, is told why (exit 2 from the CLI).
    const httpApis = [...outcomes].filter(([, { checked, apis }]) => apis.mock && checked.apiKind.kind === 'http').map(([id]) => id);
    expect(Object.keys(told).sort()).toStrictEqual(httpApis.sort());
    for (const message of Object.values(told)) expect(message).toMatch(/^http: HTTP APIs have no MOCK integrations/);
  });
});

describe('cfn on every document', () => {
  it('writes templates cfn-lint passes with no error and no warning, in one run', async () => {
    const cfnLint = whichCfnLint();
    expect(
      cfnLint,
      'cfn-lint is not on PATH; it comes with the machine image (/root/.pyenv/shims/cfn-lint, 1.5x). Run the tests where it is installed.',
    ).toBeDefined();
    const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-acceptance-cfn-'));
    const config = await loadConfig({ cwd: mkdtempSync(join(tmpdir(), 'apigw-gen-acceptance-config-')) });
    const files: string[] = [];
    const ids: string[] = [];
    const needingConfig: Record<string, string> = {};
    for (const [index, { id, path }] of documents.entries()) {
      const api = outcomes.get(id)!.apis.cfn;
      if (!api) continue;
      const out = join(folder, `t${index}.yaml`);
      let plan;
      try {
        plan = planCfnTarget(api, config, { document: path, out }, () => {});
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        needingConfig[id] = error.message;
        continue;
      }
      if (plan.output.kind !== 'file') throw new Error('cfn writes one file');
      writeFileSync(out, plan.output.contents);
      files.push(out);
      ids[index] = id;
    }
    expect(Object.keys(needingConfig).sort()).toStrictEqual(Object.keys(NEEDS_CONFIG).sort());
    for (const id of Object.keys(NEEDS_CONFIG))
      expect(needingConfig[id]).toMatch(/^the document needs a config file:\n.*needs the stage variable/);
    expect(files.length).toBeGreaterThan(60);
    const matches = await runCfnLint(cfnLint!, files);
    expect(
      matches
        .filter((match) => match.Level === 'Error' || match.Level === 'Warning')
        .filter((match) => !falsePositive(match))
        .map((match) => `${ids[Number(/t(\d+)\.yaml$/.exec(match.Filename)?.[1])]}: ${match.Rule.Id} ${match.Message}`),
    ).toStrictEqual([]);
  });
});

/**
 * cfn-lint's W2501 reads any property named like "password" as a secret that should come from a
 * NoEcho parameter; inside the API's Body, a schema named Password is a type (SoundCloud's
 * `components.schemas.Password`), not a value.
 */
function falsePositive(match: { Rule: { Id: string }; Message: string }): boolean {
  return match.Rule.Id === 'W2501' && /on Resources\/RestApi\/Properties\/Body\/components\/schemas\/[^/]+$/.test(match.Message);
}
