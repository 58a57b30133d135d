import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { identityInput } from '../../src/document/identity-sources.js';
import { loadApi } from '../../src/index.js';
import { corpusRoot } from '../support/paths.js';

describe('identityInput', () => {
  // Syntax: https://docs.aws.amazon.com/apigateway/latest/api/API_CreateAuthorizer.html (REST, `method.request.…`) and
  // https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-authorizers.html (HTTP `$request.…`, WebSocket `route.request.…`).
  it.each([
    ['method.request.header.X-Auth', { in: 'header', name: 'X-Auth' }],
    [' method.request.querystring.tenant', { in: 'query', name: 'tenant' }],
    ['method.request.multivaluequerystring.ids', { in: 'query', name: 'ids' }],
    ['$request.header.Authorization', { in: 'header', name: 'Authorization' }],
    ['$request.querystring.petId', { in: 'query', name: 'petId' }],
    ['route.request.header.Auth', { in: 'header', name: 'Auth' }],
    ['stageVariables.tier', undefined],
    ['$stageVariables.stageVar', undefined],
    ['context.path', undefined],
    ['$context.contextVar', undefined],
  ])('%s', (source, want) => {
    expect(identityInput(source)).toStrictEqual(want);
  });
});

describe('credentials in the API model', () => {
  const corpus = (path: string) => join(corpusRoot, path);

  it('puts the token of a token or Cognito authorizer without identity source in the header the scheme names', async () => {
    // SAM input tests/translator/input/state_machine_with_api_authorizer_maximum.yaml: Identity.Header of each authorizer,
    // which SAM's output writes as the scheme's `name` (the developer guide's authorizer example: "The name of the header
    // containing an authorization token").
    const { model } = await loadApi(
      corpus('apigw/aws__serverless-application-model__tests_translator_output_state_machine_with_api_authorizer_maximum__MyApi.json'),
    );
    expect(Object.fromEntries(model.securitySchemes.map((scheme) => [scheme.name, scheme.credential]))).toStrictEqual({
      MyCognitoAuth: { kind: 'secret', in: 'header', name: 'MyAuthorizationHeader', prefix: '' },
      MyCognitoAuthMultipleUserPools: { kind: 'secret', in: 'header', name: 'MyAuthorizationHeader2', prefix: '' },
      MyLambdaRequestAuth: {
        kind: 'identity',
        inputs: [
          { in: 'header', name: 'Authorization1' },
          { in: 'query', name: 'Authorization2' },
        ],
      },
      MyLambdaTokenAuth: { kind: 'secret', in: 'header', name: 'MyCustomAuthHeader', prefix: '' },
      MyLambdaTokenAuthNoneFunctionInvokeRole: { kind: 'secret', in: 'header', name: 'Authorization', prefix: '' },
      api_key: { kind: 'secret', in: 'header', name: 'x-api-key', prefix: '' },
    });
  });

  it('applies the root security of a document without API Gateway extensions, and ignores it in a REST API for API Gateway', async () => {
    // OpenAPI 3.0.3 "OpenAPI Object": root `security` applies to every operation without its own.
    const mercure = (await loadApi(corpus('general/apisguru__mercure.local__0.3.2.yaml'))).model;
    expect(mercure.apiGateway).toBe(false);
    expect(
      mercure.operations.map((operation) => operation.security.map((requirement) => requirement.schemes.map((s) => s.name))),
    ).toStrictEqual(mercure.operations.map(() => [['Bearer'], ['Cookie']]));
    // REST import ignores the root `security` (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html):
    // LocalStack's document (imported into API Gateway by its test suite) has one operation, GET /pets, without its own.
    const cognito = (await loadApi(corpus('apigw/localstack__localstack__tests_aws_files_openapi.cognito-auth.json'))).model;
    expect(cognito.apiGateway).toBe(true);
    expect(cognito.operations.find((operation) => operation.path === '/pets')?.security).toStrictEqual([]);
    expect(cognito.securitySchemes.map((scheme) => scheme.credential)).toStrictEqual([
      { kind: 'secret', in: 'header', name: 'TestHeaderAuth', prefix: '' },
      { kind: 'secret', in: 'header', name: 'TestHeaderAuth', prefix: '' },
    ]);
  });
});
