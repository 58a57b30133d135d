import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiStages, defaultStageName } from '../../../src/config/api-stages.js';
import { checkConfigForApi } from '../../../src/config/check-config-for-api.js';
import { ConfigError } from '../../../src/config/config-error.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { EMPTY_CONFIG } from '../../../src/config/types.js';
import { UsageError } from '../../../src/diagnostics/diagnostic.js';
import { loadApi } from '../../../src/index.js';
import type { ApiModel } from '../../../src/model/types.js';
import { fixturesRoot } from '../../support/paths.js';

const modelOf = async (name: string) => (await loadApi(join(fixturesRoot, 'valid', name))).model;

async function configFile(text: string) {
  const cwd = mkdtempSync(join(tmpdir(), 'apigw-gen-config-api-'));
  writeFileSync(join(cwd, 'apigw-gen.config.yaml'), text);
  return loadConfig({ cwd });
}

async function problemsOf(text: string, model: ApiModel): Promise<{ pointer: string; line?: number; message: string }[]> {
  try {
    return checkConfigForApi(await configFile(text), model).map(({ pointer, line, message }) => ({ pointer, line, message }));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map(({ pointer, line, message }) => ({ pointer, line, message }));
  }
}

describe('checkConfigForApi', () => {
  it('accepts methods, throttles and function mappings the document has', async () => {
    const model = await modelOf('cfn-values.yaml');
    const text = `stages:
  prod:
    methodSettings:
      /*/*: { metricsEnabled: true }
      /items/GET: { throttlingRateLimit: 5 }
      /items/{itemId}/history/*: { metricsEnabled: false }
usagePlans:
  free:
    stages: [prod]
    throttle:
      /imports/POST: { rateLimit: 1 }
api:
  functions:
    ItemsFunction: { importValue: shared-ItemsFunctionArn }
`;
    expect(await problemsOf(text, model)).toStrictEqual([]);
  });

  it('rejects methods, paths and functions the document does not have', async () => {
    const model = await modelOf('cfn-values.yaml');
    const text = `stages:
  prod:
    methodSettings:
      /items/DELETE: { metricsEnabled: true }
      /itemz/GET: { metricsEnabled: true }
usagePlans:
  free:
    stages: [prod]
    throttle:
      /imports/GET: { rateLimit: 1 }
api:
  functions:
    ItemFunction: { parameter: ItemArn }
`;
    expect(await problemsOf(text, model)).toStrictEqual([
      {
        pointer: '/stages/prod/methodSettings/~1items~1DELETE',
        line: 4,
        message: 'names DELETE /items, which the document does not have; it has GET, POST',
      },
      {
        pointer: '/stages/prod/methodSettings/~1itemz~1GET',
        line: 5,
        message: 'names the path /itemz, which the document does not have (did you mean /items?)',
      },
      {
        pointer: '/usagePlans/free/throttle/~1imports~1GET',
        line: 10,
        message: 'names GET /imports, which the document does not have; it has POST',
      },
      {
        pointer: '/api/functions/ItemFunction',
        line: 13,
        message:
          'is not a Lambda function the document names as ${ItemFunction.Arn} (did you mean ItemsFunction?); it names ItemsFunction, OtherFunction',
      },
    ]);
  });

  it('requires every stage and canary to define the stage variables that pick Lambda functions', async () => {
    const model = await modelOf('rest-lambda-proxy.yaml');
    const text = `stages:
  prod:
    variables: { alias: live }
    canarySetting: { percentTraffic: 5, stageVariableOverrides: { other: x } }
  beta: {}
`;
    expect(await problemsOf(text, model)).toStrictEqual([
      {
        pointer: '/stages/beta/variables',
        line: 5,
        message:
          'stage "beta" needs the stage variable "alias": the document invokes the Lambda function arn:aws:lambda:us-east-1:123456789012:function:catalog-${stageVariables.alias}',
      },
    ]);
    // Without a config, the default stage has no variables: a usage error says what to add.
    expect(() => checkConfigForApi({ config: EMPTY_CONFIG }, model)).toThrow(UsageError);
    expect(() => checkConfigForApi({ config: EMPTY_CONFIG }, model)).toThrow(
      /needs a config file:\n.*\/stages: stage "prod" needs the stage variable "alias"/,
    );
  });

  it("requires a stage variable named like Object.prototype's members (constructor, toString) as any other", async () => {
    const loaded = await modelOf('rest-lambda-proxy.yaml');
    // The document's function ARN, picked by `${stageVariables.constructor}` instead of `${stageVariables.alias}`.
    const model: ApiModel = {
      ...loaded,
      operations: loaded.operations.map((operation) => {
        const ref = operation.integration?.functionRef;
        if (!ref?.arn) return operation;
        const arn = ref.arn.replace('${stageVariables.alias}', '${stageVariables.constructor}-${stageVariables.toString}');
        return { ...operation, integration: { ...operation.integration!, functionRef: { ...ref, arn } } };
      }),
    };
    const needs = (name: string) =>
      `stage "prod" needs the stage variable "${name}": the document invokes the Lambda function arn:aws:lambda:us-east-1:123456789012:function:catalog-\${stageVariables.constructor}-\${stageVariables.toString}`;
    expect(await problemsOf('stages:\n  prod:\n    variables: { alias: live }\n', model)).toStrictEqual([
      { pointer: '/stages/prod/variables', line: 3, message: needs('constructor') },
      { pointer: '/stages/prod/variables', line: 3, message: needs('toString') },
    ]);
    expect(await problemsOf('stages:\n  prod:\n    variables: { constructor: live, toString: v1 }\n', model)).toStrictEqual([]);
  });

  it('warns about REST-only settings on an HTTP API, which are left out', async () => {
    const model = await modelOf('http-api.yaml');
    const text = `stages:
  prod:
    cacheClusterEnabled: true
    canarySetting: { percentTraffic: 5 }
    methodSettings:
      /orders/GET: { throttlingRateLimit: 5, loggingLevel: INFO }
usagePlans:
  free: { stages: [prod] }
api:
  endpointType: EDGE
`;
    expect(await problemsOf(text, model)).toStrictEqual([
      {
        pointer: '/stages/prod/methodSettings/~1orders~1GET/loggingLevel',
        line: 6,
        message: 'is a REST API setting; HTTP APIs do not have it, so it is left out',
      },
      {
        pointer: '/stages/prod/cacheClusterEnabled',
        line: 3,
        message: 'is a REST API setting; HTTP APIs do not have it, so it is left out',
      },
      { pointer: '/stages/prod/canarySetting', line: 4, message: 'is a REST API setting; HTTP APIs do not have it, so it is left out' },
      { pointer: '/usagePlans', line: 7, message: 'HTTP APIs have no usage plans or API keys; they are left out' },
      { pointer: '/api/endpointType', line: 10, message: 'HTTP APIs are always REGIONAL; the setting is left out' },
    ]);
  });

  it('rejects the $default stage on a REST API', async () => {
    const model = await modelOf('rest-iam.yaml');
    expect(await problemsOf('stages:\n  $default: {}\n', model)).toStrictEqual([
      { pointer: '/stages/$default', line: 2, message: 'is an HTTP API stage name; REST API stage names are letters, digits, - and _' },
    ]);
  });
});

describe('the default stage', () => {
  it.each([
    ['rest-examples.yaml', 'v1'],
    ['swagger2-export.yaml', 'prod'],
    ['http-api.yaml', 'prod'],
  ])('%s: %s', async (name, stage) => {
    const model = await modelOf(name);
    expect(defaultStageName(model)).toBe(stage);
    expect(apiStages(EMPTY_CONFIG, model)).toStrictEqual([{ name: stage, variables: {}, methodSettings: [] }]);
  });

  it('comes from an execute-api URL or a relative one, else prod', async () => {
    const model = await modelOf('rest-examples.yaml');
    const withServer = (url: string): ApiModel => ({ ...model, servers: [{ url, variables: [], pointer: '/servers/0' }] });
    expect(defaultStageName(withServer('https://abc.execute-api.eu-west-1.amazonaws.com/live'))).toBe('live');
    expect(defaultStageName(withServer('/Prod'))).toBe('Prod');
    expect(defaultStageName(withServer('https://api.example.com/v2'))).toBe('prod');
    expect(defaultStageName({ ...model, servers: [] })).toBe('prod');
  });
});
