import { beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_CONFIG } from '../../src/config/types.js';
import { loadApi } from '../../src/index.js';
import { buildCfnTemplate } from '../../src/targets/cfn/build-template.js';
import type { Template } from '../../src/targets/cfn/template.js';
import { checkApiGatewayValues } from '../support/cfn-own-checks.js';
import { createCfnSpecChecker, type CfnSpecChecker } from '../support/cfn-spec-check.js';
import { fixturesRoot } from '../support/paths.js';

/** The template checkers catch what they claim to: each mistake, planted in a good template, is reported. */

let checker: CfnSpecChecker;
let good: Template;

beforeAll(async () => {
  checker = await createCfnSpecChecker();
  const { model, document } = await loadApi(`${fixturesRoot}/valid/rest-lambda-proxy.yaml`);
  const config = {
    ...EMPTY_CONFIG,
    stages: [{ name: 'prod', variables: { alias: 'live' }, methodSettings: [] }],
    usagePlans: [
      { name: 'free', stages: ['prod'], methodThrottles: [], apiKeys: [{ name: 'alice' }], quota: { limit: 5, period: 'DAY' as const } },
    ],
  };
  good = buildCfnTemplate(model, { document, config, documentName: 'rest-lambda-proxy.yaml' }).template;
});

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

/** A copy of the good template with one change. */
function planted(change: (resources: Resources) => unknown): Template {
  const copy = structuredClone(good);
  change(copy.Resources);
  return copy;
}

describe('the resource model check', () => {
  it('passes the good template', () => {
    expect(checker.check(good as never)).toStrictEqual([]);
  });

  it.each([
    [
      'an unknown property',
      (r: Resources): unknown => (r.StageProd!.Properties.Tracing = true),
      /StageProd\/Properties: must NOT have additional properties/,
    ],
    [
      'a wrong type',
      (r: Resources): unknown => (r.StageProd!.Properties.TracingEnabled = 'yes'),
      /StageProd\/Properties\/TracingEnabled: must be boolean/,
    ],
    [
      'a missing required property',
      (r: Resources): unknown => delete r.StageProd!.Properties.RestApiId,
      /StageProd\/Properties: must have required property 'RestApiId'/,
    ],
    [
      'a Ref to nothing',
      (r: Resources): unknown => (r.StageProd!.Properties.DeploymentId = { Ref: 'Nowhere' }),
      /Ref to Nowhere, which the template does not define/,
    ],
    [
      'a Ref to a resource of the wrong type',
      (r: Resources): unknown => (r.StageProd!.Properties.DeploymentId = { Ref: 'RestApi' }),
      /DeploymentId: Ref to RestApi, a AWS::ApiGateway::RestApi; expected AWS::ApiGateway::Deployment/,
    ],
    [
      'a GetAtt of an attribute the type lacks',
      (r: Resources): unknown => (r.StageProd!.Properties.Description = { 'Fn::Sub': '${RestApi.Arn}' }),
      /AWS::ApiGateway::RestApi has no attribute Arn/,
    ],
    [
      'an unknown resource type',
      (r: Resources): unknown => (r.StageProd!.Type = 'AWS::ApiGateway::Stages'),
      /unknown resource type AWS::ApiGateway::Stages/,
    ],
  ] as const)('reports %s', (_name, change, message) => {
    expect(checker.check(planted(change) as never)).toContainEqual(expect.stringMatching(message));
  });
});

describe('the API Gateway values check', () => {
  it('passes the good template', () => {
    expect(checkApiGatewayValues(good as never)).toStrictEqual([]);
  });

  it.each([
    [
      'a quota period of YEAR',
      (r: Resources): unknown => (r.UsagePlanFree!.Properties.Quota = { Limit: 5, Period: 'YEAR' }),
      /Quota\/Period: YEAR is not DAY, WEEK or MONTH/,
    ],
    [
      'a cache size of 2',
      (r: Resources): unknown => Object.assign(r.StageProd!.Properties, { CacheClusterEnabled: true, CacheClusterSize: '2' }),
      /CacheClusterSize: "2" is not a cache size/,
    ],
    [
      'a canary with 150 percent',
      (r: Resources): unknown => (r.StageProd!.Properties.CanarySetting = { PercentTraffic: 150 }),
      /PercentTraffic: 150 is not 0 to 100/,
    ],
    [
      'a stage name with a dot',
      (r: Resources): unknown => (r.StageProd!.Properties.StageName = 'prod.eu'),
      /StageName: "prod.eu" is not a stage name/,
    ],
    [
      'an access log format without the request id',
      (r: Resources): unknown =>
        (r.StageProd!.Properties.AccessLogSetting = { DestinationArn: 'arn:aws:logs:x', Format: '$context.status' }),
      /lacks \$context\.requestId/,
    ],
    [
      'an API key value in the template',
      (r: Resources): unknown => (r.ApiKeyAlice!.Properties.Value = 'abcdefghijklmnopqrstu'),
      /an API key value is written in the template/,
    ],
  ] as const)('reports %s', (_name, change, message) => {
    expect(checkApiGatewayValues(planted(change) as never)).toContainEqual(expect.stringMatching(message));
  });
});
