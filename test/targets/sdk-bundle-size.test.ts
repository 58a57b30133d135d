import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { writePlan } from '../../src/emit/write-plan.js';
import { loadApi } from '../../src/index.js';
import type { ApiModel } from '../../src/model/types.js';
import { planSdk } from '../../src/targets/sdk/index.js';
import { repoRoot } from '../support/paths.js';

/**
 * The browser bundle of a program that calls one operation (esbuild --bundle --minify
 * --platform=browser, as bench/sdk-bundle.mjs measures it): bytes and text.
 */
async function oneOperationBundle(document: string, operationId: string, params: string): Promise<{ model: ApiModel; code: string }> {
  const { model } = await loadApi(join(repoRoot, document), { target: 'sdk', lenient: true });
  const out = mkdtempSync(join(tmpdir(), 'apigw-gen-sdk-bundle-'));
  writePlan(out, planSdk(model, {}));
  const operation = model.operations.find((candidate) => candidate.id === operationId)!;
  const entry = join(out, 'consumer.ts');
  writeFileSync(
    entry,
    `import { createClient, ${operation.name} } from './src/index.js';\n${operation.name}(createClient({ baseUrl: 'https://api.example.com' }), ${params}).then(console.log);\n`,
  );
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  return { model, code: result.outputFiles[0]!.text };
}

// Two documents nobody here wrote, of 15 and 197 operations (fixtures/corpus/MANIFEST.tsv); in
// each, a GET of one resource by one path parameter, behind one security scheme.
describe('one-operation bundle of a generated SDK', () => {
  let small: { model: ApiModel; code: string };
  let large: { model: ApiModel; code: string };

  beforeAll(async () => {
    small = await oneOperationBundle(
      'fixtures/corpus/general/apisguru__1password.local__connect__1.3.0.yaml',
      'GetVaultById',
      "{ path: { vaultUuid: 'v' } }",
    );
    large = await oneOperationBundle('fixtures/corpus/large/twilio_api_v2010__twilio-oai.json', 'FetchAccount', "{ path: { Sid: 'AC1' } }");
  }, 120_000);

  it('has the same size whatever the size of the API (the two operations’ specs differ by a few dozen bytes)', () => {
    expect(small.model.operations.length).toBeLessThan(20);
    expect(large.model.operations.length).toBeGreaterThan(150);
    expect(Math.abs(small.code.length - large.code.length), `${small.code.length} and ${large.code.length} bytes`).toBeLessThan(150);
  });

  it('holds the called operation and no other', () => {
    for (const [{ model, code }, called] of [
      [small, '/vaults/{vaultUuid}'],
      [large, '/2010-04-01/Accounts/{Sid}.json'],
    ] as const) {
      expect(code).toContain(JSON.stringify(called));
      const others = model.operations.map((operation) => operation.path).filter((path) => path !== called);
      expect(others.filter((path) => code.includes(JSON.stringify(path)))).toStrictEqual([]);
    }
  });
});
