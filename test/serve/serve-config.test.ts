import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { UsageError } from '../../src/diagnostics/diagnostic.js';
import { loadApi } from '../../src/index.js';
import { LocalGateway } from '../../src/serve/gateway.js';
import type { GatewayRequest } from '../../src/serve/gateway-messages.js';
import { servedStage } from '../../src/serve/serve-config.js';
import { fixturesRoot } from '../support/paths.js';

/** `serve` reads the config file `cfn` reads: stage variables, stage throttles, usage plans and their keys. */

const config = `
stages:
  dev:
    variables: { region: eu-west-1 }
    methodSettings:
      /pets/mine/GET: { throttlingRateLimit: 1, throttlingBurstLimit: 1 }
  prod:
    variables: { region: us-east-1 }
usagePlans:
  trial:
    stages: [dev]
    quota: { limit: 2, period: DAY }
    apiKeys:
      - alice
      - name: bob
        enabled: false
  partners:
    stages: [prod]
    apiKeys: [carol]
`;

async function gateway(stage?: string, text = config) {
  const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-serve-config-'));
  writeFileSync(join(folder, 'apigw-gen.config.yaml'), text);
  const { model, document } = await loadApi(join(fixturesRoot, 'serve/rest-gateway.yaml'));
  const served = servedStage((await loadConfig({ cwd: folder })).config, model, stage);
  return new LocalGateway(model, { document, stage: served.name, stageVariables: served.variables, usagePlans: served.usagePlans });
}

function order(apiKey: string | undefined, body = '{"quantity": 0}'): GatewayRequest {
  return {
    method: 'POST',
    path: '/orders',
    query: new URLSearchParams(),
    headers: { 'content-type': 'application/json', ...(apiKey ? { 'x-api-key': apiKey } : {}) },
    body: Buffer.from(body),
    sourceIp: '127.0.0.1',
  };
}

const get = (path: string): GatewayRequest => ({
  method: 'GET',
  path,
  query: new URLSearchParams(),
  headers: {},
  body: Buffer.alloc(0),
  sourceIp: '127.0.0.1',
});

describe('serve with a config file', () => {
  it("serves the config's first stage by default, with its variables", async () => {
    const response = await (await gateway()).handle(order('alice'));
    expect(JSON.parse(String(response.body))).toMatchObject({ stage: 'dev', region: 'eu-west-1' });
  });

  it('serves the first stage as the file lists it, not the first by name', async () => {
    const prodFirst = 'stages:\n  prod:\n    variables: { region: us-east-1 }\n  dev:\n    variables: { region: eu-west-1 }\n';
    const response = await (await gateway(undefined, prodFirst)).handle(order('any-key'));
    expect(JSON.parse(String(response.body))).toMatchObject({ stage: 'prod', region: 'us-east-1' });
  });

  it("accepts the keys of the stage's plans by name, refuses other stages' keys and disabled ones, and counts quotas", async () => {
    const dev = await gateway('dev');
    const statuses = [];
    for (const key of ['carol', 'bob', 'alice', 'alice', 'alice']) {
      const response = await dev.handle(order(key));
      // The fixture's gateway responses answer a refused key with `error` rather than `message`.
      const body = JSON.parse(String(response.body)) as { message?: string; error?: string };
      statuses.push(`${response.statusCode} ${body.message ?? body.error}`);
    }
    expect(statuses).toStrictEqual([
      '403 Forbidden',
      '403 Forbidden',
      '400 quantity must be positive',
      '400 quantity must be positive',
      '429 Limit Exceeded',
    ]);
    const prod = await gateway('prod');
    expect((await prod.handle(order('carol'))).statusCode).toBe(400);
  });

  it("throttles every caller by the stage's method settings", async () => {
    const dev = await gateway('dev');
    const statuses = [(await dev.handle(get('/pets/mine'))).statusCode, (await dev.handle(get('/pets/mine'))).statusCode];
    expect(statuses).toStrictEqual([200, 429]);
  });

  it("serves an HTTP API's $default stage on request, whatever stages the config deploys (SAM's HttpApi has it)", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-serve-config-'));
    writeFileSync(join(folder, 'apigw-gen.config.yaml'), config);
    const loaded = (await loadConfig({ cwd: folder })).config;
    const { model } = await loadApi(join(fixturesRoot, 'serve/http-routes.yaml'));
    expect(servedStage(loaded, model, '$default')).toMatchObject({ name: '$default', variables: {} });
    const rest = await loadApi(join(fixturesRoot, 'serve/rest-gateway.yaml'));
    expect(() => servedStage(loaded, rest.model, '$default')).toThrow('--stage $default: the config has no such stage (it has dev, prod).');
  });

  it('refuses a stage the config does not have', async () => {
    await expect(gateway('staging')).rejects.toThrow(UsageError);
    await expect(gateway('staging')).rejects.toThrow('--stage staging: the config has no such stage (it has dev, prod).');
  });
});
