import { closestMatch } from '../checks/closest-match.js';
import { UsageError } from '../diagnostics/diagnostic.js';
import { joinPointer } from '../diagnostics/json-pointer.js';
import type { ApiModel } from '../model/types.js';
import { apiStages } from './api-stages.js';
import { ConfigError, formatConfigProblem, type ConfigProblem } from './config-error.js';
import type { LoadedConfig } from './load-config.js';

/** Settings of a stage or method that HTTP APIs do not have. */
const REST_ONLY_STAGE_SETTINGS = ['cacheClusterEnabled', 'cacheClusterSize', 'tracingEnabled', 'canarySetting'] as const;
const REST_ONLY_METHOD_SETTINGS = [
  'cachingEnabled',
  'cacheTtlInSeconds',
  'cacheDataEncrypted',
  'loggingLevel',
  'dataTraceEnabled',
] as const;

/**
 * Checks a config against the API it deploys: the methods it names exist, the functions it maps
 * are the document's, every stage defines the stage variables that pick Lambda functions.
 * Throws a ConfigError for mistakes; returns warnings for settings the kind of API does not
 * have (an HTTP API has no usage plans, canaries or caches), which are left out.
 */
export function checkConfigForApi(loaded: LoadedConfig, model: ApiModel): ConfigProblem[] {
  const { config, source } = loaded;
  const errors: ConfigProblem[] = [];
  const warnings: ConfigProblem[] = [];
  const problemAt = (pointer: string, message: string): ConfigProblem =>
    source ? source.problemAt(pointer, message) : { file: '(no config file)', pointer, message };
  const error = (pointer: string, message: string) => errors.push(problemAt(pointer, message));
  const warn = (pointer: string, message: string) => warnings.push(problemAt(pointer, message));
  const http = model.kind === 'http';
  const methods = methodIndex(model);

  const checkMethodKey = (pointer: string, key: { resourcePath: string; httpMethod: string }) => {
    if (key.resourcePath === '/*') return;
    const pathMethods = methods.get(key.resourcePath);
    if (!pathMethods) {
      const guess = closestMatch(key.resourcePath, [...methods.keys()]);
      error(pointer, `names the path ${key.resourcePath}, which the document does not have${guess ? ` (did you mean ${guess}?)` : ''}`);
    } else if (key.httpMethod !== '*' && !pathMethods.has(key.httpMethod) && !pathMethods.has('ANY')) {
      error(
        pointer,
        `names ${key.httpMethod} ${key.resourcePath}, which the document does not have; it has ${[...pathMethods].sort().join(', ')}`,
      );
    }
  };

  for (const stage of config.stages) {
    const pointer = joinPointer('/stages', stage.name);
    if (stage.name === '$default' && !http) error(pointer, 'is an HTTP API stage name; REST API stage names are letters, digits, - and _');
    for (const setting of stage.methodSettings) {
      const settingPointer = joinPointer(pointer, 'methodSettings', setting.key);
      checkMethodKey(settingPointer, setting);
      if (http && setting.httpMethod === '*' && setting.resourcePath !== '/*') {
        error(settingPointer, 'HTTP APIs take route settings per route: name a method, or use "/*/*" for every route');
      }
      for (const name of http ? REST_ONLY_METHOD_SETTINGS : []) {
        if (setting[name] !== undefined)
          warn(joinPointer(settingPointer, name), 'is a REST API setting; HTTP APIs do not have it, so it is left out');
      }
    }
    for (const name of http ? REST_ONLY_STAGE_SETTINGS : []) {
      if (stage[name] !== undefined) warn(joinPointer(pointer, name), 'is a REST API setting; HTTP APIs do not have it, so it is left out');
    }
  }
  for (const plan of config.usagePlans) {
    for (const throttle of plan.methodThrottles) {
      const key = {
        resourcePath: throttle.key.slice(0, throttle.key.lastIndexOf('/')) || '/',
        httpMethod: throttle.key.slice(throttle.key.lastIndexOf('/') + 1),
      };
      checkMethodKey(joinPointer('/usagePlans', plan.name, 'throttle', throttle.key), key);
    }
  }
  if (http && config.usagePlans.length > 0) warn('/usagePlans', 'HTTP APIs have no usage plans or API keys; they are left out');
  if (http && config.api.endpointType !== undefined && config.api.endpointType !== 'REGIONAL') {
    warn('/api/endpointType', 'HTTP APIs are always REGIONAL; the setting is left out');
  }

  const functionIds = new Set(functionRefs(model).flatMap((ref) => (ref.logicalId ? [ref.logicalId] : [])));
  for (const id of Object.keys(config.api.functions).sort()) {
    if (functionIds.has(id)) continue;
    const guess = closestMatch(id, [...functionIds]);
    const known =
      functionIds.size === 0 ? 'the document names no function by logical id' : `it names ${[...functionIds].sort().join(', ')}`;
    error(
      joinPointer('/api/functions', id),
      `is not a Lambda function the document names as \${${id}.Arn}${guess ? ` (did you mean ${guess}?)` : ''}; ${known}`,
    );
  }

  for (const stage of apiStages(config, model)) {
    const variants = [{ variables: stage.variables, pointer: joinPointer('/stages', stage.name, 'variables') }];
    if (stage.canarySetting && !http) {
      variants.push({
        variables: { ...stage.variables, ...stage.canarySetting.stageVariableOverrides },
        pointer: joinPointer('/stages', stage.name, 'canarySetting', 'stageVariableOverrides'),
      });
    }
    for (const ref of functionRefs(model)) {
      for (const [, name] of (ref.arn ?? '').matchAll(/\$\{!?stageVariables\.([A-Za-z0-9_]+)\}/g)) {
        for (const variant of variants) {
          // Own fields only: a variable named `constructor` is defined only when the config defines it.
          if (Object.hasOwn(variant.variables, name!) && variant.variables[name!] !== undefined) continue;
          error(
            config.stages.length > 0 ? variant.pointer : '/stages',
            `stage ${JSON.stringify(stage.name)} needs the stage variable ${JSON.stringify(name)}: the document invokes the Lambda function ${ref.arn}`,
          );
        }
      }
    }
  }

  if (errors.length > 0 && !source)
    throw new UsageError(
      `the document needs a config file:\n${dedupe(errors)
        .map((problem) => `  ${formatConfigProblem(problem)}`)
        .join('\n')}`,
    );
  if (errors.length > 0) throw new ConfigError(dedupe(errors));
  return warnings;
}

/** Methods by path, `ANY` for `x-amazon-apigateway-any-method`. */
function methodIndex(model: ApiModel): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  for (const operation of model.operations) {
    const methods = index.get(operation.path) ?? new Set<string>();
    methods.add(operation.method);
    index.set(operation.path, methods);
  }
  return index;
}

function functionRefs(model: ApiModel) {
  return [
    ...model.operations.flatMap((operation) => (operation.integration?.functionRef ? [operation.integration.functionRef] : [])),
    ...model.securitySchemes.flatMap((scheme) => (scheme.authorizer?.functionRef ? [scheme.authorizer.functionRef] : [])),
  ];
}

function dedupe(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.pointer}\n${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
