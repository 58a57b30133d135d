import { apiStages } from '../config/api-stages.js';
import type { ApigwGenConfig } from '../config/types.js';
import { UsageError } from '../diagnostics/diagnostic.js';
import type { ApiModel } from '../model/types.js';
import { UsagePlans, type ServedUsagePlan } from './usage-plans.js';

/**
 * What `serve` takes from the config file for one stage: its variables, its method settings'
 * throttles, and the usage plans (with their API keys) that include it. Locally, an API key's
 * value is its name: requests send `x-api-key: <name>`. Disabled keys are refused.
 */
export interface ServedStage {
  name: string;
  variables: Record<string, string>;
  usagePlans: UsagePlans;
  canary?: { percentTraffic: number; stageVariableOverrides: Record<string, string> };
}

export function servedStage(config: ApigwGenConfig, model: ApiModel, requested: string | undefined): ServedStage {
  const stages = apiStages(config, model);
  // Without --stage, the first stage as the file lists it (the config's stages are sorted by name).
  const wanted = requested ?? config.firstStage;
  const stage =
    wanted === undefined
      ? stages[0]!
      : (stages.find((candidate) => candidate.name === wanted) ??
        // Every HTTP API can have the $default stage (SAM's HttpApi and the console create it): served
        // at the root, no stage in the events' paths, whatever stages the config deploys.
        (model.kind === 'http' && wanted === '$default' ? { name: '$default', variables: {}, methodSettings: [] } : undefined));
  if (!stage) {
    throw new UsageError(
      `--stage ${requested}: the config has no such stage (it has ${stages.map((candidate) => candidate.name).join(', ')}).`,
    );
  }
  const plans: ServedUsagePlan[] = config.usagePlans.map((plan) => ({
    name: plan.name,
    stages: plan.stages,
    ...(plan.throttle ? { throttle: plan.throttle } : {}),
    methodThrottles: plan.methodThrottles,
    ...(plan.quota ? { quota: { limit: plan.quota.limit, period: plan.quota.period } } : {}),
    keyValues: plan.apiKeys.filter((key) => key.enabled !== false).map((key) => key.name),
  }));
  const throttles = stage.methodSettings
    .filter((setting) => setting.throttlingRateLimit !== undefined || setting.throttlingBurstLimit !== undefined)
    .map((setting) => ({
      resourcePath: setting.resourcePath,
      httpMethod: setting.httpMethod,
      ...(setting.throttlingRateLimit === undefined ? {} : { rateLimit: setting.throttlingRateLimit }),
      ...(setting.throttlingBurstLimit === undefined ? {} : { burstLimit: setting.throttlingBurstLimit }),
    }));
  const canary = stage.canarySetting && {
    percentTraffic: stage.canarySetting.percentTraffic,
    stageVariableOverrides: stage.canarySetting.stageVariableOverrides,
  };
  return {
    name: stage.name,
    variables: stage.variables,
    usagePlans: new UsagePlans(stage.name, plans, throttles),
    ...(canary ? { canary } : {}),
  };
}
