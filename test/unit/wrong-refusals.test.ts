import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadApi, validate } from '../../src/index.js';
import { repoRoot } from '../support/paths.js';

/**
 * Documents AWS itself deploys that apigw-gen refused (issue 13, section 2). Each fixture under
 * fixtures/specs/refusals/ failed `validate` (and every generator) before, and is taken now, with
 * the model each generator reads built as API Gateway reads the document.
 */

const fixture = (name: string) => join(repoRoot, 'fixtures/specs/refusals', name);

/** `severity CODE` of each finding that is not a note. */
async function findings(name: string, options: Parameters<typeof validate>[1] = {}): Promise<string[]> {
  const { diagnostics } = await validate(fixture(name), options);
  return diagnostics.filter(({ severity }) => severity !== 'info').map(({ severity, code }) => `${severity} ${code}`);
}

describe("SAM's NONE security requirement", () => {
  // SAM writes `{ "NONE": [] }` for `Auth: { Authorizer: NONE }`: the translator's own output
  // (aws/serverless-application-model tests/translator/output/state_machine_with_api_authorizer_maximum.json,
  // vendored as fixtures/corpus/apigw/aws__serverless-application-model__…_state_machine_with_api_authorizer_maximum__MyApi.json)
  // and https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-apifunctionauth.html
  it('is no authorization, not an undefined scheme', async () => {
    expect(await findings('sam-none-security.json')).toStrictEqual([]);
    const { model } = await loadApi(fixture('sam-none-security.json'), { target: 'sdk' });
    const security = Object.fromEntries(model.operations.map((operation) => [operation.path, operation.security]));
    expect(security['/open']).toStrictEqual([{ schemes: [] }]);
    expect(security['/public']).toStrictEqual([{ schemes: [] }, { schemes: [{ name: 'api_key', kind: 'apiKey', scopes: [] }] }]);
  });

  it('the SAM translator output that uses it is taken', async () => {
    const document = join(
      repoRoot,
      'fixtures/corpus/apigw/aws__serverless-application-model__tests_translator_output_state_machine_with_api_authorizer_maximum__MyApi.json',
    );
    expect((await validate(document)).valid).toBe(true);
  });
});

describe('oauth2 and openIdConnect schemes without flows, as HTTP API JWT authorizers use them', () => {
  // The developer guide's HTTP API example defines its JWT authorizer on `type: oauth2` without
  // `flows`: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-open-api.html
  // (fixtures/corpus/apigw/awsdocs__amazon-api-gateway-developer-guide__doc_source_http-api-open-api__block4.json).
  it('is one warning per scheme (other OpenAPI tools reject it), not contradicting errors', async () => {
    expect(await findings('jwt-schemes-without-flows.yaml')).toStrictEqual([
      'warning APIGW_OPENAPI_SCHEMA',
      'warning APIGW_OPENAPI_SCHEMA',
    ]);
    const { model } = await loadApi(fixture('jwt-schemes-without-flows.yaml'), { target: 'sdk' });
    expect(model.securitySchemes.map(({ name, kind }) => `${name} ${kind}`)).toStrictEqual(['jwt-oauth2 jwt', 'jwt-oidc jwt']);
  });

  it('a scheme without flows and without a JWT authorizer stays an error', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-refusals-'));
    const text = readFileSync(fixture('jwt-schemes-without-flows.yaml'), 'utf8').replace(
      / *x-amazon-apigateway-authorizer:[\s\S]*?us-east-1_abc123\n/g,
      '',
    );
    writeFileSync(join(folder, 'no-authorizer.yaml'), text);
    const { diagnostics } = await validate(join(folder, 'no-authorizer.yaml'));
    expect(diagnostics.filter(({ severity, code }) => severity === 'error' && code === 'APIGW_OPENAPI_SCHEMA').length).toBeGreaterThan(1);
  });
});

describe('path parameters API Gateway takes from the path', () => {
  // LocalStack's test_import_rest_api (tests/aws/services/apigateway/test_apigateway_import.py,
  // marked aws.validated) imports tests/aws/files/openapi.spec.pulumi.json into real API Gateway
  // with failOnWarnings=True: its `OPTIONS /{proxy+}` declares no `proxy` parameter. The import
  // documentation lists no such error:
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-import-api-errors-warnings.html
  it('undeclared, on OPTIONS, x-amazon-apigateway-any-method or any method: a warning each', async () => {
    expect(await findings('undeclared-path-parameters.json')).toStrictEqual([
      'warning APIGW_PATH_PARAMETER_MISMATCH',
      'warning APIGW_PATH_PARAMETER_MISMATCH',
      'warning APIGW_PATH_PARAMETER_MISMATCH',
    ]);
  });

  it('are in the model as required strings, in template order, for the client to fill in', async () => {
    const { model } = await loadApi(fixture('undeclared-path-parameters.json'), { target: 'sdk' });
    const pathParameters = Object.fromEntries(
      model.operations.map((operation) => [
        `${operation.method} ${operation.path}`,
        operation.parameters.path.map(({ name, required, greedy, schema }) => ({ name, required, greedy, type: schema.kind })),
      ]),
    );
    expect(pathParameters).toStrictEqual({
      'OPTIONS /{proxy+}': [{ name: 'proxy', required: true, greedy: true, type: 'string' }],
      'ANY /{proxy+}': [{ name: 'proxy', required: true, greedy: true, type: 'string' }],
      'ANY /pets/{petId}': [{ name: 'petId', required: true, greedy: false, type: 'string' }],
      'GET /owners/{ownerId}': [{ name: 'ownerId', required: true, greedy: false, type: 'string' }],
    });
  });
});

describe('info.version written as a YAML number', () => {
  it('is a warning that says how it is read', async () => {
    const { diagnostics } = await validate(fixture('info-version-number.yaml'));
    expect(diagnostics.map(({ severity, message }) => `${severity} ${message}`)).toStrictEqual([
      'warning info.version is the number 1, not a string: it is read as "1" (YAML reads 1.0 as the number 1). Quote it to keep the version as written.',
    ]);
    expect((await loadApi(fixture('info-version-number.yaml'), { target: 'sdk' })).model.version).toBe('1');
  });
});

describe('REST integration timeouts above 29 seconds', () => {
  // "You can raise the integration timeout to greater than 29 seconds for Regional REST APIs and
  // private REST APIs": https://aws.amazon.com/about-aws/whats-new/2024/06/amazon-api-gateway-integration-timeout-limit-29-seconds/
  // and https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html
  it('are an error for an edge-optimized API, the endpoint type when nothing says otherwise', async () => {
    expect(await findings('timeout-edge.yaml')).toStrictEqual(['error APIGW_INTEGRATION_TIMEOUT_RANGE']);
    expect(await findings('timeout-edge.yaml', { endpointType: 'EDGE' })).toStrictEqual(['error APIGW_INTEGRATION_TIMEOUT_RANGE']);
  });

  it("are allowed, with a note on the quota, for a Regional or private API: the document's endpoint configuration or the config's", async () => {
    expect(await findings('timeout-regional.yaml')).toStrictEqual([]);
    const { diagnostics } = await validate(fixture('timeout-regional.yaml'));
    expect(diagnostics.map(({ severity, code }) => `${severity} ${code}`)).toStrictEqual(['info APIGW_INTEGRATION_TIMEOUT_RANGE']);
    expect(await findings('timeout-edge.yaml', { endpointType: 'REGIONAL' })).toStrictEqual([]);
    expect(await findings('timeout-edge.yaml', { endpointType: 'PRIVATE' })).toStrictEqual([]);
  });

  it('an edge-optimized timeout stops cfn but not the client', async () => {
    await expect(loadApi(fixture('timeout-edge.yaml'), { target: 'cfn' })).rejects.toThrow(/above 29000/);
    expect((await loadApi(fixture('timeout-edge.yaml'), { target: 'sdk' })).model.operations).toHaveLength(1);
  });
});

describe('gateway response header names with dots', () => {
  // AWS imports this document with failOnWarnings (LocalStack's AWS-validated test_import_rest_api):
  // its gateway responses map `gatewayresponse.header.method.response.header.Access-Control-Allow-Origin`.
  it('are taken, as AWS takes them', async () => {
    const document = join(repoRoot, 'fixtures/corpus/apigw/localstack__localstack__tests_aws_files_openapi.spec.pulumi.json');
    const { diagnostics, valid } = await validate(document);
    expect(valid).toBe(true);
    expect(diagnostics.filter(({ code }) => code === 'APIGW_EXTENSION_INVALID')).toStrictEqual([]);
  });
});
