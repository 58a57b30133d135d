#!/usr/bin/env node
// Benchmark: what calling ONE operation adds to a browser bundle, for the client apigw-gen
// generates and for openapi-fetch (+ openapi-typescript types), @hey-api/openapi-ts, orval and
// oazapfts, on a petstore-size document and a Stripe-size one.
//
//   npm run bench:bundle -- [--tools a,b] [--json]
//   node bench/sdk-bundle.mjs [same options]      (needs a built apigw-gen: npm run build)
//
// Documents: fixtures/corpus/general/apisguru__1password.local__connect__1.3.0.yaml (15
// operations) and /work/shared/corpus/large/stripe_spec3__stripe-openapi__2022-04-12.json (417
// operations, used in place, read-only; skipped with a note when absent). In each, the consumer
// calls one GET operation with a path parameter and logs what it resolves to.
//
// Method: each tool generates its client once per document (peers pinned in
// bench/sdk-peers/package.json, installed by this script with `npm ci --prefix bench/sdk-peers`
// when missing), a one-line consumer imports only what it calls, and esbuild (the repository's
// devDependency) bundles it: `--bundle --minify --platform=browser --format=esm`, resolving the
// peers' runtime packages (openapi-fetch, @oazapfts/runtime) from bench/sdk-peers. Sizes are the
// bundle's bytes and its gzip -9 bytes. Sizes are deterministic: one run suffices.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { formatTable } from './lib/measure.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PEERS = join(ROOT, 'bench/sdk-peers');
const RUN_TIMEOUT_MS = 300_000;

/** The documents, and the operation the consumer calls in each. */
const DOCUMENTS = [
  {
    name: 'petstore-size (1Password Connect, 15 ops)',
    path: join(ROOT, 'fixtures/corpus/general/apisguru__1password.local__connect__1.3.0.yaml'),
    operationId: 'GetVaultById',
    route: '/vaults/{vaultUuid}',
    parameter: 'vaultUuid',
  },
  {
    name: 'Stripe-size (Stripe, 417 ops)',
    path: '/work/shared/corpus/large/stripe_spec3__stripe-openapi__2022-04-12.json',
    operationId: 'GetCustomersCustomer',
    route: '/v1/customers/{customer}',
    parameter: 'customer',
  },
];

const lowerFirst = (name) => name[0].toLowerCase() + name.slice(1);
const BASE_URL = 'https://api.example.com';

/** Each tool: how it generates into `out`, and the consumer that calls `doc`'s operation from `out`. */
const TOOLS = {
  'apigw-gen': {
    command: (doc, out) => [join(ROOT, 'bin/apigw-gen.js'), 'sdk', doc.path, '-o', out, '--lenient'],
    consumer: (doc, out) => {
      const fn = lowerFirst(doc.operationId);
      return `import { createClient, ${fn} } from ${JSON.stringify(join(out, 'src/index.ts'))};
${fn}(createClient({ baseUrl: '${BASE_URL}' }), { path: { ${doc.parameter}: 'x' } }).then(console.log);\n`;
    },
  },
  'openapi-fetch': {
    // openapi-typescript writes the types openapi-fetch is typed with; types add nothing to a bundle.
    command: (doc, out) => [peerBin('openapi-typescript'), doc.path, '-o', join(out, 'schema.ts')],
    consumer: (doc) => `import createClient from 'openapi-fetch';
createClient({ baseUrl: '${BASE_URL}' }).GET('${doc.route}', { params: { path: { ${doc.parameter}: 'x' } } }).then(console.log);\n`,
  },
  'hey-api': {
    command: (doc, out) => [peerBin('@hey-api/openapi-ts'), '-i', doc.path, '-o', out],
    consumer: (doc, out) => {
      const fn = lowerFirst(doc.operationId);
      return `import { ${fn} } from ${JSON.stringify(join(out, 'sdk.gen.ts'))};
${fn}({ baseUrl: '${BASE_URL}', path: { ${doc.parameter}: 'x' } }).then(console.log);\n`;
    },
  },
  orval: {
    command: (doc, out) => [peerBin('orval'), '-i', doc.path, '-o', join(out, 'api.ts'), '--client', 'fetch', '--mode', 'single'],
    consumer: (doc, out) => {
      const fn = lowerFirst(doc.operationId);
      return `import { ${fn} } from ${JSON.stringify(join(out, 'api.ts'))};\n${fn}('x').then(console.log);\n`;
    },
  },
  oazapfts: {
    command: (doc, out) => [peerBin('oazapfts'), doc.path, join(out, 'api.ts')],
    consumer: (doc, out) => {
      const fn = lowerFirst(doc.operationId);
      return `import { ${fn} } from ${JSON.stringify(join(out, 'api.ts'))};\n${fn}('x').then(console.log);\n`;
    },
  },
};

const { values: opt } = parseArgs({ options: { tools: { type: 'string' }, json: { type: 'boolean', default: false } } });
const toolNames = opt.tools ? opt.tools.split(',').map((name) => name.trim()) : Object.keys(TOOLS);
for (const name of toolNames) if (!TOOLS[name]) throw new Error(`unknown tool ${name}; known: ${Object.keys(TOOLS)}`);
const log = (line) => process.stderr.write(`${line}\n`);
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** The CLI entry file of a package installed in bench/sdk-peers, from its package.json "bin". */
function peerBin(pkg) {
  const dir = join(PEERS, 'node_modules', pkg);
  const { bin } = readJson(join(dir, 'package.json'));
  return join(dir, typeof bin === 'string' ? bin : Object.values(bin)[0]);
}

/** Installs bench/sdk-peers from its lock file unless every pinned version is there. */
function ensurePeers() {
  const { dependencies } = readJson(join(PEERS, 'package.json'));
  const installed = (name) => {
    const file = join(PEERS, 'node_modules', name, 'package.json');
    return existsSync(file) ? readJson(file).version : null;
  };
  if (Object.entries(dependencies).every(([name, version]) => installed(name) === version)) return dependencies;
  log('installing the peers: npm ci --prefix bench/sdk-peers');
  const run = spawnSync('npm', ['ci', '--prefix', PEERS, '--no-audit', '--no-fund'], { stdio: ['ignore', 2, 2] });
  if (run.status !== 0) throw new Error(`npm ci --prefix bench/sdk-peers failed (${run.error ?? `exit ${run.status}`})`);
  return dependencies;
}

if (!existsSync(join(ROOT, 'dist/cli/main.js'))) throw new Error('apigw-gen not built: run npm run build');
const versions = toolNames.some((name) => name !== 'apigw-gen') ? ensurePeers() : {};
const work = mkdtempSync(join(tmpdir(), 'apigw-bundle-bench-'));
const rows = [];
for (const doc of DOCUMENTS) {
  if (!existsSync(doc.path)) {
    log(`${doc.name}: ${doc.path} is absent, skipped`);
    continue;
  }
  for (const name of toolNames) {
    const tool = TOOLS[name];
    const out = join(work, `${rows.length}-${name}`);
    mkdirSync(out, { recursive: true });
    const generated = spawnSync(process.execPath, tool.command(doc, out), {
      cwd: work,
      encoding: 'utf8',
      timeout: RUN_TIMEOUT_MS,
      env: { ...process.env, NODE_NO_WARNINGS: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    const row = { document: doc.name, operation: doc.operationId, tool: name };
    if (generated.status !== 0) {
      rows.push({ ...row, error: `generation failed: ${(generated.stderr || String(generated.error)).trim().split('\n')[0]}` });
      continue;
    }
    const entry = join(out, 'consumer.ts');
    writeFileSync(entry, tool.consumer(doc, out));
    try {
      const result = await build({
        entryPoints: [entry],
        bundle: true,
        minify: true,
        platform: 'browser',
        format: 'esm',
        write: false,
        logLevel: 'silent',
        nodePaths: [join(PEERS, 'node_modules')],
      });
      const bytes = result.outputFiles[0].contents;
      rows.push({ ...row, minBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length });
    } catch (error) {
      rows.push({ ...row, error: `bundle failed: ${String(error.message).split('\n')[0]}` });
    }
    log(`${doc.name} ${name}: done`);
  }
}

const report = { date: new Date().toISOString(), node: process.version, versions, rows };
if (opt.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
const table = formatTable(
  ['document', 'tool', 'min bytes', 'gzip bytes'],
  rows.map((row) => [row.document, row.tool, row.error ?? String(row.minBytes), row.error ? '' : String(row.gzipBytes)]),
  [2, 3],
);
(opt.json ? process.stderr : process.stdout).write(`${table}\n`);
