import type { ApiConfig, MethodSettingConfig, StageConfig } from '../../config/types.js';
import type { ApiModel } from '../../model/types.js';
import { ref, type DeploymentResource, type MethodSetting, type RestApiResource, type StageResource } from './template.js';

/**
 * The REST API, its deployment and its stages.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-restapi.html
 */

/** The RestApi: the document as `Body`, and the settings API Gateway reads from properties rather than from the body. */
export function buildRestApi(options: { model: ApiModel; body: Record<string, unknown>; api: ApiConfig }): RestApiResource {
  const { model, body, api } = options;
  // The default import mode, which keeps the settings given as properties beside the body.
  const properties: RestApiResource['Properties'] = { Body: body };
  if (api.name !== undefined) properties.Name = api.name;
  if (api.description !== undefined) properties.Description = api.description;
  const endpoint = endpointConfiguration(model, body);
  const vpcEndpointIds = api.vpcEndpointIds.length > 0 ? api.vpcEndpointIds : endpoint.vpcEndpointIds;
  const type = api.endpointType ?? (vpcEndpointIds ? 'PRIVATE' : undefined);
  if (type !== undefined) {
    properties.EndpointConfiguration = { Types: [type] };
    if (vpcEndpointIds) properties.EndpointConfiguration.VpcEndpointIds = vpcEndpointIds;
    if (endpoint.ipAddressType !== undefined) properties.EndpointConfiguration.IpAddressType = endpoint.ipAddressType;
  }
  if (endpoint.disableExecuteApiEndpoint !== undefined) properties.DisableExecuteApiEndpoint = endpoint.disableExecuteApiEndpoint;
  if (model.binaryMediaTypes.length > 0) properties.BinaryMediaTypes = model.binaryMediaTypes;
  if (model.minimumCompressionSize !== undefined) properties.MinimumCompressionSize = model.minimumCompressionSize;
  if (model.apiKeySource !== undefined) properties.ApiKeySourceType = model.apiKeySource.toUpperCase();
  const policy = body['x-amazon-apigateway-policy'];
  if (policy !== undefined && policy !== null) properties.Policy = policy;
  return { Type: 'AWS::ApiGateway::RestApi', Properties: properties };
}

/**
 * `x-amazon-apigateway-endpoint-configuration`, from the first server (OpenAPI 3) or the root
 * (Swagger 2.0, kept there by the conversion). Values come from the rewritten body, so
 * intrinsic functions stay valid.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-endpoint-configuration.html
 */
export function endpointConfiguration(
  model: ApiModel,
  body: Record<string, unknown>,
): { vpcEndpointIds?: unknown[]; ipAddressType?: unknown; disableExecuteApiEndpoint?: unknown } {
  const servers = Array.isArray(body.servers) ? (body.servers as unknown[]) : [];
  const first = model.servers.length > 0 ? (servers[0] as Record<string, unknown> | undefined) : undefined;
  const extension = (first?.['x-amazon-apigateway-endpoint-configuration'] ?? body['x-amazon-apigateway-endpoint-configuration']) as
    Record<string, unknown> | undefined;
  if (extension === null || typeof extension !== 'object') return {};
  const result: { vpcEndpointIds?: unknown[]; ipAddressType?: unknown; disableExecuteApiEndpoint?: unknown } = {};
  if (Array.isArray(extension.vpcEndpointIds) && extension.vpcEndpointIds.length > 0) result.vpcEndpointIds = extension.vpcEndpointIds;
  if (extension.ipAddressType !== undefined) result.ipAddressType = extension.ipAddressType;
  if (extension.disableExecuteApiEndpoint !== undefined) result.disableExecuteApiEndpoint = extension.disableExecuteApiEndpoint;
  return result;
}

/**
 * A deployment whose logical id carries a hash of the body: CloudFormation never redeploys an
 * unchanged resource, so a new id is what makes a changed document reach the stages.
 * @see https://github.com/aws/serverless-application-model/issues/479
 */
export function buildDeployment(options: { apiId: string; bodyHash: string }): DeploymentResource {
  return {
    Type: 'AWS::ApiGateway::Deployment',
    Properties: { RestApiId: ref(options.apiId), Description: `The document with SHA-256 ${options.bodyHash}` },
  };
}

/** @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-stage.html */
export function buildStage(options: { stage: StageConfig; apiId: string; deploymentId: string }): StageResource {
  const { stage, apiId, deploymentId } = options;
  const properties: StageResource['Properties'] = { RestApiId: ref(apiId), StageName: stage.name, DeploymentId: ref(deploymentId) };
  if (stage.description !== undefined) properties.Description = stage.description;
  if (Object.keys(stage.variables).length > 0) properties.Variables = stage.variables;
  if (stage.methodSettings.length > 0) properties.MethodSettings = stage.methodSettings.map(methodSetting);
  if (stage.cacheClusterEnabled !== undefined || stage.cacheClusterSize !== undefined) {
    properties.CacheClusterEnabled = stage.cacheClusterEnabled ?? true;
  }
  if (stage.cacheClusterSize !== undefined) properties.CacheClusterSize = stage.cacheClusterSize;
  if (stage.tracingEnabled !== undefined) properties.TracingEnabled = stage.tracingEnabled;
  if (stage.accessLogSetting) {
    properties.AccessLogSetting = { DestinationArn: stage.accessLogSetting.destinationArn, Format: stage.accessLogSetting.format };
  }
  const canary = stage.canarySetting;
  if (canary) {
    // The canary runs the same deployment; what differs is its stage variables (a Lambda alias, say).
    properties.CanarySetting = { DeploymentId: ref(deploymentId), PercentTraffic: canary.percentTraffic };
    if (Object.keys(canary.stageVariableOverrides).length > 0)
      properties.CanarySetting.StageVariableOverrides = canary.stageVariableOverrides;
    if (canary.useStageCache !== undefined) properties.CanarySetting.UseStageCache = canary.useStageCache;
  }
  return { Type: 'AWS::ApiGateway::Stage', Properties: properties };
}

function methodSetting(setting: MethodSettingConfig): MethodSetting {
  const result: MethodSetting = { ResourcePath: encodeResourcePath(setting.resourcePath), HttpMethod: setting.httpMethod };
  if (setting.throttlingRateLimit !== undefined) result.ThrottlingRateLimit = setting.throttlingRateLimit;
  if (setting.throttlingBurstLimit !== undefined) result.ThrottlingBurstLimit = setting.throttlingBurstLimit;
  if (setting.cachingEnabled !== undefined) result.CachingEnabled = setting.cachingEnabled;
  if (setting.cacheTtlInSeconds !== undefined) result.CacheTtlInSeconds = setting.cacheTtlInSeconds;
  if (setting.cacheDataEncrypted !== undefined) result.CacheDataEncrypted = setting.cacheDataEncrypted;
  if (setting.loggingLevel !== undefined) result.LoggingLevel = setting.loggingLevel;
  if (setting.dataTraceEnabled !== undefined) result.DataTraceEnabled = setting.dataTraceEnabled;
  if (setting.metricsEnabled !== undefined) result.MetricsEnabled = setting.metricsEnabled;
  return result;
}

/**
 * A method setting's resource path, with the slashes after the first written `~1`:
 * `/pets/{id}` → `/~1pets~1{id}`; `/*` and `/` stay.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-apigateway-stage-methodsetting.html
 */
function encodeResourcePath(path: string): string {
  if (path === '/*' || path === '/') return path;
  return '/' + path.replaceAll('~', '~0').replaceAll('/', '~1');
}
