import { isAbsolute, relative } from 'node:path';
import { joinPointer } from '../diagnostics/json-pointer.js';
import { closestMatch } from '../checks/closest-match.js';
import type { ConfigProblem, ConfigSource } from './config-error.js';
import type { ApigwGenConfig, UsagePlanConfig } from './types.js';

/** The largest quota offset per period: a day has no offset, a week starts on one of 7 days, a month on one of 28. */
const MAX_QUOTA_OFFSET = { DAY: 0, WEEK: 6, MONTH: 27 } as const;

/**
 * What the schema cannot say about a config: references between its parts and rules that
 * span several keys. Returns every problem found.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html
 */
export function checkConfig(config: ApigwGenConfig, source: Pick<ConfigSource, 'problemAt'>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const at = (pointer: string, message: string) => problems.push(source.problemAt(pointer, message));
  const stageNames = config.stages.map((stage) => stage.name);

  for (const stage of config.stages) {
    const pointer = joinPointer('/stages', stage.name);
    if (stage.cacheClusterEnabled === false && stage.cacheClusterSize !== undefined) {
      at(joinPointer(pointer, 'cacheClusterSize'), 'is set while cacheClusterEnabled is false; remove one of them');
    }
    const cached = stage.cacheClusterEnabled === true || stage.cacheClusterSize !== undefined;
    for (const setting of stage.methodSettings) {
      if (setting.cachingEnabled === true && !cached) {
        at(
          joinPointer(pointer, 'methodSettings', setting.key, 'cachingEnabled'),
          'needs the stage cache: set cacheClusterEnabled (and cacheClusterSize) on the stage',
        );
      }
    }
    const format = stage.accessLogSetting?.format;
    if (format !== undefined && !/\$context\.requestId\b/.test(format)) {
      at(joinPointer(pointer, 'accessLogSetting', 'format'), 'must contain $context.requestId, which API Gateway requires in access logs');
    }
    if (format !== undefined && /[\r\n]/.test(format)) {
      at(joinPointer(pointer, 'accessLogSetting', 'format'), 'must be a single line: API Gateway writes one log line per request');
    }
    const firehose = /:firehose:[^:]*:[^:]*:deliverystream\/(.*)$/.exec(stage.accessLogSetting?.destinationArn ?? '');
    if (firehose && !firehose[1]!.startsWith('amazon-apigateway-')) {
      at(
        joinPointer(pointer, 'accessLogSetting', 'destinationArn'),
        'names a Firehose stream, whose name must start with "amazon-apigateway-"',
      );
    }
    if (stage.canarySetting && stage.name === '$default') {
      at(joinPointer(pointer, 'canarySetting'), 'is not available on the $default stage of an HTTP API');
    }
  }

  for (const [id, settings] of Object.entries(config.api.functions)) {
    const sources = (['parameter', 'importValue', 'arn'] as const).filter((key) => settings[key] !== undefined);
    if (sources.length > 1) at(joinPointer('/api/functions', id), `names ${sources.join(' and ')}: give at most one source of its ARN`);
  }

  for (const plan of config.usagePlans) {
    const pointer = joinPointer('/usagePlans', plan.name);
    for (const [index, name] of plan.stages.entries()) {
      if (stageNames.includes(name)) continue;
      const guess = closestMatch(name, stageNames);
      const known =
        stageNames.length === 0
          ? 'the config defines no stages'
          : `stages are ${stageNames.map((stage) => JSON.stringify(stage)).join(', ')}`;
      at(
        joinPointer(pointer, 'stages', index),
        `names the unknown stage ${JSON.stringify(name)}${guess ? ` (did you mean "${guess}"?)` : ''}; ${known}`,
      );
    }
    if (plan.quota?.offset !== undefined && plan.quota.offset > MAX_QUOTA_OFFSET[plan.quota.period]) {
      at(
        joinPointer(pointer, 'quota', 'offset'),
        `must be at most ${MAX_QUOTA_OFFSET[plan.quota.period]} for the period ${plan.quota.period} (got ${plan.quota.offset})`,
      );
    }
    const seen = new Set<string>();
    for (const [index, key] of plan.apiKeys.entries()) {
      if (seen.has(key.name)) at(joinPointer(pointer, 'apiKeys', index), `lists the API key ${JSON.stringify(key.name)} twice`);
      seen.add(key.name);
    }
  }
  checkApiKeys(config.usagePlans, at);

  if (config.api.vpcEndpointIds.length > 0 && config.api.endpointType !== 'PRIVATE') {
    at('/api/vpcEndpointIds', 'applies to PRIVATE APIs only: set endpointType to PRIVATE');
  }
  checkTargetOutputs(config.targets, at);
  return problems;
}

/** Two targets writing one output would undo each other's files, and one inside another's folder would be removed by it. */
function checkTargetOutputs(targets: ApigwGenConfig['targets'], at: (pointer: string, message: string) => void): void {
  targets.forEach((target, index) => {
    const other = targets.findIndex((earlier, earlierIndex) =>
      earlier.out === target.out ? earlierIndex < index : isWithin(target.out, earlier.out),
    );
    if (other >= 0)
      at(
        `/targets/${index}/out`,
        `is the output of target ${other}, or inside it (${targets[other]!.out}); give each target its own output`,
      );
  });
}

function isWithin(path: string, folder: string): boolean {
  const inside = relative(folder, path);
  return !inside.startsWith('..') && !isAbsolute(inside);
}

const KEY_SETTINGS = ['description', 'enabled', 'valueParameter'] as const;
/** The logical ids `cfn` gives its own resources. */
const TEMPLATE_ID = /^(RestApi|HttpApi|(Stage|UsagePlan|UsagePlanKey|ApiKey|Deployment|Permission)[A-Z0-9].*)$/;

/**
 * An API key is one key wherever it is listed: its settings must agree, and API Gateway refuses
 * a key in two usage plans that share a stage.
 */
function checkApiKeys(plans: readonly UsagePlanConfig[], at: (pointer: string, message: string) => void): void {
  const first = new Map<string, { plan: UsagePlanConfig; index: number }>();
  const valueParameters = new Map<string, string>();
  for (const plan of plans) {
    for (const [index, key] of plan.apiKeys.entries()) {
      const pointer = joinPointer('/usagePlans', plan.name, 'apiKeys', index);
      const earlier = first.get(key.name);
      if (!earlier) {
        first.set(key.name, { plan, index });
        if (key.valueParameter !== undefined && TEMPLATE_ID.test(key.valueParameter)) {
          at(joinPointer(pointer, 'valueParameter'), 'is named like a resource of the template; choose another parameter name');
        }
        if (key.valueParameter !== undefined) {
          const owner = valueParameters.get(key.valueParameter);
          if (owner !== undefined)
            at(
              joinPointer(pointer, 'valueParameter'),
              `is also the value of the API key ${JSON.stringify(owner)}; each key needs its own value`,
            );
          valueParameters.set(key.valueParameter, key.name);
        }
        continue;
      }
      if (earlier.plan === plan) continue;
      const other = earlier.plan.apiKeys[earlier.index]!;
      if (KEY_SETTINGS.some((setting) => key[setting] !== undefined && other[setting] !== undefined && key[setting] !== other[setting])) {
        at(
          pointer,
          `describes the API key ${JSON.stringify(key.name)} differently from usage plan ${JSON.stringify(earlier.plan.name)}; describe it the same way, or in one plan only`,
        );
      }
      const shared = plan.stages.filter((stage) => earlier.plan.stages.includes(stage));
      if (shared.length > 0) {
        at(
          pointer,
          `puts the API key ${JSON.stringify(key.name)} in a second usage plan for stage ${JSON.stringify(shared[0])} (it is in ${JSON.stringify(earlier.plan.name)}); API Gateway allows one plan per key and stage`,
        );
      }
    }
  }
}
