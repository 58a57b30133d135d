import type { ApiKeyConfig, ThrottleConfig, UsagePlanConfig } from '../../config/types.js';
import { ref, type ApiKeyResource, type ThrottleSettings, type UsagePlanKeyResource, type UsagePlanResource } from './template.js';

/**
 * Usage plans, their API keys and the keys' membership. A key's value, when fixed, comes from a
 * NoEcho parameter: a template never holds a secret.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html
 */

export function buildUsagePlan(options: { plan: UsagePlanConfig; apiId: string; stageIds: Map<string, string> }): UsagePlanResource {
  const { plan, apiId, stageIds } = options;
  const methodThrottles = Object.fromEntries(plan.methodThrottles.map(({ key, ...throttle }) => [key, throttleSettings(throttle)]));
  const properties: UsagePlanResource['Properties'] = {
    UsagePlanName: plan.name,
    ApiStages: plan.stages.map((stage) => ({
      ApiId: ref(apiId),
      // A Ref to the stage, not its name: the plan must wait for the stage to exist.
      Stage: ref(stageIds.get(stage)!),
      ...(plan.methodThrottles.length > 0 ? { Throttle: methodThrottles } : {}),
    })),
  };
  if (plan.description !== undefined) properties.Description = plan.description;
  if (plan.throttle) properties.Throttle = throttleSettings(plan.throttle);
  if (plan.quota) {
    properties.Quota = { Limit: plan.quota.limit, Period: plan.quota.period };
    if (plan.quota.offset !== undefined) properties.Quota.Offset = plan.quota.offset;
  }
  return { Type: 'AWS::ApiGateway::UsagePlan', Properties: properties };
}

export function buildApiKey(key: ApiKeyConfig): ApiKeyResource {
  const properties: ApiKeyResource['Properties'] = { Name: key.name, Enabled: key.enabled ?? true };
  if (key.description !== undefined) properties.Description = key.description;
  if (key.valueParameter !== undefined) properties.Value = ref(key.valueParameter);
  return { Type: 'AWS::ApiGateway::ApiKey', Properties: properties };
}

export function buildUsagePlanKey(options: { keyId: string; planId: string }): UsagePlanKeyResource {
  return {
    Type: 'AWS::ApiGateway::UsagePlanKey',
    Properties: { KeyId: ref(options.keyId), KeyType: 'API_KEY', UsagePlanId: ref(options.planId) },
  };
}

/**
 * Each API key once, with the settings given wherever it is listed (the config check ensures
 * they agree), in name order.
 */
export function distinctApiKeys(plans: readonly UsagePlanConfig[]): ApiKeyConfig[] {
  const keys = new Map<string, ApiKeyConfig>();
  for (const key of plans.flatMap((plan) => plan.apiKeys)) keys.set(key.name, { ...key, ...keys.get(key.name) });
  return [...keys.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function throttleSettings(throttle: ThrottleConfig): ThrottleSettings {
  const settings: ThrottleSettings = {};
  if (throttle.rateLimit !== undefined) settings.RateLimit = throttle.rateLimit;
  if (throttle.burstLimit !== undefined) settings.BurstLimit = throttle.burstLimit;
  return settings;
}
