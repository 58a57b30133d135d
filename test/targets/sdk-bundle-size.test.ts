import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { writePlan } from '../../src/emit/write-plan.js';
import { loadApi } from '../../src/index.js';
import type { ApiModel } from '../../src/model/types.js';
import { planSdk, type SdkOptions } from '../../src/targets/sdk/index.js';
import { repoRoot } from '../support/paths.js';

/** What a bundle holds: its text, and the bytes each of the package's runtime files adds to it (`client.ts`, `credential-auth.ts`, …). */
interface Bundle {
  model: ApiModel;
  code: string;
  runtime: Record<string, number>;
}

/**
 * The browser bundle of a program that calls one operation (esbuild --bundle --minify
 * --platform=browser, as bench/sdk-bundle.mjs measures it): its text, and from esbuild's metafile
 * the bytes of each runtime file in it.
 */
async function oneOperationBundle(document: string, operationId: string, params: string, options: SdkOptions = {}): Promise<Bundle> {
  const { model } = await loadApi(join(repoRoot, document), { target: 'sdk', lenient: true });
  const out = mkdtempSync(join(tmpdir(), 'apigw-gen-sdk-bundle-'));
  writePlan(out, planSdk(model, options));
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
    metafile: true,
    logLevel: 'silent',
    // The SigV4 signer's libraries, which an API with IAM operations imports, from the repository's devDependencies.
    nodePaths: [join(repoRoot, 'node_modules')],
  });
  const [output] = Object.values(result.metafile.outputs);
  const runtime = Object.fromEntries(
    Object.entries(output!.inputs)
      .filter(([input, { bytesInOutput }]) => input.includes('/src/runtime/') && bytesInOutput > 0)
      .map(([input, { bytesInOutput }]) => [basename(input), bytesInOutput]),
  );
  return { model, code: result.outputFiles[0]!.text, runtime };
}

// Two documents nobody here wrote, of 15 and 197 operations (fixtures/corpus/MANIFEST.tsv); in
// each, a GET of one resource by one path parameter, behind one security scheme (a bearer token
// and HTTP Basic: one kind of credential, the `auth` option's).
describe('one-operation bundle of a generated SDK', () => {
  let small: Bundle;
  let large: Bundle;
  let open: Bundle;
  let everyKind: Bundle;

  beforeAll(async () => {
    small = await oneOperationBundle(
      'fixtures/corpus/general/apisguru__1password.local__connect__1.3.0.yaml',
      'GetVaultById',
      "{ path: { vaultUuid: 'v' } }",
    );
    large = await oneOperationBundle('fixtures/corpus/large/twilio_api_v2010__twilio-oai.json', 'FetchAccount', "{ path: { Sid: 'AC1' } }");
    // The 1Password document's heartbeat asks for no credential (`security: []`).
    open = await oneOperationBundle('fixtures/corpus/general/apisguru__1password.local__connect__1.3.0.yaml', 'GetHeartbeat', '{}');
    // An API of ours with every kind of credential (keys, tokens, a REQUEST authorizer, IAM), and a health check that needs none.
    everyKind = await oneOperationBundle('fixtures/specs/valid/rest-auth.yaml', 'getHealth', '{}');
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

  it('holds the runtime its operation uses and no other: no auth kind without security, no body writer nor stream reader for a GET', () => {
    // The same runtime in both: the kinds of credential (bearer token, Basic) are one file.
    expect(Object.keys(large.runtime).sort(), `runtime of the Twilio operation`).toStrictEqual(Object.keys(small.runtime).sort());
    expect(Object.keys(small.runtime).sort(), `runtime of the 1Password operation`).toStrictEqual([
      'client.ts',
      'credential-auth.ts',
      'retry.ts',
      'serialize.ts',
    ]);
    expect(Object.keys(open.runtime).sort(), `runtime of the heartbeat, which needs no credential`).toStrictEqual([
      'client.ts',
      'retry.ts',
      'serialize.ts',
    ]);
    expect(Object.keys(everyKind.runtime).sort(), `runtime of a call without credential in an API with every kind`).toStrictEqual([
      'client.ts',
      'retry.ts',
      'serialize.ts',
    ]);
    // Strings of the credential kind that survive minification: present when it is bundled, absent otherwise.
    for (const marker of ['cookie', 'btoa(']) {
      expect(small.code, `credential kind in the 1Password operation's bundle`).toContain(marker);
      expect(open.code, `credential kind in the heartbeat's bundle`).not.toContain(marker);
    }
  });
});

// The same operations with the `dates` option: in the 1Password document, Vault (which GetVaultById
// answers) has createdAt and updatedAt date-times, and APIRequest a timestamp; Twilio's FetchAccount
// answers RFC 2822 dates (format date-time-rfc-2822), which stay strings.
describe('one-operation bundle of a generated SDK with dates', () => {
  const vault = [
    'fixtures/corpus/general/apisguru__1password.local__connect__1.3.0.yaml',
    'GetVaultById',
    "{ path: { vaultUuid: 'v' } }",
  ] as const;
  const account = ['fixtures/corpus/large/twilio_api_v2010__twilio-oai.json', 'FetchAccount', "{ path: { Sid: 'AC1' } }"] as const;

  it('holds the shapes of the called operation’s schemas and no other', async () => {
    const [withDates, without] = await Promise.all([oneOperationBundle(...vault, { dates: true }), oneOperationBundle(...vault)]);
    expect(withDates.code).toContain('createdAt');
    expect(withDates.code).toContain('updatedAt');
    expect(withDates.code, `the shape of APIRequest, which the operation does not answer`).not.toContain('timestamp');
    expect(Object.keys(withDates.runtime).sort(), `runtime with dates`).toStrictEqual([...Object.keys(without.runtime), 'dates.ts'].sort());
    expect(withDates.code.length - without.code.length, `the dates runtime and the Vault shape`).toBeLessThan(1_000);
  }, 120_000);

  it('adds nothing to an operation without date-times, however many the API has', async () => {
    const [withDates, without] = await Promise.all([oneOperationBundle(...account, { dates: true }), oneOperationBundle(...account)]);
    expect(withDates.model.schemas.some((schema) => JSON.stringify(schema.schema).includes('"date-time"'))).toBe(true);
    expect(withDates.runtime, `runtime with dates`).not.toHaveProperty(['dates.ts']);
    expect(withDates.code).toBe(without.code);
  }, 120_000);
});
