import { createHash } from 'node:crypto';
import { getAtPointer, joinPointer } from '../../diagnostics/json-pointer.js';
import { authorizerPlaceholderFields, integrationPlaceholderFields } from '../../document/placeholders.js';
import { isRecord } from '../../document/resolve-ref.js';
import { apiStages } from '../../config/api-stages.js';
import type { ApigwGenConfig } from '../../config/types.js';
import { assignUniqueNames, splitWords } from '../../model/names.js';
import { sortKeys } from '../../model/sort-keys.js';
import type { ApiModel } from '../../model/types.js';
import { resolveReferences, type PlaceholderField } from './body-references.js';
import { buildHttpApi, buildHttpStage } from './http-resources.js';
import { functionSites, placeholderFunctions, planLambdaPermissions, type StageVariables } from './lambda-permissions.js';
import { buildDeployment, buildRestApi, buildStage, endpointConfiguration } from './rest-resources.js';
import { ref, sub, type Output, type Parameter, type Resource, type Template } from './template.js';
import { buildApiKey, buildUsagePlan, buildUsagePlanKey, distinctApiKeys } from './usage-plans.js';

export interface CfnTemplateOptions {
  /** The loaded (bundled) document: the API's `Body`. */
  document: Record<string, unknown>;
  /** A checked config (`loadConfig`, `checkConfigForApi`). */
  config: ApigwGenConfig;
  /** The document's file name, for the template's description: no folders, so output does not depend on where it runs. */
  documentName: string;
}

export interface CfnTemplate {
  template: Template;
  /** Things the template leaves to the user (a Lambda function it cannot name, say). */
  warnings: string[];
}

/** The length of the body hash in the deployment's logical id: enough to tell versions apart. */
const HASH_LENGTH = 10;

/**
 * Builds the CloudFormation template of an API: the API with the document as its body, its
 * deployment and stages, usage plans and API keys (REST APIs), and Lambda permissions.
 */
export function buildCfnTemplate(model: ApiModel, options: CfnTemplateOptions): CfnTemplate {
  const { config } = options;
  const rest = model.kind === 'rest';
  const stages = apiStages(config, model);
  const plans = rest ? config.usagePlans : [];
  const keys = distinctApiKeys(plans);

  // The template's own logical ids first; names from the document make way for them.
  const apiId = rest ? 'RestApi' : 'HttpApi';
  const ids = assignUniqueNames(
    [
      ...stages.map((stage) => ({ key: `stage:${stage.name}`, identifier: `Stage${pascal(stage.name)}` })),
      ...plans.map((plan) => ({ key: `plan:${plan.name}`, identifier: `UsagePlan${pascal(plan.name)}` })),
      ...keys.map((key) => ({ key: `key:${key.name}`, identifier: `ApiKey${pascal(key.name)}` })),
      ...plans.flatMap((plan) =>
        plan.apiKeys.map((key) => ({
          key: `plan-key:${plan.name}:${key.name}`,
          identifier: `UsagePlanKey${pascal(plan.name)}${pascal(key.name)}`,
        })),
      ),
    ],
    [apiId],
  );
  const stageIds = new Map(stages.map((stage) => [stage.name, ids.get(`stage:${stage.name}`)!]));
  const keyParameters = keys.flatMap((key) => (key.valueParameter === undefined ? [] : [key.valueParameter]));

  const sites = functionSites(model);
  const functionIds = [
    ...new Set(
      [
        ...model.operations.map((operation) => operation.integration?.functionRef),
        ...model.securitySchemes.map((scheme) => scheme.authorizer?.functionRef),
      ]
        .map((functionRef) => functionRef?.logicalId)
        .filter((id) => id !== undefined),
    ),
  ];
  const resolved = resolveReferences({
    document: sortKeys(options.document) as Record<string, unknown>,
    placeholderFields: placeholderFields(model, options.document),
    placeholderFunctions: placeholderFunctions(options.document, sites),
    taken: [apiId, ...ids.values(), ...keyParameters],
    functionIds,
    functions: config.api.functions,
  });
  const bodyHash = createHash('sha256').update(JSON.stringify(resolved.body)).digest('hex');
  const deploymentId = `Deployment${bodyHash.slice(0, HASH_LENGTH)}`;

  const resources: Record<string, Resource> = {};
  const outputs: Record<string, Output> = {
    ApiId: { Description: `Id of the ${rest ? 'REST' : 'HTTP'} API`, Value: ref(apiId) },
  };
  if (rest) {
    resources[apiId] = buildRestApi({ model, body: resolved.body, api: config.api });
    resources[deploymentId] = buildDeployment({ apiId, bodyHash });
  } else {
    const { disableExecuteApiEndpoint } = endpointConfiguration(model, resolved.body);
    resources[apiId] = buildHttpApi({ body: resolved.body, api: config.api, disableExecuteApiEndpoint });
  }
  for (const stage of stages) {
    const id = stageIds.get(stage.name)!;
    resources[id] = rest ? buildStage({ stage, apiId, deploymentId }) : buildHttpStage({ stage, apiId });
    const path = stage.name === '$default' ? '' : rest ? `/\${${id}}` : `/${stage.name}`;
    outputs[`InvokeUrl${id.slice('Stage'.length)}`] = {
      Description: `Invoke URL of the stage ${stage.name}`,
      Value: sub(`https://\${${apiId}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}${path}`),
    };
  }
  for (const plan of plans) {
    const planId = ids.get(`plan:${plan.name}`)!;
    resources[planId] = buildUsagePlan({ plan, apiId, stageIds });
    for (const key of plan.apiKeys) {
      resources[ids.get(`plan-key:${plan.name}:${key.name}`)!] = buildUsagePlanKey({ keyId: ids.get(`key:${key.name}`)!, planId });
    }
  }
  const parameters: Record<string, Parameter> = { ...resolved.parameters };
  for (const key of keys) {
    const keyId = ids.get(`key:${key.name}`)!;
    resources[keyId] = buildApiKey(key);
    outputs[`${keyId}Id`] = { Description: `Id of the API key ${key.name}`, Value: ref(keyId) };
    if (key.valueParameter !== undefined) {
      parameters[key.valueParameter] = {
        Type: 'String',
        Description: `Value of the API key ${key.name} (20 to 128 characters)`,
        NoEcho: true,
        MinLength: 20,
        MaxLength: 128,
      };
    }
  }

  const { permissions, warnings: permissionWarnings } = planLambdaPermissions({
    body: resolved.body,
    sites,
    stages: stageVariables(stages, rest),
    sourceArn: sub(`arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${apiId}}/*`),
    invocationParameters: resolved.invocationParameters,
  });
  const permissionIds = assignUniqueNames(
    permissions.map((permission, index) => ({ key: String(index), identifier: `Permission${pascal(permission.name)}` })),
    [...Object.keys(resources), ...Object.keys(parameters), ...Object.keys(resolved.conditions)],
  );
  for (const [index, permission] of permissions.entries()) resources[permissionIds.get(String(index))!] = permission.resource;

  const template: Template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: description(model, options.documentName),
    Metadata: {
      'apigw-gen': {
        generatedFrom: options.documentName,
        note: 'Generated by apigw-gen: edit the document or the config, then run apigw-gen cfn again.',
      },
    },
    Resources: sortedRecord(resources),
    Outputs: sortedRecord(outputs),
  };
  if (Object.keys(parameters).length > 0) template.Parameters = sortedRecord(parameters);
  if (Object.keys(resolved.conditions).length > 0) template.Conditions = sortedRecord(resolved.conditions);
  return { template: orderSections(template), warnings: [...deploymentWarnings(model, resources[apiId]), ...permissionWarnings] };
}

/** What API Gateway refuses to deploy: a REST API without methods, a private one without a resource policy. */
function deploymentWarnings(model: ApiModel, api: Resource | undefined): string[] {
  if (api?.Type !== 'AWS::ApiGateway::RestApi') return [];
  const warnings: string[] = [];
  if (model.operations.length === 0) warnings.push('the document has no operations: API Gateway will not deploy it');
  if (api.Properties.EndpointConfiguration?.Types.includes('PRIVATE') && api.Properties.Policy === undefined) {
    warnings.push('a PRIVATE API needs a resource policy (x-amazon-apigateway-policy): API Gateway will not deploy it without one');
  }
  return warnings;
}

/**
 * The plain string fields of integrations and authorizers where `${…}` names a resource of the
 * document's template (ARNs) or is a placeholder for another tool (those and mapping templates).
 */
function placeholderFields(model: ApiModel, document: Record<string, unknown>): PlaceholderField[] {
  const fields = new Map<string, PlaceholderField>();
  const add = (pointer: string, found: readonly { path: string[]; template: boolean }[]) => {
    for (const field of found) {
      const fieldPointer = joinPointer(pointer, ...field.path);
      fields.set(fieldPointer, { pointer: fieldPointer, template: field.template });
    }
  };
  for (const operation of model.operations) {
    if (operation.integration) add(operation.integration.pointer, integrationPlaceholderFields(operation.integration.raw));
  }
  for (const scheme of model.securitySchemes) {
    const authorizer = scheme.authorizer && getAtPointer(document, scheme.authorizer.pointer);
    if (isRecord(authorizer)) add(scheme.authorizer!.pointer, authorizerPlaceholderFields(authorizer));
  }
  return [...fields.values()];
}

/** The stage variables each stage, and each canary, calls functions with. */
function stageVariables(stages: ReturnType<typeof apiStages>, rest: boolean): StageVariables[] {
  return stages.flatMap((stage) => [
    { stage: stage.name, variables: stage.variables },
    ...(rest && stage.canarySetting
      ? [{ stage: `${stage.name} (canary)`, variables: { ...stage.variables, ...stage.canarySetting.stageVariableOverrides } }]
      : []),
  ]);
}

/** CloudFormation limits a template's description to 1024 bytes. */
function description(model: ApiModel, documentName: string): string {
  // `${…}` left in the title would read as a variable outside Fn::Sub.
  const title = model.title.replace(/\$\{([^}]*)\}/g, '{$1}');
  const text = `${model.kind === 'rest' ? 'REST' : 'HTTP'} API ${title}, from ${documentName} (generated by apigw-gen)`;
  return Buffer.byteLength(text) <= 1024
    ? text
    : Buffer.from(text)
        .subarray(0, 1021)
        .toString('utf8')
        .replace(/\uFFFD$/, '') + '...';
}

/** Sections in the order CloudFormation's documentation lists them. */
function orderSections(template: Template): Template {
  const { AWSTemplateFormatVersion, Description, Metadata, Parameters, Conditions, Resources, Outputs } = template;
  return {
    AWSTemplateFormatVersion,
    Description,
    Metadata,
    ...(Parameters ? { Parameters } : {}),
    ...(Conditions ? { Conditions } : {}),
    Resources,
    Outputs,
  };
}

/** Logical ids are letters and digits. */
function pascal(name: string): string {
  return splitWords(name)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}

function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
