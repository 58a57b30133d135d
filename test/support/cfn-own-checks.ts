/**
 * Checks of a CloudFormation template for what the resource model does not know: the values API
 * Gateway accepts for quota periods, cache sizes, canary traffic, stage names and variables,
 * access log formats and method settings paths.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html
 */

const CACHE_SIZES = ['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237'];
const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'ANY', '*'];
const MAX_QUOTA_OFFSET: Record<string, number> = { DAY: 0, WEEK: 6, MONTH: 27 };

type Properties = Record<string, unknown>;

/** Problems found, as `path: message`; empty when the template passes. */
export function checkApiGatewayValues(template: { Resources: Record<string, { Type: string; Properties: Properties }> }): string[] {
  const problems: string[] = [];
  for (const [id, { Type: type, Properties: properties }] of Object.entries(template.Resources)) {
    const at = (key: string, message: string) => problems.push(`/Resources/${id}/Properties/${key}: ${message}`);
    if (type === 'AWS::ApiGateway::Stage' || type === 'AWS::ApiGatewayV2::Stage') {
      const name = String(properties.StageName);
      const pattern = type === 'AWS::ApiGateway::Stage' ? /^[A-Za-z0-9_-]{1,128}$/ : /^(\$default|[A-Za-z0-9_-]{1,128})$/;
      if (!pattern.test(name)) at('StageName', `${JSON.stringify(name)} is not a stage name`);
      const variables = (properties.Variables ?? properties.StageVariables ?? {}) as Record<string, unknown>;
      problems.push(...checkVariables(variables).map((problem) => `/Resources/${id}/Properties/Variables: ${problem}`));
      const log = (properties.AccessLogSetting ?? properties.AccessLogSettings) as { Format?: unknown } | undefined;
      if (log && !/\$context\.requestId\b/.test(String(log.Format))) at('AccessLogSetting/Format', 'lacks $context.requestId');
    }
    if (type === 'AWS::ApiGateway::Stage') {
      if (properties.CacheClusterSize !== undefined && !CACHE_SIZES.includes(String(properties.CacheClusterSize))) {
        at('CacheClusterSize', `${JSON.stringify(properties.CacheClusterSize)} is not a cache size`);
      }
      if (properties.CacheClusterSize !== undefined && properties.CacheClusterEnabled !== true)
        at('CacheClusterEnabled', 'must be true with a size');
      const canary = properties.CanarySetting as { PercentTraffic?: unknown; StageVariableOverrides?: Record<string, unknown> } | undefined;
      if (canary) {
        const percent = canary.PercentTraffic;
        if (typeof percent !== 'number' || percent < 0 || percent > 100)
          at('CanarySetting/PercentTraffic', `${JSON.stringify(percent)} is not 0 to 100`);
        problems.push(
          ...checkVariables(canary.StageVariableOverrides ?? {}).map((problem) => `/Resources/${id}/Properties/CanarySetting: ${problem}`),
        );
      }
      for (const [index, setting] of ((properties.MethodSettings ?? []) as { ResourcePath?: string; HttpMethod?: string }[]).entries()) {
        const path = String(setting.ResourcePath);
        if (!(path === '/*' || path === '/' || /^\/~1[^/]*$/.test(path)))
          at(`MethodSettings/${index}/ResourcePath`, `${path} is not an encoded path`);
        if (!METHODS.includes(String(setting.HttpMethod)))
          at(`MethodSettings/${index}/HttpMethod`, `${String(setting.HttpMethod)} is not a method`);
        if ((path === '/*') !== (setting.HttpMethod === '*')) at(`MethodSettings/${index}`, '/* goes with the method * only');
      }
    }
    if (type === 'AWS::ApiGateway::UsagePlan') {
      const quota = properties.Quota as { Period?: unknown; Offset?: unknown; Limit?: unknown } | undefined;
      if (quota) {
        const period = String(quota.Period);
        if (!(period in MAX_QUOTA_OFFSET)) at('Quota/Period', `${period} is not DAY, WEEK or MONTH`);
        if (quota.Offset !== undefined && !(Number(quota.Offset) >= 0 && Number(quota.Offset) <= (MAX_QUOTA_OFFSET[period] ?? -1))) {
          at('Quota/Offset', `${String(quota.Offset)} is out of range for ${period}`);
        }
        if (!(Number.isInteger(quota.Limit) && Number(quota.Limit) >= 0)) at('Quota/Limit', 'must be a whole number');
      }
      for (const [index, stage] of ((properties.ApiStages ?? []) as { Throttle?: Record<string, unknown> }[]).entries()) {
        for (const key of Object.keys(stage.Throttle ?? {})) {
          if (!/^\/.*\/(GET|PUT|POST|DELETE|OPTIONS|HEAD|PATCH|ANY)$/.test(key))
            at(`ApiStages/${index}/Throttle`, `${key} is not /path/METHOD`);
        }
      }
    }
    if (type === 'AWS::ApiGateway::ApiKey' && typeof properties.Value === 'string')
      at('Value', 'an API key value is written in the template');
  }
  return problems;
}

function checkVariables(variables: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (Object.keys(variables).length > 100) problems.push('more than 100 stage variables');
  for (const [name, value] of Object.entries(variables)) {
    if (!/^[A-Za-z0-9_]{1,64}$/.test(name)) problems.push(`${name} is not a stage variable name`);
    if (typeof value !== 'string' || !/^[A-Za-z0-9\-._~:/?#&=,]{1,512}$/.test(value))
      problems.push(`${name}: ${JSON.stringify(value)} is not a stage variable value`);
  }
  return problems;
}
