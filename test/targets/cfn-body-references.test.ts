import jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { yamlSchema } from '../../src/load/cloudformation-tags.js';
import { resolveReferences } from '../../src/targets/cfn/body-references.js';
import { serializeTemplate } from '../../src/targets/cfn/serialize-template.js';
import type { Template } from '../../src/targets/cfn/template.js';

/** How the names of the template a document was written for become ours, and how templates are written. */

const integration = (uri: unknown) => ({ 'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri } });
const invocation = (arn: string) => `arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/${arn}/invocations`;

function resolve(document: Record<string, unknown>, options: Partial<Parameters<typeof resolveReferences>[0]> = {}) {
  return resolveReferences({ document, placeholderFields: [], taken: ['RestApi'], functionIds: [], functions: {}, ...options });
}

describe('resolveReferences', () => {
  it('turns resources of the other template into parameters, functions by their ARN', () => {
    const { body, parameters } = resolve(
      {
        get: integration({ 'Fn::Sub': invocation('${ItemsFunction.Arn}') }),
        credentials: { 'Fn::GetAtt': ['ApiRole', 'Arn'] },
        queue: { Ref: 'ImportQueue' },
        region: { Ref: 'AWS::Region' },
      },
      { functionIds: ['ItemsFunction'] },
    );
    expect(body).toStrictEqual({
      get: integration({ 'Fn::Sub': invocation('${ItemsFunctionArn}') }),
      credentials: { Ref: 'ApiRoleArn' },
      queue: { Ref: 'ImportQueue' },
      region: { Ref: 'AWS::Region' },
    });
    expect(Object.keys(parameters)).toStrictEqual(['ApiRoleArn', 'ImportQueue', 'ItemsFunctionArn']);
    expect(parameters.ItemsFunctionArn).toMatchObject({ Type: 'String', AllowedPattern: expect.stringMatching(/^\^arn:/) as string });
    expect(parameters.ImportQueue!.Description).toBe('The value of Ref ImportQueue in the template the document was written for.');
  });

  it('maps functions as the config says: a parameter name, an export of another stack, a fixed ARN', () => {
    const { body, parameters } = resolve(
      {
        a: integration({ 'Fn::Sub': invocation('${Items.Arn}') }),
        b: integration({ 'Fn::Sub': invocation('${Orders.Arn}') }),
        c: integration({ 'Fn::GetAtt': ['Users', 'Arn'] }),
        d: integration({ 'Fn::Sub': invocation('${Items}') }),
      },
      {
        functionIds: ['Items', 'Orders', 'Users'],
        functions: {
          Items: { parameter: 'ItemsLambdaArn' },
          Orders: { importValue: 'shared-OrdersArn' },
          Users: { arn: 'arn:aws:lambda:us-east-1:123456789012:function:users' },
        },
      },
    );
    expect(body).toStrictEqual({
      a: integration({ 'Fn::Sub': invocation('${ItemsLambdaArn}') }),
      b: integration({ 'Fn::Sub': [invocation('${OrdersArn}'), { OrdersArn: { 'Fn::ImportValue': 'shared-OrdersArn' } }] }),
      c: integration('arn:aws:lambda:us-east-1:123456789012:function:users'),
      d: integration({ 'Fn::Sub': invocation('${ItemsLambdaArn}') }),
    });
    expect(Object.keys(parameters)).toStrictEqual(['ItemsLambdaArn']);
  });

  it('turns conditions into true/false parameters, and makes way for the template own names', () => {
    const { body, parameters, conditions } = resolve({ origin: { 'Fn::If': ['IsLocal', "'*'", { Ref: 'RestApi' }] } });
    expect(body).toStrictEqual({ origin: { 'Fn::If': ['IsLocal', "'*'", { Ref: 'RestApi2' }] } });
    expect(parameters).toStrictEqual({
      IsLocalCondition: {
        Type: 'String',
        Description: 'Whether the condition IsLocal of the document holds.',
        AllowedValues: ['true', 'false'],
      },
      RestApi2: { Type: 'String', Description: 'The value of Ref RestApi in the template the document was written for.' },
    });
    expect(conditions).toStrictEqual({ IsLocal: { 'Fn::Equals': [{ Ref: 'IsLocalCondition' }, 'true'] } });
  });

  it("substitutes placeholders in ARN fields, keeps other strings literal, and passes API Gateway's variables through", () => {
    const document = {
      ...integration(invocation('${BooksFunction.Arn}')),
      description: 'Deployed to ${AWS::Region}; ${unknown} stays',
      connectionId: '${stageVariables.vpcLinkId}',
      template: { 'Fn::Sub': 'arn:${AWS::Partition}:lambda:${AWS::Region}:1:function:catalog-${stageVariables.alias}' },
    };
    const { body } = resolve(document, {
      placeholderFields: [{ pointer: '/x-amazon-apigateway-integration/uri', template: false }],
      functionIds: ['BooksFunction'],
    });
    expect(body).toStrictEqual({
      ...integration({ 'Fn::Sub': invocation('${BooksFunctionArn}') }),
      // API Gateway fills in ${AWS::Region} at import, and CloudFormation with the same value:
      // https://docs.aws.amazon.com/apigateway/latest/developerguide/import-api-aws-variables.html
      description: { 'Fn::Sub': 'Deployed to ${AWS::Region}; ${!unknown} stays' },
      connectionId: '${stageVariables.vpcLinkId}',
      template: { 'Fn::Sub': 'arn:${AWS::Partition}:lambda:${AWS::Region}:1:function:catalog-${!stageVariables.alias}' },
    });
  });
});

describe('resolveReferences: placeholders for another tool', () => {
  const authorizer = (providerArn: string) => ({ providerARNs: [providerArn] });
  const cognito = 'arn:aws:cognito-idp:${region}:${accountId}:userpool/${userPoolId}';

  it('fills in pseudo parameters, makes the other placeholders parameters, and keeps Velocity references of templates', () => {
    const { body, parameters, invocationParameters } = resolve(
      {
        authorizer: authorizer(cognito),
        proxy: integration('${lambda_handler_invoke_arn}'),
        nested: integration(invocation('${orders_lambda_arn}')),
        template: '#set($body = $input.json(\'$\'))\n{"input": "${body}", "arn": "${state_machine_arn}", "stage": "${stageVariables.x}"}',
      },
      {
        placeholderFields: [
          { pointer: '/authorizer/providerARNs/0', template: false },
          { pointer: '/proxy/x-amazon-apigateway-integration/uri', template: false },
          { pointer: '/nested/x-amazon-apigateway-integration/uri', template: false },
          { pointer: '/template', template: true },
        ],
        placeholderFunctions: new Map([
          ['lambda_handler_invoke_arn', 'invocationUri'],
          ['orders_lambda_arn', 'arn'],
        ]),
      },
    );
    // Fn::Sub: ${AWS::Region} and ${AWS::AccountId} are pseudo parameters, ${Name} a parameter,
    // ${!Literal} a literal ${Literal}:
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-sub.html
    expect(body).toStrictEqual({
      authorizer: authorizer({ 'Fn::Sub': 'arn:aws:cognito-idp:${AWS::Region}:${AWS::AccountId}:userpool/${UserPoolId}' } as never),
      proxy: integration({ 'Fn::Sub': '${LambdaHandlerInvokeArn}' }),
      nested: integration({ 'Fn::Sub': invocation('${OrdersLambdaArn}') }),
      template: {
        'Fn::Sub': '#set($body = $input.json(\'$\'))\n{"input": "${!body}", "arn": "${StateMachineArn}", "stage": "${!stageVariables.x}"}',
      },
    });
    expect(Object.keys(parameters)).toStrictEqual(['LambdaHandlerInvokeArn', 'OrdersLambdaArn', 'StateMachineArn', 'UserPoolId']);
    // What each function parameter must hold: a function ARN, or the invocation URI around one.
    const pattern = (name: string) => new RegExp(parameters[name]!.AllowedPattern!);
    const functionArn = 'arn:aws:lambda:eu-west-2:123456789012:function:orders';
    expect(pattern('OrdersLambdaArn').test(functionArn)).toBe(true);
    expect(pattern('LambdaHandlerInvokeArn').test(functionArn)).toBe(false);
    expect(
      pattern('LambdaHandlerInvokeArn').test(`arn:aws:apigateway:eu-west-2:lambda:path/2015-03-31/functions/${functionArn}/invocations`),
    ).toBe(true);
    expect(parameters.UserPoolId).toStrictEqual({
      Type: 'String',
      Description: 'The value of ${userPoolId}, a placeholder of the document for another tool (a Terraform templatefile variable, say).',
    });
    expect(invocationParameters).toStrictEqual(['LambdaHandlerInvokeArn']);
  });

  it('leaves a string with no placeholder for another tool as it is', () => {
    const document = { authorizer: authorizer('arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc') };
    const { body, parameters } = resolve(document, { placeholderFields: [{ pointer: '/authorizer/providerARNs/0', template: false }] });
    expect(body).toStrictEqual(document);
    expect(parameters).toStrictEqual({});
  });

  it('writes a literal that holds only a name the template defines as a Fn::Join, not a Fn::Sub without variables (cfn-lint W1020)', () => {
    const { body } = resolve({ description: 'Calls ${RestApi} and ${other}' });
    expect(body).toStrictEqual({ description: { 'Fn::Join': ['', ['Calls $', '{RestApi} and $', '{other}']] } });
  });
});

describe('serializeTemplate', () => {
  const template = (resources: Record<string, unknown>): Template =>
    ({
      AWSTemplateFormatVersion: '2010-09-09',
      Description: 'test',
      Metadata: { 'apigw-gen': { generatedFrom: 'openapi.yaml', note: 'n' } },
      Resources: resources,
      Outputs: {},
    }) as Template;

  it('uses short tags where they read back the same, never directly on another function', () => {
    const written = template({
      Thing: {
        Type: 'AWS::X::Y',
        Properties: {
          Ref: { Ref: 'Param' },
          GetAtt: { 'Fn::GetAtt': ['Api', 'Endpoint.Address'] },
          Import: { 'Fn::ImportValue': { 'Fn::Sub': '${AWS::StackName}-x' } },
          Sub: { 'Fn::Sub': ['${A}-${B}', { A: { Ref: 'X' }, B: 'b' }] },
          Strings: ['0o17', '.5', 'yes', 'No', '~', '', '-1', 'plain text', '200'],
        },
      },
    });
    const yaml = serializeTemplate(written, 'yaml');
    expect(yaml).toContain('      Ref: !Ref Param\n');
    expect(yaml).toContain('      GetAtt: !GetAtt Api.Endpoint.Address\n');
    expect(yaml).toContain('      Import:\n        Fn::ImportValue: !Sub ${AWS::StackName}-x\n');
    expect(yaml).toContain('      Sub: !Sub\n        - ${A}-${B}\n        - A: !Ref X\n');
    expect(yaml).toContain(
      '- "0o17"\n        - ".5"\n        - "yes"\n        - "No"\n        - "~"\n        - ""\n        - "-1"\n        - plain text\n        - "200"\n',
    );
    expect(jsYaml.load(yaml, { schema: yamlSchema })).toStrictEqual(JSON.parse(serializeTemplate(written, 'json')));
  });
});
