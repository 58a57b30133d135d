import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { getAtPointer } from '../../src/diagnostics/json-pointer.js';
import { planCfnTarget } from '../../src/targets/cfn/cfn-target.js';
import { loadApi, validate } from '../../src/index.js';
import { isCorsPreflight } from '../../src/targets/sdk/cors-preflight.js';
import { planSdk } from '../../src/targets/sdk/index.js';
import { corpusRoot } from '../support/paths.js';

/**
 * Real documents outside the corpus that apigw-gen refused or got wrong (issue 13, held-out run),
 * vendored into fixtures/corpus/apigw (sources, commits and licenses in fixtures/corpus/MANIFEST.tsv).
 */

const corpus = (name: string) => join(corpusRoot, 'apigw', name);

/** `severity CODE` of each finding that is not a note. */
async function findings(path: string): Promise<string[]> {
  const { diagnostics } = await validate(path);
  return diagnostics.filter(({ severity }) => severity !== 'info').map(({ severity, code }) => `${severity} ${code}`);
}

describe('a requestParameters value that is not a string', () => {
  // LocalStack imports tests/aws/files/openapi-basepath-url.yaml into real API Gateway; the recorded
  // response (localstack/localstack tests/aws/services/apigateway/test_apigateway_import.snapshot.json,
  // AWS-validated) carries the warning "Invalid format for 'requestParameters'. Expected type string
  // for property 'integration.request.header.nothing' …" and the imported method has no such mapping.
  const document = corpus('localstack__localstack__tests_aws_files_openapi-basepath-url.yaml');
  const pointer = '/paths/~1test/get/x-amazon-apigateway-integration/requestParameters';

  it('is a warning, as API Gateway imports the document', async () => {
    expect(await findings(document)).toStrictEqual(['warning APIGW_REQUEST_PARAMETER_DROPPED']);
  });

  it('is dropped from what cfn, mock and serve use, the other mappings kept', async () => {
    for (const target of ['cfn', 'mock', 'sdk'] as const) {
      const { document: used, model } = await loadApi(document, { target });
      const expected = {
        'integration.request.header.X-Amz-Invocation-Type': "'Event'",
        'integration.request.header.double-single': "'True'",
      };
      expect(getAtPointer(used, pointer)).toStrictEqual(expected);
      const get = model.operations.find((operation) => operation.method === 'GET');
      expect(get?.integration?.requestParameters).toStrictEqual(expected);
    }
  });
});

describe('OpenAPI 3 parameters and headers written Swagger 2.0 style', () => {
  const requestParameters = corpus(
    'aws__serverless-application-model__tests_translator_output_api_with_request_parameters_openapi__ServerlessRestApi.json',
  );
  const existingOpenApi = corpus('aws__serverless-application-model__tests_translator_output_http_api_existing_openapi__MyApi.json');
  const cacheInvalidation = corpus('aws-samples__serverless-patterns__apigw-cache-invalidation-eventbridge_api.yaml');

  // SAM deploys `{"in":"query","name":"type","required":true,"type":"string"}` in an OpenAPI 3
  // body (aws/serverless-application-model tests/translator/output/api_with_request_parameters_openapi.json).
  it('a `type` instead of a `schema` is a warning, and read as the schema', async () => {
    expect(await findings(requestParameters)).toStrictEqual([
      'warning APIGW_OPENAPI_SCHEMA',
      'warning APIGW_OPENAPI_SCHEMA',
      'warning APIGW_OPENAPI_SCHEMA',
    ]);
    const { model } = await loadApi(requestParameters, { target: 'sdk' });
    const [parameter] = model.operations.find((operation) => operation.path === '/one')!.parameters.query;
    expect([parameter?.name, parameter?.required, parameter?.schema.kind]).toStrictEqual(['type', true, 'string']);
  });

  it('the Swagger 2.0 fields (type, format, items, enum) become the schema', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-heldout-'));
    const document = JSON.parse(readFileSync(requestParameters, 'utf8')) as { paths: Record<string, { get: { parameters: unknown[] } }> };
    document.paths['/one']!.get.parameters = [
      { in: 'query', name: 'type', required: true, type: 'array', items: { type: 'integer', format: 'int32', enum: [1, 2] } },
    ];
    writeFileSync(join(folder, 'integer.json'), JSON.stringify(document));
    const { model } = await loadApi(join(folder, 'integer.json'), { target: 'sdk' });
    const [parameter] = model.operations.find((operation) => operation.path === '/one')!.parameters.query;
    expect(parameter?.schema.kind).toBe('array');
    expect(JSON.stringify(parameter?.schema)).toContain('"enum"');
  });

  // SAM's http_api_existing_openapi declares `/get/{something}/with/{params}` path parameters with neither.
  it('a path parameter with neither `schema` nor `content` is a string', async () => {
    expect((await findings(existingOpenApi)).filter((finding) => finding.startsWith('error'))).toStrictEqual([]);
    const { model } = await loadApi(existingOpenApi, { target: 'sdk' });
    const operation = model.operations.find((candidate) => candidate.path === '/get/{something}/with/{params}')!;
    expect(operation.parameters.path.map(({ name, required, schema }) => `${name} ${required} ${schema.kind}`)).toStrictEqual([
      'something true string',
      'params true string',
    ]);
  });

  // serverless-patterns apigw-cache-invalidation-eventbridge/api.yaml: `cache-timestamp: { type: string }`.
  it('a response header with `type` is read as its schema', async () => {
    expect(await findings(cacheInvalidation)).toStrictEqual(['warning APIGW_OPENAPI_SCHEMA']);
    const { model } = await loadApi(cacheInvalidation, { target: 'sdk' });
    const headers = model.operations.flatMap((operation) => operation.responses.flatMap((response) => response.headers));
    expect(headers.find((header) => header.name === 'cache-timestamp')?.schema.kind).toBe('string');
  });

  it('a real structural error in a parameter stays an error', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-heldout-'));
    const document = JSON.parse(readFileSync(requestParameters, 'utf8')) as { paths: Record<string, { get: { parameters: unknown[] } }> };
    document.paths['/one']!.get.parameters = [{ in: 'nowhere', name: 'type', type: 'string' }];
    writeFileSync(join(folder, 'broken.json'), JSON.stringify(document));
    expect(await findings(join(folder, 'broken.json'))).toContain('error APIGW_OPENAPI_SCHEMA');
  });
});

describe('`servers` written as an object', () => {
  // serverless-patterns step-function-sync-rest-api/api.yaml: `servers: { variables: { basePath: … } }`.
  const document = corpus('aws-samples__serverless-patterns__step-function-sync-rest-api_api.yaml');

  it('is a warning and ignored: no base URL comes from it', async () => {
    expect(await findings(document)).toStrictEqual(['warning APIGW_OPENAPI_SCHEMA']);
    const { document: used, model } = await loadApi(document, { target: 'cfn' });
    expect(used.servers).toBeUndefined();
    expect(model.servers).toStrictEqual([]);
  });
});

describe('a servers url with ${AWS::Region}', () => {
  // serverless-patterns api-lambda-ses/src/api.yml: `url: "https://….execute-api.${AWS::Region}.amazonaws.com/{basePath}"`.
  // A `Fn::Sub` fills `${AWS::Region}` in (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-sub.html),
  // as it does in the integration's uri; escaped (`${!AWS::Region}`) it would stay literal and cfn-lint warns W1020.
  it('is substituted in the template, like the uri', async () => {
    const document = corpus('aws-samples__serverless-patterns__api-lambda-ses_src_api.yaml');
    const api = await loadApi(document, { target: 'cfn' });
    const config = await loadConfig({ cwd: mkdtempSync(join(tmpdir(), 'apigw-gen-heldout-config-')) });
    const plan = planCfnTarget(api, config, { document, out: join(mkdtempSync(join(tmpdir(), 'apigw-gen-heldout-')), 't.yaml') }, () => {});
    if (plan.output.kind !== 'file') throw new Error('cfn writes one file');
    expect(plan.output.contents).toContain('url: !Sub https://mrbxgs2ki2.execute-api.${AWS::Region}.amazonaws.com/{basePath}');
    expect(plan.output.contents).not.toContain('${!AWS::Region}');
  });
});

describe('CORS preflight operations', () => {
  // LocalStack's copy of the API Gateway PetStore sample (tests/aws/files/petstore-swagger.json):
  // `OPTIONS /pets` and `OPTIONS /pets/{petId}` are MOCK integrations answering only
  // Access-Control-* headers, as the developer guide's CORS example is written
  // (https://docs.aws.amazon.com/apigateway/latest/developerguide/enable-cors-for-resource-using-swagger-importer-tool.html).
  // The browser sends the preflight itself; a client never calls it.
  const document = corpus('localstack__localstack__tests_aws_files_petstore-swagger.json');

  it('are left out of the SDK, and kept in the model handlers, mock and cfn use', async () => {
    const { model } = await loadApi(document, { target: 'sdk' });
    const client = planSdk(model, {}).find((file) => file.path === 'src/client.gen.ts')!.contents;
    const methods = [...client.matchAll(/^ {2}(\w+)\(params: /gm)].map((match) => match[1]);
    expect(methods).toStrictEqual(['getRoot', 'getPets', 'createPet', 'getPet']);
    expect(model.operations.filter((operation) => operation.method === 'OPTIONS').length).toBe(2);
  });

  it('an OPTIONS operation that answers more than CORS headers stays a client method', async () => {
    const { model } = await loadApi(document, { target: 'sdk' });
    const options = model.operations.find((operation) => operation.method === 'OPTIONS')!;
    const answering = structuredClone(options);
    answering.integration!.responses[0]!.responseTemplates = { 'application/json': '{"methods": ["GET"]}' };
    expect(isCorsPreflight(options)).toBe(true);
    expect(isCorsPreflight(answering)).toBe(false);
  });
});

describe('a REST API authorizer beside HTTP API extensions', () => {
  // The developer guide's "Lambda authorizer with a custom scheme for a REST API"
  // (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authtype.html,
  // second example) carries x-amazon-apigateway-importexport-version and enableSimpleResponses, which
  // REST APIs ignore, beside a `method.request.header.Authorization` identity source, which HTTP APIs
  // reject (they take `$request.header.…`: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html).
  const authtype = corpus('awsdocs__amazon-api-gateway-developer-guide__doc_source_api-gateway-swagger-extensions-authtype__block1.json');
  // LocalStack's tests/aws/files/openapi.spec.json: the same authorizer beside x-amazon-apigateway-cors and payloadFormatVersion.
  const localstack = corpus('localstack__localstack__tests_aws_files_openapi.spec.json');

  it('makes the document a REST API: the identity source decides, as only REST APIs take it', async () => {
    for (const document of [authtype, localstack]) {
      const { model } = await loadApi(document, { target: 'sdk' });
      expect(model.kind, `${document}`).toBe('rest');
    }
  });

  it('is taken, the HTTP API extensions warned about as ignored', async () => {
    expect(await findings(authtype)).toStrictEqual([
      'warning APIGW_INTEGRATION_MISSING',
      'warning APIGW_AUTHORIZER_FIELD_NOT_APPLICABLE',
      'warning APIGW_EXTENSION_WRONG_API_KIND',
    ]);
    expect((await validate(localstack)).valid).toBe(true);
  });

  it('gives the SDK a client that sends the token in the Authorization header', async () => {
    const { model } = await loadApi(authtype, { target: 'sdk' });
    const client = planSdk(model, {}).find((file) => file.path === 'src/client.gen.ts')!.contents;
    expect(client).toContain("'Authorization'");
  });
});

describe('a path item field that is a method name in other letters', () => {
  // SAM's api_with_any_method_in_swagger deploys `/: { any: {...}, get: {...} }`: SAM reads `any`
  // as ANY (its OpenApiEditor), but leaves the key as written in the body API Gateway imports.
  // API Gateway's import goes on past fields it does not know (failOnWarnings is false by default,
  // https://docs.aws.amazon.com/apigateway/latest/api/API_ImportRestApi.html#apigw-ImportRestApi-request-uri-failOnWarnings),
  // so the API has no ANY / method.
  const document = corpus('aws__serverless-application-model__tests_translator_output_api_with_any_method_in_swagger__MyApi.json');

  it('is a warning that names x-amazon-apigateway-any-method, not an error that stops every output', async () => {
    const { diagnostics } = await validate(document);
    const any = diagnostics.find((diagnostic) => diagnostic.pointer === '/paths/~1/any');
    expect([any?.code, any?.severity]).toStrictEqual(['APIGW_OPENAPI_SCHEMA', 'warning']);
    expect(any?.message).toContain('"x-amazon-apigateway-any-method"');
  });

  it('gives no method, as API Gateway creates none', async () => {
    const { model } = await loadApi(document, { target: 'sdk', apiKind: 'rest' });
    expect(model.operations.filter((operation) => operation.path === '/').map((operation) => operation.method)).toStrictEqual(['GET']);
  });

  it('as the REST API the template deploys, the document has no error', async () => {
    expect((await findings(document)).filter((finding) => finding.startsWith('error'))).toStrictEqual([
      'error APIGW_AUTHORIZER_FIELD_MISSING',
      'error APIGW_IDENTITY_SOURCE',
    ]);
    const { diagnostics } = await validate(document, { apiKind: 'rest' });
    expect(diagnostics.filter(({ severity }) => severity === 'error')).toStrictEqual([]);
  });
});

describe('operations that a CloudFormation condition decides', () => {
  // SAM's api_with_auth_and_conditions_all_max deploys `put: { "Fn::If": ["PathCondition", {...}, { "Ref": "AWS::NoValue" }] }`
  // for functions with a Condition; CloudFormation resolves it before API Gateway imports the body
  // (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-conditions.html#intrinsic-function-reference-conditions-if).
  const document = corpus('aws__serverless-application-model__tests_translator_output_api_with_auth_and_conditions_all_max__MyApi.json');

  it('are read as present, each with a note, and the document has no error', async () => {
    const { diagnostics, valid } = await validate(document);
    expect(valid).toBe(true);
    expect(diagnostics.filter(({ code }) => code === 'APIGW_CONDITIONAL_OPERATION').map(({ pointer }) => pointer)).toStrictEqual([
      '/paths/~1users/delete',
      '/paths/~1users/patch',
      '/paths/~1users/put',
    ]);
  });

  it('keep the security and integration of their branch', async () => {
    const { model } = await loadApi(document, { target: 'sdk' });
    const put = model.operations.find((operation) => operation.method === 'PUT' && operation.path === '/users')!;
    expect(put.security).toStrictEqual([{ schemes: [{ name: 'MyCognitoAuth', kind: 'cognito', scopes: [] }] }]);
    expect(put.integration?.type).toBe('aws_proxy');
    expect(put.pointer).toBe('/paths/~1users/put/Fn::If/1');
  });

  it('keep their condition in the template cfn writes, the same condition inside them resolved', async () => {
    const api = await loadApi(document, { target: 'cfn' });
    const config = await loadConfig({ cwd: mkdtempSync(join(tmpdir(), 'apigw-gen-heldout-config-')) });
    const plan = planCfnTarget(api, config, { document, out: join(mkdtempSync(join(tmpdir(), 'apigw-gen-heldout-')), 't.yaml') }, () => {});
    if (plan.output.kind !== 'file') throw new Error('cfn writes one file');
    const template = plan.output.contents;
    expect(template.match(/^ {12}(delete|patch|put): !If\n {14}- PathCondition$/gm)).toHaveLength(3);
    // The uri's own `Fn::If: [PathCondition, …]` has only one reachable branch (cfn-lint W1028).
    expect(template.match(/uri: !If/g)).toBeNull();
  });

  // SAM's implicit_api_with_many_conditions: path items are conditional too, and hold conditional operations.
  it('inside a conditional path item are operations of the API', async () => {
    const paths = corpus(
      'aws__serverless-application-model__tests_translator_output_implicit_api_with_many_conditions__ServerlessRestApi.json',
    );
    const { model } = await loadApi(paths, { target: 'sdk' });
    expect(model.operations.map((operation) => `${operation.method} ${operation.path}`)).toStrictEqual([
      'GET /sub',
      'POST /sub',
      ...Array.from({ length: 9 }, (_, index) => `POST /sub${index + 1}`),
    ]);
  });
});

describe('a greedy path parameter named with its +', () => {
  // SAM's api_http_with_default_iam_authorizer declares `{ "in": "path", "name": "proxy+" }` for
  // `/{proxy+}`: the name OpenAPI reads in the template; API Gateway calls the parameter `proxy`
  // (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-set-up-simple-proxy.html).
  const document = corpus('aws__serverless-application-model__tests_translator_output_api_http_with_default_iam_authorizer__HttpApi.json');

  it('matches the template, and is the greedy parameter proxy', async () => {
    expect((await findings(document)).filter((finding) => finding.startsWith('error'))).toStrictEqual([]);
    const { model } = await loadApi(document, { target: 'sdk' });
    const any = model.operations.find((operation) => operation.method === 'ANY')!;
    expect(any.parameters.path.map(({ name, greedy }) => `${name} ${greedy}`)).toStrictEqual(['proxy true']);
  });
});

describe('integration responses of an http_proxy integration', () => {
  // The developer guide's export of PetStoreWithProxyResource
  // (https://docs.aws.amazon.com/apigateway/latest/developerguide/setup-http-integrations.html): the
  // http_proxy integration keeps `responses: { default: { statusCode: "200" } }` under a method that
  // declares no response. A proxy integration passes the backend's answer through, as aws_proxy does.
  const document = corpus('awsdocs__amazon-api-gateway-developer-guide__doc_source_setup-http-integrations__block0.json');

  it('need no method response of their status', async () => {
    expect(await findings(document)).toStrictEqual([]);
  });
});

describe('a response mapping value that is not a string', () => {
  // SAM's api_with_cors_and_only_maxage writes `Cors: { MaxAge: 600 }` as the mapping value 600
  // (aws/serverless-application-model samtranslator/swagger/swagger.py), where API Gateway takes
  // a quoted literal or a mapping expression
  // (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration-responseParameters.html).
  const document = corpus('aws__serverless-application-model__tests_translator_output_api_with_cors_and_only_maxage__ExplicitApi.json');

  it('is a wrong response mapping: it stops validate, mock and cfn, not the SDK or handlers', async () => {
    const errors = (await validate(document)).diagnostics.filter(({ severity }) => severity === 'error');
    expect(errors.map(({ code, blocks }) => `${code} ${blocks?.join(',')}`)).toStrictEqual([
      'APIGW_RESPONSE_PARAMETER_MAPPING validate,mock,cfn',
      'APIGW_RESPONSE_PARAMETER_MAPPING validate,mock,cfn',
    ]);
    const { model } = await loadApi(document, { target: 'sdk' });
    expect(model.operations.map((operation) => `${operation.method} ${operation.path}`)).toContain('POST /add');
  });
});
