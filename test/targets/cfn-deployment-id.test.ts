import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { ApigwGenConfig } from '../../src/config/types.js';
import { getAtPointer, parsePointer, pointerOf } from '../../src/diagnostics/json-pointer.js';
import { loadApi } from '../../src/index.js';
import { yamlSchema } from '../../src/load/cloudformation-tags.js';
import { buildCfnTemplate } from '../../src/targets/cfn/build-template.js';
import { fixturesRoot } from '../support/paths.js';

/**
 * The deployment's logical id carries a hash of the body: it changes exactly when the document
 * does (so CloudFormation redeploys), and not when only the config or the document's key order
 * changes (so nothing is redeployed for nothing).
 */

const source = join(fixturesRoot, 'valid/cfn-values.yaml');
const original = jsYaml.load(readFileSync(source, 'utf8'), { schema: yamlSchema }) as Record<string, unknown>;

const baseConfig: ApigwGenConfig = {
  stages: [{ name: 'prod', variables: {}, methodSettings: [] }],
  usagePlans: [],
  api: { vpcEndpointIds: [], functions: {} },
  targets: [],
};

/** The template of a document given as an object. */
async function templateOf(document: unknown, config: ApigwGenConfig = baseConfig) {
  const path = join(mkdtempSync(join(tmpdir(), 'apigw-gen-cfn-hash-')), 'openapi.json');
  writeFileSync(path, JSON.stringify(document));
  const { model, document: loaded } = await loadApi(path);
  return buildCfnTemplate(model, { document: loaded, config, documentName: 'openapi.json' });
}

/** The deployment's logical id and the stages' references to it, for a document given as an object. */
async function deploymentOf(document: unknown, config: ApigwGenConfig = baseConfig): Promise<{ id: string; stageRefs: unknown[] }> {
  const { template } = await templateOf(document, config);
  const ids = Object.keys(template.Resources).filter((id) => template.Resources[id]!.Type === 'AWS::ApiGateway::Deployment');
  expect(ids).toHaveLength(1);
  const stageRefs = Object.values(template.Resources)
    .filter((resource) => resource.Type === 'AWS::ApiGateway::Stage')
    .map((resource) => (resource.Properties as { DeploymentId: unknown }).DeploymentId);
  return { id: ids[0]!, stageRefs };
}

/** The document with every object's keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .reverse()
      .map((key) => [key, reverseKeys((value as Record<string, unknown>)[key])]),
  );
}

/** A copy of the document with the value at a pointer set. */
function changed(pointer: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(original);
  const tokens = parsePointer(pointer);
  (getAtPointer(copy, pointerOf(tokens.slice(0, -1))) as Record<string, unknown>)[tokens.at(-1)!] = value;
  return copy;
}

describe("the deployment's logical id", () => {
  it('stays when the document is the same: rerun, keys reordered, another config', async () => {
    const first = await deploymentOf(original);
    expect(first.id).toMatch(/^Deployment[0-9a-f]{10}$/);
    expect(first.stageRefs).toStrictEqual([{ Ref: first.id }]);
    const otherConfig: ApigwGenConfig = {
      ...baseConfig,
      stages: [
        { name: 'beta', variables: { alias: 'beta' }, methodSettings: [], tracingEnabled: true },
        {
          name: 'prod',
          variables: { alias: 'live' },
          methodSettings: [],
          canarySetting: { percentTraffic: 5, stageVariableOverrides: {} },
        },
      ],
      usagePlans: [{ name: 'free', stages: ['prod'], methodThrottles: [], apiKeys: [{ name: 'alice' }] }],
    };
    const same = await Promise.all([deploymentOf(original), deploymentOf(reverseKeys(original)), deploymentOf(original, otherConfig)]);
    expect(same.map(({ id }) => id)).toStrictEqual([first.id, first.id, first.id]);
    expect(same[2].stageRefs).toStrictEqual([{ Ref: first.id }, { Ref: first.id }]);
  });

  it.each([
    ['a description', '/paths/~1items/get/description', 'Lists the items.'],
    ['an integration', '/paths/~1imports/post/x-amazon-apigateway-integration/passthroughBehavior', 'when_no_match'],
    ['a schema', '/components/schemas/Item/properties/price', { type: 'number' }],
    ['the resource policy', '/x-amazon-apigateway-policy/Statement/0/Effect', 'Deny'],
    [
      'a new operation',
      '/paths/~1items/delete',
      { responses: { '204': { description: 'Gone.' } }, 'x-amazon-apigateway-integration': { type: 'mock' } },
    ],
  ])('changes when the document changes: %s', async (_name, pointer, value) => {
    const before = await deploymentOf(original);
    const after = await deploymentOf(changed(pointer, value));
    expect(after.id).not.toBe(before.id);
    expect(after.stageRefs).toStrictEqual([{ Ref: after.id }]);
  });
});

describe('templates API Gateway would refuse to deploy', () => {
  it('come with a warning when the document has no operations', async () => {
    const { template, warnings } = await templateOf({ openapi: '3.0.3', info: { title: 'Empty', version: '1' }, paths: {} });
    expect(Object.keys(template.Resources).filter((id) => id.startsWith('Deployment'))).toHaveLength(1);
    expect(warnings).toStrictEqual(['the document has no operations: API Gateway will not deploy it']);
  });

  it('come with a warning when a PRIVATE API has no resource policy', async () => {
    const withoutPolicy = structuredClone(original);
    delete withoutPolicy['x-amazon-apigateway-policy'];
    const config: ApigwGenConfig = { ...baseConfig, api: { endpointType: 'PRIVATE', vpcEndpointIds: ['vpce-0123'], functions: {} } };
    expect((await templateOf(withoutPolicy, config)).warnings).toStrictEqual([
      'a PRIVATE API needs a resource policy (x-amazon-apigateway-policy): API Gateway will not deploy it without one',
    ]);
    const withPolicy = await templateOf(original, config);
    expect(withPolicy.warnings).toStrictEqual([]);
    expect(withPolicy.template.Resources.RestApi?.Properties).toMatchObject({
      EndpointConfiguration: { Types: ['PRIVATE'], VpcEndpointIds: ['vpce-0123'] },
      Policy: { Version: '2012-10-17' },
    });
  });
});
