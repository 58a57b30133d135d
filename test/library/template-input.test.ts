import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DocumentError, generate, loadApi, sdk, serve, validate } from '../../src/index.js';
import { planHandlers } from '../../src/targets/handlers/index.js';
import { compile, writeHandlerFiles } from '../support/handlers-package.js';
import { repoRoot } from '../support/paths.js';
import { importSdk, writeSdk } from '../support/sdk-package.js';
import { planSdk } from '../../src/targets/sdk/index.js';
import { displayPathOf as display } from '../../src/load/display-path.js';

// Real templates, unchanged (fixtures/templates/MANIFEST.tsv gives each one's source, commit and license).
const templates = join(repoRoot, 'fixtures/templates');
/** https://github.com/aws-samples/serverless-patterns/blob/main/apigw-sqs-lambda/template.yaml: an HTTP API whose DefinitionBody includes api.yaml (AWS::Include). */
const sqsLambda = join(templates, 'apigw-sqs-lambda/template.yaml');
/** https://github.com/aws-samples/serverless-patterns/blob/main/apigw-direct-s3-lambda-dotnet/template.yaml: an AWS::Serverless::Api with its DefinitionBody inline, short-form tags in it. */
const directS3 = join(templates, 'apigw-direct-s3-lambda-dotnet/template.yaml');
/** https://github.com/aws/serverless-application-model/blob/develop/tests/translator/output/api_with_cors_openapi_3.json: SAM's output, two AWS::ApiGateway::RestApi. */
const twoRestApis = join(templates, 'sam-translator/api_with_cors_openapi_3.json');
/** https://github.com/aws/serverless-application-model/blob/develop/tests/translator/input/http_api_existing_openapi.yaml: an AWS::Serverless::HttpApi with its DefinitionBody inline. */
const httpApiInline = join(templates, 'sam-translator/http_api_existing_openapi.yaml');

function copyToTemp(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-template-'));
  for (const [name, from] of Object.entries(files)) copyFileSync(from, join(folder, name));
  return folder;
}

describe('SAM and CloudFormation templates as input', () => {
  it("validate reports findings of an inline DefinitionBody in the template, with pointers from the template's root and its lines", async () => {
    // The sample's responses $ref #/components/schemas/Empty, which its definition does not declare.
    const result = await validate(directS3);
    expect(result.file, `the file validated`).toBe(display(directS3));
    expect(result.apiKind, `the kind of API`).toMatchObject({
      kind: 'rest',
      source: 'template',
      reason: 'RestApi is an AWS::Serverless::Api',
    });
    expect(
      result.diagnostics.map(({ code, file, pointer, line }) => ({ code, file, pointer, line })),
      `validate's diagnostics`,
    ).toEqual([
      {
        code: 'APIGW_REF_NOT_FOUND',
        file: display(directS3),
        pointer: '/Resources/RestApi/Properties/DefinitionBody/paths/~1s3/get/responses/200/content/application~1json/schema',
        line: 123,
      },
      {
        code: 'APIGW_REF_NOT_FOUND',
        file: display(directS3),
        pointer: '/Resources/RestApi/Properties/DefinitionBody/paths/~1s3/put/responses/200/content/application~1json/schema',
        line: 158,
      },
      {
        code: 'APIGW_REF_NOT_FOUND',
        file: display(directS3),
        pointer: '/Resources/RestApi/Properties/DefinitionBody/paths/~1s3/put/responses/200/content/application~1octet-stream/schema',
        line: 161,
      },
    ]);
    const lines = readFileSync(directS3, 'utf8').split('\n');
    expect(
      [lines[122], lines[157], lines[160]].map((line) => line?.trim()),
      `the template's lines 123, 158, 161`,
    ).toEqual(['schema:', 'schema:', 'schema:']);
  });

  it('a template with several API resources is refused with their logical ids, and --api chooses one', async () => {
    const refused = await validate(twoRestApis);
    expect(refused.valid, `validity without --api`).toBe(false);
    expect(refused.diagnostics, `the diagnostics without --api`).toHaveLength(1);
    expect(refused.diagnostics[0], `the refusal`).toMatchObject({
      code: 'APIGW_TEMPLATE_API',
      file: display(twoRestApis),
      pointer: '/Resources',
      line: 2,
      message: `${display(twoRestApis)} has 2 API resources ("ExplicitApi", "ServerlessRestApi"): choose one with --api <LogicalId>.`,
    });
    const unknown = await validate(twoRestApis, { api: 'Nope' });
    expect(unknown.diagnostics[0]?.message, `an --api naming no resource`).toBe(
      '--api Nope: it has no resource "Nope"; its API resources are "ExplicitApi", "ServerlessRestApi".',
    );
    const chosen = await validate(twoRestApis, { api: 'ServerlessRestApi' });
    expect(chosen.valid, `validity of ServerlessRestApi`).toBe(true);
    expect(chosen.apiKind, `the kind of API`).toMatchObject({ kind: 'rest', source: 'template' });
    // SAM writes "openapi": "3.0" (line 370), which OpenAPI's schema does not take: found in the template.
    expect(
      chosen.diagnostics.find((diagnostic) => diagnostic.pointer.endsWith('/openapi')),
      `the version warning`,
    ).toMatchObject({
      file: display(twoRestApis),
      pointer: '/Resources/ServerlessRestApi/Properties/Body/openapi',
      line: 370,
    });
    // ExplicitApi's Body is Swagger 2.0: converted, and its findings still point into the template.
    const swagger = await validate(twoRestApis, { api: 'ExplicitApi' });
    expect(
      swagger.diagnostics
        .filter((diagnostic) => diagnostic.code === 'APIGW_RESPONSE_PARAMETER_MAPPING')
        .map(({ pointer, line }) => ({ pointer, line }))[0],
      `the first response mapping error of ExplicitApi (SAM's placeholder "headers")`,
    ).toEqual({
      pointer:
        '/Resources/ExplicitApi/Properties/Body/paths/~1add/options/x-amazon-apigateway-integration/responses/default/responseParameters/method.response.header.Access-Control-Allow-Headers',
      line: 49,
    });
  });

  it('follows AWS::Include to a local file: its findings name that file, its pointers and lines', async () => {
    const clean = await validate(sqsLambda);
    expect(clean, `the sample as published`).toMatchObject({
      file: display(join(templates, 'apigw-sqs-lambda/api.yaml')),
      valid: true,
      diagnostics: [],
    });
    const folder = copyToTemp({ 'template.yaml': sqsLambda, 'api.yaml': join(templates, 'apigw-sqs-lambda/api.yaml') });
    // HTTP APIs take payload format 1.0 or 2.0 only.
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
    const api = readFileSync(join(folder, 'api.yaml'), 'utf8');
    writeFileSync(join(folder, 'api.yaml'), api.replace('payloadFormatVersion: "1.0"', 'payloadFormatVersion: "3.0"'));
    const broken = await validate(join(folder, 'template.yaml'));
    const finding = broken.diagnostics.find((diagnostic) => diagnostic.pointer.endsWith('payloadFormatVersion'));
    expect(finding, `the payload format finding`).toMatchObject({
      file: display(join(folder, 'api.yaml')),
      pointer: '/paths/~1submit/post/x-amazon-apigateway-integration/payloadFormatVersion',
      line: 17,
    });
  });

  it('reads a DefinitionUri that names a local file, and refuses one that names an S3 object', async () => {
    // https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-httpapi.html#sam-httpapi-definitionuri
    const folder = copyToTemp({ 'api.yaml': join(templates, 'apigw-sqs-lambda/api.yaml') });
    const include =
      "      DefinitionBody:\n        'Fn::Transform':\n          Name: 'AWS::Include'\n          Parameters:\n            Location: 'api.yaml'\n";
    const text = readFileSync(sqsLambda, 'utf8');
    expect(text, `the sample's DefinitionBody`).toContain(include);
    writeFileSync(join(folder, 'local.yaml'), text.replace(include, '      DefinitionUri: ./api.yaml\n'));
    writeFileSync(
      join(folder, 's3.yaml'),
      text.replace(include, '      DefinitionUri:\n        Bucket: my-bucket\n        Key: api.yaml\n'),
    );
    const local = await validate(join(folder, 'local.yaml'));
    expect(local, `a local DefinitionUri`).toMatchObject({
      file: display(join(folder, 'api.yaml')),
      valid: true,
      apiKind: { kind: 'http' },
    });
    const s3 = await validate(join(folder, 's3.yaml'));
    expect(s3.diagnostics[0], `an S3 DefinitionUri`).toMatchObject({
      code: 'APIGW_TEMPLATE_API',
      pointer: '/Resources/MyHttpApi/Properties/DefinitionUri',
      message: expect.stringContaining('names an S3 object') as unknown,
    });
  });

  it('refuses an S3 location, a BodyS3Location and a missing included file, where the template names them', async () => {
    const folder = copyToTemp({ 'template.yaml': sqsLambda });
    const text = readFileSync(join(folder, 'template.yaml'), 'utf8');
    writeFileSync(join(folder, 's3.yaml'), text.replace("Location: 'api.yaml'", "Location: 's3://my-bucket/api.yaml'"));
    const s3 = await validate(join(folder, 's3.yaml'));
    expect(s3.diagnostics[0], `an S3 Location`).toMatchObject({
      code: 'APIGW_TEMPLATE_API',
      pointer: '/Resources/MyHttpApi/Properties/DefinitionBody/Fn::Transform/Parameters/Location',
      line: 29,
      message: expect.stringContaining('"s3://my-bucket/api.yaml", which is not a local file') as unknown,
    });
    const missing = await validate(join(folder, 'template.yaml'));
    expect(missing.diagnostics[0], `a missing included file`).toMatchObject({
      code: 'APIGW_TEMPLATE_API',
      file: display(join(folder, 'template.yaml')),
      line: 29,
      message: expect.stringContaining("The API's definition cannot be read: Cannot read") as unknown,
    });
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-restapi.html#cfn-apigateway-restapi-bodys3location
    writeFileSync(
      join(folder, 'rest.yaml'),
      'Resources:\n  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n      BodyS3Location:\n        Bucket: my-bucket\n        Key: openapi.yaml\n',
    );
    const bodyS3 = await validate(join(folder, 'rest.yaml'));
    expect(bodyS3.diagnostics[0], `a BodyS3Location`).toMatchObject({
      code: 'APIGW_TEMPLATE_API',
      pointer: '/Resources/Api/Properties/BodyS3Location',
      line: 5,
      message: expect.stringContaining('names an S3 object; apigw-gen does not download documents') as unknown,
    });
  });

  it.each([
    ['api_request_model_openapi_3.yaml', 'HtmlApi', 'AWS::Serverless::Api', 44],
    ['http_api_multiple_authorizers.yaml', 'MyApi', 'AWS::Serverless::HttpApi', 49],
  ])('a SAM API without DefinitionBody (%s) is refused: SAM builds it from the events', async (file, id, type, line) => {
    const result = await validate(join(templates, 'sam-translator', file));
    expect(result.diagnostics, `diagnostics of ${file}`).toHaveLength(1);
    expect(result.diagnostics[0], `the refusal`).toMatchObject({ code: 'APIGW_TEMPLATE_API', pointer: `/Resources/${id}`, line });
    expect(result.diagnostics[0]?.message, `the message`).toBe(
      `${id} (${type}) has no DefinitionBody. SAM builds that API's definition from the Events of its functions when the template is deployed, and apigw-gen needs the OpenAPI definition itself: write it in DefinitionBody (or in a file that DefinitionUri or AWS::Include names).`,
    );
  });

  it('the resource type decides the kind of API, unless --api-kind says otherwise', async () => {
    const http = await validate(httpApiInline);
    expect(http.apiKind, `the kind of MyApi`).toMatchObject({
      kind: 'http',
      source: 'template',
      reason: 'MyApi is an AWS::Serverless::HttpApi',
    });
    const sqs = await loadApi(sqsLambda);
    expect(sqs.model.kindDecision, `the kind of MyHttpApi`).toMatchObject({ kind: 'http', source: 'template' });
    expect(
      sqs.files.map((file) => relative(templates, file.path)),
      `the files read`,
    ).toEqual(['apigw-sqs-lambda/api.yaml', 'apigw-sqs-lambda/template.yaml']);
    const rest = await validate(twoRestApis, { api: 'ServerlessRestApi', apiKind: 'http' });
    expect(rest.apiKind, `--api-kind over the resource type`).toMatchObject({ kind: 'http', source: 'option' });
  });

  it('sdk output of a template compiles with tsc --strict (the package tsconfig) and runs', async () => {
    const { model } = await loadApi(twoRestApis, { api: 'ServerlessRestApi' });
    const client = await importSdk(writeSdk(planSdk(model, {})));
    // ServerlessRestApi's operations: GET / and ANY /foo (SAM's output), CORS preflights left out.
    expect(typeof client.getRoot, `getRoot`).toBe('function');
    expect(typeof client.anyFoo, `anyFoo`).toBe('function');
    const out = join(mkdtempSync(join(tmpdir(), 'apigw-gen-template-sdk-')), 'client');
    const sqs = await sdk({ document: sqsLambda, out, dryRun: true });
    const built = await importSdk(writeSdk(sqs.files));
    // api.yaml's title "Queue Based Leveling Example" and its one route, POST /submit.
    expect(typeof built.QueueBasedLevelingExampleClient, `the client class`).toBe('function');
    const calls: Request[] = [];
    const fetch = (request: Request) => {
      calls.push(request);
      return Promise.resolve(new Response(null, { status: 204 }));
    };
    const postSubmit = built.postSubmit as (client: unknown, params: object) => Promise<unknown>;
    const createClient = built.createClient as (options: object) => unknown;
    await postSubmit(createClient({ baseUrl: 'https://abc123.execute-api.eu-west-1.amazonaws.com', fetch }), {});
    expect(
      calls.map((request) => `${request.method} ${request.url}`),
      `the request sent`,
    ).toEqual(['POST https://abc123.execute-api.eu-west-1.amazonaws.com/submit']);
  }, 120_000);

  it('handlers output of a template compiles with tsc --strict (the package tsconfig)', async () => {
    const { model, document } = await loadApi(twoRestApis, { api: 'ServerlessRestApi', target: 'handlers' });
    const files = planHandlers(model, { document });
    expect(
      files.some((file) => file.path.startsWith('src/')),
      `planned handler sources`,
    ).toBe(true);
    expect(await compile(writeHandlerFiles(files)), `tsc's diagnostics`).toBe('');
  }, 120_000);

  it("generate takes a target's api from the config file", async () => {
    const folder = copyToTemp({ 'template.json': twoRestApis });
    writeFileSync(
      join(folder, 'apigw-gen.config.yaml'),
      'targets:\n  - { type: sdk, document: template.json, api: ServerlessRestApi, out: out/sdk }\n  - { type: mock, document: template.json, api: ServerlessRestApi, out: out/mock.yaml }\n',
    );
    const run = await generate({ config: join(folder, 'apigw-gen.config.yaml'), cwd: folder });
    expect(
      run.targets.map(({ target }) => target.type),
      `the targets generated`,
    ).toEqual(['sdk', 'mock']);
    expect(readFileSync(join(folder, 'out/sdk/src/client.gen.ts'), 'utf8'), `the client`).toContain('getRoot');
    writeFileSync(join(folder, 'apigw-gen.config.yaml'), 'targets:\n  - { type: sdk, document: template.json, out: out/sdk }\n');
    await expect(generate({ config: join(folder, 'apigw-gen.config.yaml'), cwd: folder }), `a target without api`).rejects.toBeInstanceOf(
      DocumentError,
    );
  });

  it('serve answers from the API a template holds', async () => {
    const server = await serve({
      document: twoRestApis,
      api: 'ServerlessRestApi',
      cwd: mkdtempSync(join(tmpdir(), 'apigw-gen-template-serve-')),
    });
    try {
      // SAM's CORS preflight for /foo: a MOCK whose response maps the methods as a quoted literal.
      const response = await fetch(`${server.url}/${server.stage}/foo`, {
        method: 'OPTIONS',
        headers: { origin: 'https://www.amazon.com', 'access-control-request-method': 'POST' },
      });
      expect(response.status, `status of the preflight`).toBe(200);
      expect(response.headers.get('access-control-allow-methods'), `the methods SAM's output maps`).toBe(
        'DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT',
      );
    } finally {
      await server.close();
    }
  });

  it('a definition in a template without an "openapi" field is refused where it is written', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-template-'));
    const text = readFileSync(httpApiInline, 'utf8');
    expect(text, `the SAM input's version line`).toContain('        openapi: 3.0.1\n');
    writeFileSync(join(folder, 'template.yaml'), text.replace('        openapi: 3.0.1\n', ''));
    const result = await validate(join(folder, 'template.yaml'));
    expect(result.diagnostics[0], `the refusal`).toMatchObject({
      code: 'APIGW_NOT_OPENAPI',
      pointer: '/Resources/MyApi/Properties/DefinitionBody',
      message: `${display(join(folder, 'template.yaml'))}#/Resources/MyApi/Properties/DefinitionBody is not an OpenAPI document: it has no "openapi" field.`,
    });
  });

  it('the CLI takes --api', () => {
    const bin = join(repoRoot, 'bin/apigw-gen.js');
    const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, encoding: 'utf8' });
    const refused = run('validate', 'fixtures/templates/sam-translator/api_with_cors_openapi_3.json');
    expect(refused.status, `exit code without --api`).toBe(1);
    expect(refused.stderr, `stderr without --api`).toContain(
      'fixtures/templates/sam-translator/api_with_cors_openapi_3.json:2:3  error  APIGW_TEMPLATE_API  fixtures/templates/sam-translator/api_with_cors_openapi_3.json has 2 API resources ("ExplicitApi", "ServerlessRestApi")',
    );
    const chosen = run(
      'validate',
      'fixtures/templates/sam-translator/api_with_cors_openapi_3.json',
      '--api',
      'ServerlessRestApi',
      '--format',
      'json',
    );
    expect(chosen.status, `exit code with --api`).toBe(0);
    expect((JSON.parse(chosen.stdout) as { apiKind: unknown }).apiKind, `the kind`).toEqual({
      kind: 'rest',
      source: 'template',
      reason: 'ServerlessRestApi is an AWS::ApiGateway::RestApi',
    });
  });

  it('a library generator throws a DocumentError for a template it cannot read an API from', async () => {
    await expect(
      sdk({ document: twoRestApis, out: join(tmpdir(), 'never-written'), dryRun: true }),
      `sdk without api`,
    ).rejects.toBeInstanceOf(DocumentError);
  });
});
