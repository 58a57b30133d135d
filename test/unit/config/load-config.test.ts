import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, type ConfigProblem } from '../../../src/config/config-error.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { EMPTY_CONFIG } from '../../../src/config/types.js';
import { UsageError } from '../../../src/diagnostics/diagnostic.js';

function folderWith(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-config-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  return folder;
}

/** The problems a config file gets, with its file shown as the loader shows it. */
async function problemsOf(files: Record<string, string>): Promise<ConfigProblem[]> {
  const cwd = folderWith(files);
  try {
    await loadConfig({ cwd });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((problem) => ({ ...problem, file: relative(cwd, problem.file) }));
  }
  throw new Error('the config was accepted');
}

const VALID = `# Two stages, a canary and two usage plans.
stages:
  prod:
    description: Production
    variables:
      alias: live
    methodSettings:
      /*/*:
        throttlingRateLimit: 100
        throttlingBurstLimit: 200
        loggingLevel: ERROR
        metricsEnabled: true
      /pets/{petId}/GET:
        cachingEnabled: true
        cacheTtlInSeconds: 60
    cacheClusterEnabled: true
    cacheClusterSize: 0.5
    tracingEnabled: true
    accessLogSetting:
      destinationArn: arn:aws:logs:us-east-1:123456789012:log-group:api-access
      format: '$context.requestId $context.status'
    canarySetting:
      percentTraffic: 10
      stageVariableOverrides:
        alias: canary
  beta:
    variables:
      alias: beta
usagePlans:
  free:
    stages: [beta, prod]
    throttle:
      rateLimit: 5
      burstLimit: 10
      /pets/GET:
        rateLimit: 1
        burstLimit: 2
    quota:
      limit: 1000
      period: MONTH
      offset: 1
    apiKeys:
      - alice
      - name: partner
        valueParameter: PartnerApiKey
  gold:
    stages: [prod]
    apiKeys: [bob]
api:
  name: pets
  endpointType: REGIONAL
  functions:
    PetsFunction:
      importValue: shared-PetsFunctionArn
`;

describe('loadConfig', () => {
  it('reads a config into sorted, typed settings', async () => {
    const { config, source } = await loadConfig({ cwd: folderWith({ 'apigw-gen.config.yaml': VALID }) });
    expect(source?.file).toMatch(/apigw-gen\.config\.yaml$/);
    expect(config.stages.map((stage) => stage.name)).toStrictEqual(['beta', 'prod']);
    const prod = config.stages[1]!;
    expect(prod.cacheClusterSize).toBe('0.5');
    expect(prod.methodSettings.map(({ key, resourcePath, httpMethod }) => ({ key, resourcePath, httpMethod }))).toStrictEqual([
      { key: '/*/*', resourcePath: '/*', httpMethod: '*' },
      { key: '/pets/{petId}/GET', resourcePath: '/pets/{petId}', httpMethod: 'GET' },
    ]);
    expect(prod.canarySetting).toStrictEqual({ percentTraffic: 10, stageVariableOverrides: { alias: 'canary' } });
    const free = config.usagePlans[0]!;
    expect(free.throttle).toStrictEqual({ rateLimit: 5, burstLimit: 10 });
    expect(free.methodThrottles).toStrictEqual([{ key: '/pets/GET', rateLimit: 1, burstLimit: 2 }]);
    expect(free.apiKeys).toStrictEqual([{ name: 'alice' }, { name: 'partner', valueParameter: 'PartnerApiKey' }]);
    expect(config.api).toStrictEqual({
      name: 'pets',
      endpointType: 'REGIONAL',
      vpcEndpointIds: [],
      functions: { PetsFunction: { importValue: 'shared-PetsFunctionArn' } },
    });
  });

  it('gives the defaults when the working directory has no config', async () => {
    expect(await loadConfig({ cwd: folderWith({}) })).toStrictEqual({ config: EMPTY_CONFIG });
  });

  it('reads the "apigw-gen" key of package.json and points into it', async () => {
    const packageJson = JSON.stringify({ name: 'x', 'apigw-gen': { stages: { prod: { tracingEnabled: 'yes' } } } }, null, 2);
    expect(await problemsOf({ 'package.json': packageJson })).toStrictEqual([
      { file: 'package.json', pointer: '/apigw-gen/stages/prod/tracingEnabled', line: 6, column: 9, message: 'must be a boolean' },
    ]);
  });

  it('ignores a package.json without the key, and reads the JSON file beside it', async () => {
    const cwd = folderWith({ 'package.json': '{"name": "x"}', 'apigw-gen.config.json': '{"stages": {"dev": {}}}' });
    expect((await loadConfig({ cwd })).config.stages.map((stage) => stage.name)).toStrictEqual(['dev']);
  });

  it('refuses to choose between two config files', async () => {
    const cwd = folderWith({ 'apigw-gen.config.yaml': 'stages: {}\n', 'apigw-gen.config.json': '{}' });
    await expect(loadConfig({ cwd })).rejects.toThrow(UsageError);
    await expect(loadConfig({ cwd })).rejects.toThrow(
      /found several config files: .*apigw-gen\.config\.yaml, .*apigw-gen\.config\.json; keep one/,
    );
  });

  it('reads the file named, relative to the working directory', async () => {
    const cwd = folderWith({ 'deploy.yaml': 'stages: { live: {} }\n', 'apigw-gen.config.yaml': 'stages: { other: {} }\n' });
    expect((await loadConfig({ cwd, path: 'deploy.yaml' })).config.stages.map((stage) => stage.name)).toStrictEqual(['live']);
  });

  it('reports a file that cannot be parsed at its line', async () => {
    expect(await problemsOf({ 'apigw-gen.config.yaml': 'stages:\n  prod: [\n' })).toStrictEqual([
      expect.objectContaining({ file: 'apigw-gen.config.yaml', line: 3, message: expect.stringMatching(/^Malformed YAML/) as string }),
    ]);
  });
});

describe('loadConfig rejects', () => {
  const withStages = (extra: string) => `stages:\n  prod: {}\n  beta: {}\n${extra}`;

  it.each([
    [
      'a usage plan naming an unknown stage',
      withStages('usagePlans:\n  free:\n    stages: [prod, prd2, staging]\n'),
      [
        {
          pointer: '/usagePlans/free/stages/1',
          line: 6,
          message: /unknown stage "prd2" \(did you mean "prod"\?\); stages are "beta", "prod"/,
        },
        { pointer: '/usagePlans/free/stages/2', line: 6, message: /unknown stage "staging"; stages are "beta", "prod"/ },
      ],
    ],
    [
      'a quota period of YEAR',
      withStages('usagePlans:\n  free:\n    stages: [prod]\n    quota: { limit: 10, period: YEAR }\n'),
      [{ pointer: '/usagePlans/free/quota/period', line: 7, message: /^must be one of "DAY", "WEEK", "MONTH" \(got "YEAR"\)$/ }],
    ],
    [
      'a cache cluster size of 2',
      'stages:\n  prod:\n    cacheClusterEnabled: true\n    cacheClusterSize: 2\n',
      [
        {
          pointer: '/stages/prod/cacheClusterSize',
          line: 4,
          message: /^must be one of the cache sizes in GB: 0\.5, 1\.6, .*237 \(got 2\)$/,
        },
      ],
    ],
    [
      'a canary with 150 percent of the traffic',
      'stages:\n  prod:\n    canarySetting:\n      percentTraffic: 150\n',
      [{ pointer: '/stages/prod/canarySetting/percentTraffic', line: 4, message: /^must be <= 100 \(got 150\)$/ }],
    ],
    [
      '101 stage variables',
      `stages:\n  prod:\n    variables:\n${Array.from({ length: 101 }, (_, index) => `      v${index}: x\n`).join('')}`,
      [{ pointer: '/stages/prod/variables', line: 3, message: /^has 101 entries; at most 100 are allowed$/ }],
    ],
    [
      'an unknown key, at any level',
      'stage:\n  prod: {}\nusagePlans:\n  free:\n    stages: []\n    quotas: {}\n',
      [
        { pointer: '/stage', line: 1, message: /^has an unknown field "stage"$/ },
        { pointer: '/usagePlans/free/stages', line: 5, message: /fewer than 1 items/ },
        { pointer: '/usagePlans/free/quotas', line: 6, message: /^has an unknown field "quotas"$/ },
      ],
    ],
    [
      'an access log format without $context.requestId',
      'stages:\n  prod:\n    accessLogSetting:\n      destinationArn: arn:aws:logs:us-east-1:1:log-group:x\n      format: $context.status\n',
      [{ pointer: '/stages/prod/accessLogSetting/format', line: 5, message: /must contain \$context\.requestId/ }],
    ],
    [
      'a stage name API Gateway refuses, and an invalid stage variable',
      'stages:\n  prod.eu: {}\n  prod:\n    variables:\n      alias: "live alias"\n',
      [
        { pointer: '/stages/prod.eu', line: 2, message: /^stage names are letters, digits, - and _/ },
        { pointer: '/stages/prod/variables/alias', line: 5, message: /^stage variable values are 1 to 512 of the characters/ },
      ],
    ],
    [
      'a quota offset beyond the period, and an API key in two plans on one stage',
      withStages(
        'usagePlans:\n  a:\n    stages: [prod]\n    quota: { limit: 1, period: WEEK, offset: 7 }\n    apiKeys: [alice]\n  b:\n    stages: [beta, prod]\n    apiKeys: [alice]\n',
      ),
      [
        { pointer: '/usagePlans/a/quota/offset', line: 7, message: /^must be at most 6 for the period WEEK \(got 7\)$/ },
        { pointer: '/usagePlans/b/apiKeys/0', line: 11, message: /second usage plan for stage "prod" \(it is in "a"\)/ },
      ],
    ],
    [
      // Lambda's limits: https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html,
      // https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html
      'a function timeout beyond 900 s and an environment variable name starting with a digit',
      'api:\n  functions:\n    Orders:\n      timeout: 901\n      environment: { 1ST: x }\n',
      [
        { pointer: '/api/functions/Orders/timeout', line: 4, message: /^must be <= 900 \(got 901\)$/ },
        { pointer: '/api/functions/Orders/environment/1ST', line: 5, message: /^environment variable names are a letter/ },
      ],
    ],
    [
      'a function with two sources of its ARN',
      'api:\n  functions:\n    Books:\n      parameter: BooksArn\n      arn: arn:aws:lambda:us-east-1:1:function:books\n',
      [{ pointer: '/api/functions/Books', line: 3, message: /^names parameter and arn: give at most one source of its ARN$/ }],
    ],
    [
      'an API key value parameter named like a resource of the template',
      withStages('usagePlans:\n  a:\n    stages: [prod]\n    apiKeys:\n      - { name: alice, valueParameter: StageProd }\n'),
      [
        {
          pointer: '/usagePlans/a/apiKeys/0/valueParameter',
          line: 8,
          message: /^is named like a resource of the template; choose another parameter name$/,
        },
      ],
    ],
  ])('%s, naming file, key and line', async (_name, text, expected) => {
    const problems = await problemsOf({ 'apigw-gen.config.yaml': text });
    expect(problems.map(({ file, pointer, line, message }) => ({ file, pointer, line, message }))).toStrictEqual(
      expected.map(({ pointer, line, message }) => ({
        file: 'apigw-gen.config.yaml',
        pointer,
        line,
        message: expect.stringMatching(message) as string,
      })),
    );
  });

  it('lists every problem in the error message, one per line in file order', async () => {
    const cwd = folderWith({ 'apigw-gen.config.yaml': 'stages:\n  prod:\n    tracingEnabled: 1\n    cacheClusterSize: 2\n' });
    await expect(loadConfig({ cwd })).rejects.toThrow(
      /^invalid config .*apigw-gen\.config\.yaml \(2 problems\):\n {2}.*apigw-gen\.config\.yaml:3:5 {2}\/stages\/prod\/tracingEnabled: must be a boolean\n {2}.*:4:5 {2}\/stages\/prod\/cacheClusterSize: must be one of/,
    );
  });
});

describe('the serve section', () => {
  it('resolves JWKS files against the config folder, keeps URLs, and defaults the credentials', async () => {
    const cwd = folderWith({
      'apigw-gen.config.yaml': `serve:
  verifyTokens: false
  authorizers:
    UserPool:
      jwks: keys/jwks.json
      audience: [vault-client]
    OrdersJwt:
      jwks: https://issuer.example/.well-known/jwks.json
`,
    });
    expect((await loadConfig({ cwd })).config.serve).toStrictEqual({
      verifyTokens: false,
      authorizers: {
        OrdersJwt: { jwks: 'https://issuer.example/.well-known/jwks.json' },
        UserPool: { jwks: join(cwd, 'keys/jwks.json'), audience: ['vault-client'] },
      },
      iamCredentials: [],
    });
  });

  it('refuses IAM credentials without a valid access key id or secret, at their line', async () => {
    const problems = await problemsOf({
      'apigw-gen.config.yaml': `serve:
  iamCredentials:
    - accessKeyId: not-a-key
      secretAccessKey: s3cret
    - accessKeyId: AKIAIOSFODNN7EXAMPLE
`,
    });
    expect(problems.map(({ pointer, line, message }) => ({ pointer, line, message }))).toStrictEqual([
      {
        pointer: '/serve/iamCredentials/0/accessKeyId',
        line: 3,
        message: 'must be an access key id (16 to 128 upper-case letters and digits)',
      },
      { pointer: '/serve/iamCredentials/1', line: 5, message: expect.stringContaining('secretAccessKey') as string },
    ]);
  });
});
