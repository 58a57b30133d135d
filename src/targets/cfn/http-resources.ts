import type { ApiConfig, MethodSettingConfig, StageConfig } from '../../config/types.js';
import { ref, type HttpApiResource, type HttpRouteSettings, type HttpStageResource } from './template.js';

/**
 * An HTTP API and its stages. Stages deploy automatically when the API changes, so there is
 * no deployment resource; REST-only settings (canary, cache, tracing) have been reported by the
 * config check and are left out.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-api.html
 */

export function buildHttpApi(options: {
  body: Record<string, unknown>;
  api: ApiConfig;
  disableExecuteApiEndpoint?: unknown;
}): HttpApiResource {
  const properties: HttpApiResource['Properties'] = { Body: options.body };
  if (options.api.name !== undefined) properties.Name = options.api.name;
  if (options.api.description !== undefined) properties.Description = options.api.description;
  if (options.disableExecuteApiEndpoint !== undefined) properties.DisableExecuteApiEndpoint = options.disableExecuteApiEndpoint;
  return { Type: 'AWS::ApiGatewayV2::Api', Properties: properties };
}

/** @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-stage.html */
export function buildHttpStage(options: { stage: StageConfig; apiId: string }): HttpStageResource {
  const { stage, apiId } = options;
  const properties: HttpStageResource['Properties'] = { ApiId: ref(apiId), StageName: stage.name, AutoDeploy: true };
  if (stage.description !== undefined) properties.Description = stage.description;
  if (Object.keys(stage.variables).length > 0) properties.StageVariables = stage.variables;
  if (stage.accessLogSetting) {
    properties.AccessLogSettings = { DestinationArn: stage.accessLogSetting.destinationArn, Format: stage.accessLogSetting.format };
  }
  const all = stage.methodSettings.find((setting) => setting.resourcePath === '/*');
  const defaults = all ? routeSettings(all) : undefined;
  if (defaults) properties.DefaultRouteSettings = defaults;
  const routes = stage.methodSettings.flatMap((setting) => {
    const settings = setting.resourcePath === '/*' ? undefined : routeSettings(setting);
    return settings ? [[`${setting.httpMethod} ${setting.resourcePath}`, settings] as const] : [];
  });
  if (routes.length > 0) properties.RouteSettings = Object.fromEntries(routes);
  return { Type: 'AWS::ApiGatewayV2::Stage', Properties: properties };
}

/** The settings HTTP API routes have: throttling and detailed metrics. */
function routeSettings(setting: MethodSettingConfig): HttpRouteSettings | undefined {
  const settings: HttpRouteSettings = {};
  if (setting.throttlingRateLimit !== undefined) settings.ThrottlingRateLimit = setting.throttlingRateLimit;
  if (setting.throttlingBurstLimit !== undefined) settings.ThrottlingBurstLimit = setting.throttlingBurstLimit;
  if (setting.metricsEnabled !== undefined) settings.DetailedMetricsEnabled = setting.metricsEnabled;
  return Object.keys(settings).length > 0 ? settings : undefined;
}
