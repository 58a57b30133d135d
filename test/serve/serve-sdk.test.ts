import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeDocument } from '../../src/emit/document-file.js';
import { loadApi } from '../../src/index.js';
import { LocalGateway } from '../../src/serve/gateway.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { UsagePlans } from '../../src/serve/usage-plans.js';
import { planMockDocument } from '../../src/targets/mock/index.js';
import { fixturesRoot } from '../support/paths.js';
import { buildSdk } from '../support/sdk-package.js';

/**
 * The SDK of the `sdk` command, pointed at `serve` running the `mock` of the same document:
 * calls complete with the mock bodies, a missing key is a typed 403, and the 429s of a usage
 * plan's throttle are retried by the client until they pass.
 */

type Client = Record<string, (params?: object, options?: object) => Promise<unknown>>;

const fixture = join(fixturesRoot, 'valid/rest-auth.yaml');
let server: RunningServer;
let sdk: Record<string, unknown>;
const log: string[] = [];

beforeAll(async () => {
  const { model, document } = await loadApi(fixture);
  const file = join(mkdtempSync(join(tmpdir(), 'apigw-gen-serve-sdk-')), 'mock.yaml');
  writeFileSync(file, serializeDocument(planMockDocument(model, { document, all: true }).document, 'yaml', 'test'));
  const mocked = await loadApi(file);
  // One request at once, five per second, for the plan's key.
  const plan = { name: 'tight', stages: ['test'], throttle: { rateLimit: 5, burstLimit: 1 }, methodThrottles: [], keyValues: ['key-1'] };
  const gateway = new LocalGateway(mocked.model, {
    document: mocked.document,
    stage: 'test',
    usagePlans: new UsagePlans('test', [plan], []),
  });
  [server, sdk] = await Promise.all([
    startServer(gateway, { port: 0, host: '127.0.0.1', log: (line) => log.push(line) }),
    buildSdk(fixture),
  ]);
}, 120_000);

afterAll(() => server.close());

function client(options: object): Client {
  const Client = sdk.AccountsAPIClient as new (options: object) => Client;
  return new Client({ baseUrl: server.url, retry: { maxAttempts: 8, baseDelayMs: 200 }, ...options });
}

describe('the generated SDK against serve', () => {
  it('completes calls with the mock bodies, through the throttle by retrying its 429s', async () => {
    const accounts = client({ apiKey: 'key-1' });
    const results: unknown[] = [];
    for (let call = 0; call < 4; call++) results.push(await accounts.listPlans!());
    expect(results).toStrictEqual(Array.from({ length: 4 }, () => results[0]));
    expect(results[0]).toBeInstanceOf(Array);
    const lines = log.join('').split('\n');
    expect(lines.filter((line) => /^GET \/plans 429 gateway /.test(line)).length).toBeGreaterThan(0);
    expect(lines.filter((line) => /^GET \/plans 200 mock /.test(line))).toHaveLength(4);
  });

  it("throws the SDK's typed error for API Gateway's 403 when the key is unknown", async () => {
    const error = await client({ apiKey: 'nope' }).listPlans!().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 403, body: { message: 'Forbidden' }, operation: 'listPlans' });
    expect((sdk.isApiError as (error: unknown, operation: string) => boolean)(error, 'listPlans')).toBe(true);
  });
});
