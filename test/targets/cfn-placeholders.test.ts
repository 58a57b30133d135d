import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApigwGenConfig } from '../../src/config/types.js';
import { getAtPointer } from '../../src/diagnostics/json-pointer.js';
import { loadApi, validate } from '../../src/index.js';
import { buildCfnTemplate } from '../../src/targets/cfn/build-template.js';
import type { Template } from '../../src/targets/cfn/template.js';
import { groupByFunction } from '../../src/model/functions.js';
import { corpusRoot, fixturesRoot } from '../support/paths.js';

/**
 * Documents written as the source of a Terraform `templatefile()` carry `${name}` variables that
 * nothing on the AWS side fills in. `cfn` turns them into template parameters (or the pseudo
 * parameter they stand for) and grants the Lambda permissions for the functions they name;
 * `handlers` writes a function for them.
 *
 * Expected values come from:
 * - Fn::Sub: `${AWS::Region}`/`${AWS::AccountId}` are pseudo parameters, `${Name}` a parameter:
 *   https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-sub.html
 * - Fn::Split / Fn::Select, evaluated below as documented:
 *   https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-split.html
 *   https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-select.html
 * - the Cognito user pool ARN, arn:${Partition}:cognito-idp:${Region}:${Account}:userpool/${UserPoolId}:
 *   https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncognitouserpools.html
 * - the Lambda invocation URI, arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations:
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration.html
 * - what the real documents' placeholders hold, from the Terraform that renders them:
 *   aws-samples/serverless-patterns apigw-openapi-lambda-dynamodb-xray-terraform/infra/data.tf
 *   (`openapi_demo_lambda_uri = module.openapi_demo_lambda_function.lambda_function_invoke_arn`);
 *   nationalarchives/tdr-terraform-environments, module create_keycloak_users_api
 *   (`templatefile(…create_keycloak_users.json.tpl, { region = local.region, lambda_arn = …_lambda_arn, auth_url = … })`).
 */

const config: ApigwGenConfig = {
  stages: [{ name: 'prod', variables: {}, methodSettings: [] }],
  usagePlans: [],
  api: { vpcEndpointIds: [], functions: {} },
  targets: [],
};

const terraformFixture = join(fixturesRoot, 'cfn/terraform-templatefile.yaml');
const corpus = (name: string) => join(corpusRoot, 'apigw', name);
const xray = corpus('aws-samples__serverless-patterns__apigw-openapi-lambda-dynamodb-xray-terraform_infra_openapi-spec.yaml');
const keycloak = corpus('nationalarchives__tdr-terraform-environments__templates_api_gateway_create_keycloak_users.json');
const localstackCognito = corpus('localstack__localstack__tests_aws_files_openapi.cognito-auth.json');

async function generate(path: string) {
  const { model, document } = await loadApi(path, { lenient: true, locate: false });
  return { model, ...buildCfnTemplate(model, { document, config, documentName: 'openapi.yaml' }) };
}

function body(template: Template, pointer: string): unknown {
  return getAtPointer((template.Resources.RestApi ?? template.Resources.HttpApi)!.Properties, `/Body${pointer}`);
}

function permissions(template: Template): unknown[] {
  return Object.values(template.Resources)
    .filter((resource) => resource.Type === 'AWS::Lambda::Permission')
    .map((resource) => (resource.Properties as { FunctionName: unknown }).FunctionName);
}

/** Evaluates `Ref`, `Fn::Split` and `Fn::Select` as CloudFormation documents them, with parameter values. */
function evaluate(value: unknown, parameters: Record<string, string>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  if ('Ref' in record) return parameters[record.Ref as string];
  if ('Fn::Split' in record) {
    const [delimiter, source] = record['Fn::Split'] as [string, unknown];
    return (evaluate(source, parameters) as string).split(delimiter);
  }
  if ('Fn::Select' in record) {
    const [index, list] = record['Fn::Select'] as [number, unknown];
    return (evaluate(list, parameters) as unknown[])[index];
  }
  throw new Error(`cannot evaluate ${JSON.stringify(value)}`);
}

const ordersArn = 'arn:aws:lambda:eu-west-2:123456789012:function:orders';
const invocationOf = (arn: string) => `arn:aws:apigateway:eu-west-2:lambda:path/2015-03-31/functions/${arn}/invocations`;

describe('cfn: placeholders for another tool', () => {
  it("a Cognito authorizer's ${region}, ${accountId}, ${userPoolId} become the stack's region and account and a parameter", async () => {
    const { template } = await generate(terraformFixture);
    expect(body(template, '/components/securitySchemes/orders_users/x-amazon-apigateway-authorizer/providerARNs')).toStrictEqual([
      { 'Fn::Sub': 'arn:aws:cognito-idp:${AWS::Region}:${AWS::AccountId}:userpool/${UserPoolId}' },
    ]);
    expect(Object.keys(template.Parameters ?? {})).toStrictEqual([
      'ApiRoleArn',
      'LambdaHandlerInvokeArn',
      'OrdersLambdaArn',
      'StateMachineArn',
      'UserPoolId',
    ]);
  });

  it('a whole-uri placeholder holds the invocation URI: the permission names the function inside it', async () => {
    const { template } = await generate(terraformFixture);
    expect(body(template, '/paths/~1orders/get/x-amazon-apigateway-integration/uri')).toStrictEqual({
      'Fn::Sub': '${LambdaHandlerInvokeArn}',
    });
    const parameters = { LambdaHandlerInvokeArn: invocationOf(ordersArn), OrdersLambdaArn: `${ordersArn}-by-id` };
    expect(permissions(template).map((name) => evaluate(name, parameters))).toStrictEqual([ordersArn, `${ordersArn}-by-id`]);
    expect(new RegExp(template.Parameters!.LambdaHandlerInvokeArn!.AllowedPattern!).test(parameters.LambdaHandlerInvokeArn)).toBe(true);
  });

  it('a placeholder inside the invocation URI is the function ARN; ${region} is the stack region', async () => {
    const { template } = await generate(terraformFixture);
    expect(body(template, '/paths/~1orders~1{id}/get/x-amazon-apigateway-integration/uri')).toStrictEqual({
      'Fn::Sub': 'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${OrdersLambdaArn}/invocations',
    });
    expect(new RegExp(template.Parameters!.OrdersLambdaArn!.AllowedPattern!).test(ordersArn)).toBe(true);
  });

  it("a mapping template's placeholder is filled in, its Velocity references stay literal", async () => {
    const { template } = await generate(terraformFixture);
    const integration = '/paths/~1orders/post/x-amazon-apigateway-integration';
    expect(body(template, `${integration}/requestTemplates/application~1json`)).toStrictEqual({
      'Fn::Sub':
        '#set($body = $input.json(\'$\'))\n{"input": "$util.escapeJavaScript(${!body})", "stateMachineArn": "${StateMachineArn}"}\n',
    });
    expect(body(template, `${integration}/credentials`)).toStrictEqual({ 'Fn::Sub': '${ApiRoleArn}' });
    expect(body(template, `${integration}/uri`)).toStrictEqual({
      'Fn::Sub': 'arn:aws:apigateway:${AWS::Region}:states:action/StartExecution',
    });
  });

  it('a placeholder named like an Object.prototype member (${constructor}) is a parameter like any other', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'apigw-gen-placeholders-')), 'openapi.yaml');
    writeFileSync(path, readFileSync(terraformFixture, 'utf8').replace('${lambda_handler_invoke_arn}', '${constructor}'));
    const { template } = await generate(path);
    expect(body(template, '/paths/~1orders/get/x-amazon-apigateway-integration/uri')).toStrictEqual({ 'Fn::Sub': '${Constructor}' });
    expect(Object.keys(template.Parameters ?? {})).toContain('Constructor');
    const parameters = { Constructor: invocationOf(ordersArn), OrdersLambdaArn: `${ordersArn}-by-id` };
    expect(permissions(template).map((name) => evaluate(name, parameters))).toStrictEqual([ordersArn, `${ordersArn}-by-id`]);
  });

  it('real document (serverless-patterns, Terraform): uri ${openapi_demo_lambda_uri} gets a Lambda permission', async () => {
    const { template, warnings } = await generate(xray);
    expect(template.Parameters?.OpenapiDemoLambdaUri?.AllowedPattern).toMatch(/\/invocations\$$/);
    const parameters = { OpenapiDemoLambdaUri: invocationOf(ordersArn) };
    expect(permissions(template).map((name) => evaluate(name, parameters))).toStrictEqual([ordersArn]);
    expect(warnings).toStrictEqual([]);
  });

  it('real document (nationalarchives, Terraform): ${region} is the stack region, ${lambda_arn} and ${auth_url} parameters', async () => {
    const { template } = await generate(keycloak);
    expect(Object.keys(template.Parameters ?? {})).toStrictEqual(['AuthUrl', 'LambdaArn']);
    expect(body(template, '/paths/~1users/post/x-amazon-apigateway-integration/uri')).toStrictEqual({
      'Fn::Sub': 'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${LambdaArn}/invocations',
    });
    expect(permissions(template)).toStrictEqual([{ Ref: 'LambdaArn' }]);
  });

  it('real document (LocalStack): providerARNs ${cognito_pool_arn} becomes a parameter instead of staying text', async () => {
    const { template } = await generate(localstackCognito);
    const schemes = '/components/securitySchemes';
    for (const scheme of ['cognito-test-identity-source', 'extra-test-identity-source']) {
      expect(body(template, `${schemes}/${scheme}/x-amazon-apigateway-authorizer/providerARNs`)).toStrictEqual([
        { 'Fn::Sub': '${CognitoPoolArn}' },
      ]);
    }
    expect(Object.keys(template.Parameters ?? {})).toStrictEqual(['CognitoPoolArn']);
  });
});

describe('validate and handlers: placeholders for another tool', () => {
  it('warns once per field, naming what cfn does with each placeholder', async () => {
    const { diagnostics } = await validate(terraformFixture);
    expect(diagnostics.map(({ code, severity, pointer }) => `${severity} ${code} ${pointer}`)).toStrictEqual([
      'warning APIGW_UNRESOLVED_PLACEHOLDER /paths/~1orders/get/x-amazon-apigateway-integration/uri',
      'warning APIGW_UNRESOLVED_PLACEHOLDER /paths/~1orders/post/x-amazon-apigateway-integration/uri',
      'warning APIGW_UNRESOLVED_PLACEHOLDER /paths/~1orders/post/x-amazon-apigateway-integration/credentials',
      'warning APIGW_UNRESOLVED_PLACEHOLDER /paths/~1orders/post/x-amazon-apigateway-integration/requestTemplates/application~1json',
      'warning APIGW_UNRESOLVED_PLACEHOLDER /paths/~1orders~1{id}/get/x-amazon-apigateway-integration/uri',
      'warning APIGW_UNRESOLVED_PLACEHOLDER /components/securitySchemes/orders_users/x-amazon-apigateway-authorizer/providerARNs/0',
    ]);
    expect(diagnostics.at(-1)!.message).toBe(
      'providerARNs.0 of authorizer "orders_users" holds ${region}, ${accountId}, ${userPoolId}: placeholders for another tool (a Terraform templatefile variable?), which API Gateway keeps as written. ' +
        'apigw-gen cfn fills in ${region} with ${AWS::Region}, ${accountId} with ${AWS::AccountId} and makes ${userPoolId} a template parameter.',
    );
  });

  it('an aws_proxy uri that is a placeholder is a Lambda function, named after the placeholder', async () => {
    const groups = (await Promise.all([terraformFixture, xray].map(async (path) => groupByFunction((await loadApi(path)).model)))).map(
      (found) => found.map((group) => ({ folder: group.folder, proxy: group.proxy.map((operation) => operation.id) })),
    );
    expect(groups).toStrictEqual([
      [
        { folder: 'lambda-handler-invoke-arn', proxy: ['listOrders'] },
        { folder: 'orders-lambda-arn', proxy: ['getOrder'] },
      ],
      [{ folder: 'openapi-demo-lambda-uri', proxy: ['addCustomer', 'getCustomer', 'updateCustomer', 'removeCustomer'] }],
    ]);
  });
});
