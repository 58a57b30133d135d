import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import jsYaml from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkConfigForApi } from '../../src/config/check-config-for-api.js';
import { formatConfigProblem } from '../../src/config/config-error.js';
import { loadConfig } from '../../src/config/load-config.js';
import { loadApi } from '../../src/index.js';
import { yamlSchema } from '../../src/load/cloudformation-tags.js';
import type { ApiModel } from '../../src/model/types.js';
import { buildCfnTemplate } from '../../src/targets/cfn/build-template.js';
import { serializeTemplate } from '../../src/targets/cfn/serialize-template.js';
import type { Template } from '../../src/targets/cfn/template.js';
import { checkApiGatewayValues } from '../support/cfn-own-checks.js';
import { createCfnSpecChecker, type CfnSpecChecker } from '../support/cfn-spec-check.js';
import { runCfnLint, whichCfnLint } from '../support/cfn-lint.js';
import { testConfigYaml } from '../support/cfn-test-config.js';
import { corpusRoot, fixturesRoot } from '../support/paths.js';

/**
 * Every valid fixture and every document of the apigw corpus (read leniently, as third-party
 * documents are), each with a config of two stages, a canary and two usage plans, becomes a
 * template that passes the CloudFormation resource model, our checks of API Gateway's values,
 * structural assertions, a YAML/JSON round trip, and cfn-lint (errors and warnings alike), run
 * once over all templates. cfn-lint is part of the machine image and of CI: a run without it fails.
 */

const corpusDocuments = readFileSync(join(corpusRoot, 'MANIFEST.tsv'), 'utf8')
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t')[0]!)
  .filter((file) => file.startsWith('apigw/'))
  .sort()
  .map((file) => ({ id: file, path: join(corpusRoot, file) }));
/** Every valid fixture, and the documents written for cfn's sake (fixtures/specs/cfn). */
const fixtureDocuments = ['valid', 'cfn'].flatMap((folder) =>
  readdirSync(join(fixturesRoot, folder))
    .filter((name) => /\.(ya?ml|json)$/.test(name))
    .sort()
    .map((name) => ({ id: `${folder}/${name}`, path: join(fixturesRoot, folder, name) })),
);
const documents = [...fixtureDocuments, ...corpusDocuments];

interface Generated {
  id: string;
  model: ApiModel;
  template: Template;
  yaml: string;
  json: string;
  templateWarnings: string[];
  configWarnings: string[];
}

const generated = new Map<string, Generated>();
let checker: CfnSpecChecker;

beforeAll(async () => {
  checker = await createCfnSpecChecker();
  for (const document of documents) {
    const { model, document: loaded } = await loadApi(document.path, { lenient: true, locate: false });
    const cwd = mkdtempSync(join(tmpdir(), 'apigw-gen-cfn-config-'));
    writeFileSync(join(cwd, 'apigw-gen.config.yaml'), testConfigYaml(model, loaded));
    const config = await loadConfig({ cwd });
    const configWarnings = checkConfigForApi(config, model).map((problem) => formatConfigProblem({ ...problem, file: 'config' }));
    const { template, warnings } = buildCfnTemplate(model, {
      document: loaded,
      config: config.config,
      documentName: basename(document.path),
    });
    generated.set(document.id, {
      id: document.id,
      model,
      template,
      yaml: serializeTemplate(template, 'yaml'),
      json: serializeTemplate(template, 'json'),
      templateWarnings: warnings,
      configWarnings,
    });
  }
});

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

function resourcesOf(template: Template, type: string): [string, Record<string, unknown>][] {
  return Object.entries(template.Resources as unknown as Resources)
    .filter(([, resource]) => resource.Type === type)
    .map(([id, resource]) => [id, resource.Properties]);
}

describe('templates of every fixture and apigw corpus document', () => {
  it('cover the fixtures and the whole apigw corpus, REST and HTTP APIs', () => {
    // The manifest names every document of the folder, and each gets a template.
    expect(corpusDocuments.map(({ id }) => id)).toStrictEqual(
      readdirSync(join(corpusRoot, 'apigw'))
        .map((name) => `apigw/${name}`)
        .sort(),
    );
    expect(corpusDocuments.length).toBeGreaterThanOrEqual(40);
    expect(fixtureDocuments.map(({ id }) => id)).toContain('valid/rest-handlers.yaml');
    expect(fixtureDocuments.map(({ id }) => id)).toContain('cfn/terraform-templatefile.yaml');
    expect(generated.size).toBe(corpusDocuments.length + fixtureDocuments.length);
    const kinds = [...generated.values()].map(({ model }) => model.kind);
    expect(kinds.filter((kind) => kind === 'http').length).toBeGreaterThanOrEqual(10);
    expect(kinds.filter((kind) => kind === 'rest').length).toBeGreaterThanOrEqual(30);
    expect(checker.resourceTypeCount).toBeGreaterThan(1000);
  });

  it.each(documents.map(({ id }) => id))('%s: passes the resource model and our checks of API Gateway values', (id) => {
    const { template } = generated.get(id)!;
    expect(checker.check(template as never)).toStrictEqual([]);
    expect(checkApiGatewayValues(template as never)).toStrictEqual([]);
  });

  it.each(documents.map(({ id }) => id))('%s: is structurally sound', (id) => {
    const { model, template, templateWarnings, configWarnings } = generated.get(id)!;
    const rest = model.kind === 'rest';
    const apiId = rest ? 'RestApi' : 'HttpApi';
    const resources = template.Resources as unknown as Resources;
    const stages = resourcesOf(template, rest ? 'AWS::ApiGateway::Stage' : 'AWS::ApiGatewayV2::Stage');
    const stageIds = stages.map(([stageId]) => stageId);
    const deploymentIds = resourcesOf(template, 'AWS::ApiGateway::Deployment').map(([deploymentId]) => deploymentId);
    const deployment = { Ref: deploymentIds[0] };
    const permissions = resourcesOf(template, 'AWS::Lambda::Permission');
    const functionNames = permissions.map(([, permission]) => JSON.stringify(permission.FunctionName));
    const expected = expectedFunctions(model);

    // What the template holds, and what it should hold for this kind of API.
    const actual = {
      api: resources[apiId]?.Type,
      deployments: deploymentIds.map((deploymentId) => /^Deployment[0-9a-f]{10}$/.test(deploymentId)),
      // Every stage runs the one deployment (REST), or deploys itself (HTTP).
      stages: stages.map(([, stage]) => ({
        name: stage.StageName,
        api: stage.RestApiId ?? stage.ApiId,
        runs: rest ? stage.DeploymentId : stage.AutoDeploy,
        canary: stage.CanarySetting,
      })),
      // Every usage plan stage is a stage of the template; API key values only from NoEcho parameters.
      plans: resourcesOf(template, 'AWS::ApiGateway::UsagePlan').map(([, plan]) => ({
        name: plan.UsagePlanName,
        stages: (plan.ApiStages as { ApiId: unknown; Stage: { Ref: string } }[]).map((stage) => ({
          api: stage.ApiId,
          stageExists: stageIds.includes(stage.Stage.Ref),
        })),
      })),
      planKeys: resourcesOf(template, 'AWS::ApiGateway::UsagePlanKey').length,
      keys: resourcesOf(template, 'AWS::ApiGateway::ApiKey').map(([, key]) => ({
        name: key.Name,
        secret: key.Value === undefined || template.Parameters?.[(key.Value as { Ref: string }).Ref]?.NoEcho === true,
      })),
      usagePlanWarning: configWarnings.some((warning) => warning.includes('/usagePlans: HTTP APIs have no usage plans')),
      // Every Lambda function named by an integration or authorizer has exactly one permission, scoped to the API.
      templateWarnings,
      permissions: permissions.length,
      distinctFunctions: new Set(functionNames).size,
      permissionsPerKnownFunction: expected.patterns.map((pattern) => functionNames.filter((name) => pattern.test(name)).length),
      permissionSettings: [...new Set(permissions.map(([, permission]) => JSON.stringify({ ...permission, FunctionName: undefined })))],
      outputs: Object.keys(template.Outputs).sort(),
    };
    const stageOf = (name: string) => ({
      name,
      api: { Ref: apiId },
      runs: rest ? deployment : true,
      canary:
        rest && name === 'prod'
          ? { DeploymentId: deployment, PercentTraffic: 10, StageVariableOverrides: { stage: 'canary' }, UseStageCache: false }
          : undefined,
    });
    const planStage = { api: { Ref: apiId }, stageExists: true };
    expect(actual).toStrictEqual({
      api: rest ? 'AWS::ApiGateway::RestApi' : 'AWS::ApiGatewayV2::Api',
      deployments: rest ? [true] : [],
      stages: [stageOf('beta'), stageOf('prod')],
      plans: rest
        ? [
            { name: 'free', stages: [planStage, planStage] },
            { name: 'gold', stages: [planStage] },
          ]
        : [],
      planKeys: rest ? 3 : 0,
      keys: rest ? ['alice', 'bob', 'partner'].map((name) => ({ name, secret: true })) : [],
      usagePlanWarning: !rest,
      templateWarnings: expected.warnings,
      permissions: expected.count,
      distinctFunctions: expected.count,
      permissionsPerKnownFunction: expected.patterns.map(() => 1),
      permissionSettings:
        expected.count === 0
          ? []
          : [
              JSON.stringify({
                Action: 'lambda:InvokeFunction',
                Principal: 'apigateway.amazonaws.com',
                SourceArn: { 'Fn::Sub': `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${apiId}}/*` },
              }),
            ],
      // The API id, an invoke URL per stage, an id per API key.
      outputs: ['ApiId', 'InvokeUrlBeta', 'InvokeUrlProd', ...(rest ? ['ApiKeyAliceId', 'ApiKeyBobId', 'ApiKeyPartnerId'] : [])].sort(),
    });
  });

  it.each(documents.map(({ id }) => id))('%s: YAML and JSON read back as the same template', (id) => {
    const { template, yaml, json } = generated.get(id)!;
    expect(yaml.startsWith('# Generated by apigw-gen from ')).toBe(true);
    const fromJson = JSON.parse(json) as unknown;
    expect(fromJson).toStrictEqual(JSON.parse(JSON.stringify(template)));
    expect(jsYaml.load(yaml, { schema: yamlSchema })).toStrictEqual(fromJson);
  });

  it('pass cfn-lint with no error and no warning, in one run over every template', async () => {
    const cfnLint = whichCfnLint();
    // cfn-lint is a Python tool: .ci/run cannot install it (PyPI is out of reach), the machine image carries it.
    expect(
      cfnLint,
      'cfn-lint is not on PATH. It cannot be installed by .ci/run (PyPI is unreachable from CI); it comes with the machine image (/root/.pyenv/shims/cfn-lint, 1.5x). Run the tests where it is installed.',
    ).toBeDefined();
    const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-cfn-lint-'));
    const files = [...generated.values()].map(({ yaml }, index) => {
      const file = join(folder, `t${index}.yaml`);
      writeFileSync(file, yaml);
      return file;
    });
    expect(await cfnLintFindings(cfnLint!, files)).toStrictEqual([]);
    expect(files).toHaveLength(generated.size);
  });
});

/**
 * The errors and warnings cfn-lint finds in the files, as `document: rule message`. A warning
 * such as W1020 (a Fn::Sub without variables) marks output that does not do what it says.
 */
async function cfnLintFindings(cfnLint: string, files: string[]): Promise<string[]> {
  const matches = await runCfnLint(cfnLint, files);
  const documentOf = (file: string) => [...generated.keys()][Number(/t(\d+)\.yaml$/.exec(file)?.[1])];
  return matches
    .filter((match) => match.Level === 'Error' || match.Level === 'Warning')
    .map((match) => `${documentOf(match.Filename)}: ${match.Rule.Id} ${match.Message}`);
}

/**
 * The Lambda functions the model found, as the permissions must name them: how many (a function
 * named through stage variables is one per stage and canary) and a pattern for each function
 * the model knows by logical id or name.
 */
function expectedFunctions(model: ApiModel): { count: number; patterns: RegExp[]; warnings: string[] } {
  const refs = [
    ...model.operations.flatMap((operation) => (operation.integration?.functionRef ? [operation.integration.functionRef] : [])),
    ...model.securitySchemes.flatMap((scheme) => (scheme.authorizer?.functionRef ? [scheme.authorizer.functionRef] : [])),
  ];
  const variants = ['fn-prod', 'fn-canary-unused', 'fn-beta'].filter((value) => value !== 'fn-canary-unused');
  const functions = new Map<string, RegExp | undefined>();
  // Documentation samples name functions in placeholder accounts: no permission, a warning per place.
  const invalid = new Set<string>();
  for (const ref of refs) {
    if (ref.logicalId) {
      functions.set(`id:${ref.logicalId}`, new RegExp(`^\\{"Ref":"${ref.logicalId}Arn"\\}$`));
    } else if (ref.functionName?.includes('${stageVariables.')) {
      for (const value of variants) {
        const name = ref.functionName.replace(/\$\{stageVariables\.[A-Za-z0-9_]+\}/g, value);
        functions.set(`name:${name}`, new RegExp(`function:${escape(name)}"`));
      }
    } else if (ref.functionName && /:(account-id|X+):/.test(ref.arn ?? '')) {
      invalid.add(ref.arn!);
    } else if (ref.functionName) {
      functions.set(`name:${ref.functionName}`, new RegExp(`function:${escape(ref.functionName)}(:[^"]*)?"`));
    } else {
      functions.set(`key:${ref.key}`, undefined);
    }
  }
  const warnings = [
    ...model.operations.flatMap((operation) =>
      operation.integration?.functionRef ? [[operation.label, operation.integration.functionRef] as const] : [],
    ),
    ...model.securitySchemes.flatMap((scheme) =>
      scheme.authorizer?.functionRef ? [[`authorizer ${scheme.name}`, scheme.authorizer.functionRef] as const] : [],
    ),
  ]
    .filter(([, ref]) => invalid.has(ref.arn!))
    .map(
      ([label, ref]) =>
        `${label}: ${ref.arn} is not a Lambda function ARN (a placeholder account or region?); no permission is granted for it`,
    );
  return { count: functions.size, patterns: [...functions.values()].filter((pattern) => pattern !== undefined), warnings };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
