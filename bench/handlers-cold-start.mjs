#!/usr/bin/env node
// Benchmark: the size and the init time of a generated Lambda function, bundled as one deploys
// it: the bookstore fixture's `bookstore-books` function (fixtures/specs/valid/rest-lambda-proxy.yaml,
// four operations) and the orders fixture's `orders-function` (fixtures/specs/valid/rest-request-validation.yaml,
// four operations, request validators, schemas with formats), entry point
// src/functions/<function>/index.ts, bundled with esbuild (bundle, minify, platform node, ESM,
// target node20, with the createRequire banner that ESM bundles of CommonJS packages need).
//
//   npm run bench:handlers -- [--runs 20] [--json]
//   node bench/handlers-cold-start.mjs [same options]     (needs a built apigw-gen: npm run build)
//
// Variants:
//   router       bookstore: the generated router and stubs as they are;
//   middleware   bookstore: getBook wrapped in withInterceptors with mapErrors() and cors();
//   powertools   bookstore: getBook also behind injectLogger, captureOperation and logMetrics, with
//                Powertools' Logger, Tracer and Metrics bundled in (the root devDependencies);
//   validation-off        orders, --validation off: no validators;
//   validation            orders, the document's request validators (validators.gen.ts, ajv-formats' date);
//   validation-responses  orders, --validation all --response-validation: every body and answer schema.
// Size: bytes of the minified bundle, and gzipped (level 9), as a deployment zip holds it.
// Init time: a fresh Node process (process.execPath) imports the bundle and prints the time the
// dynamic import() took (performance.now() around it): what a Lambda cold start spends loading
// the function module, without the runtime's own start. Runs go round-robin over the variants
// (one warm-up each, then --runs rounds), strictly sequential; the median and min/max are shown.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { median } from './lib/measure.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' }, json: { type: 'boolean', default: false } } });
const runs = Number(values.runs);
const log = (text) => process.stderr.write(`${text}\n`);

const GET_BOOK = 'src/functions/bookstore-books/get-book.ts';
const bookstore = { document: 'fixtures/specs/valid/rest-lambda-proxy.yaml', entry: 'src/functions/bookstore-books/index.ts', args: [] };
const orders = { document: 'fixtures/specs/valid/rest-request-validation.yaml', entry: 'src/functions/orders-function/index.ts' };
const variants = {
  router: { ...bookstore, files: {} },
  middleware: {
    ...bookstore,
    files: {
      [GET_BOOK]: `import { cors, mapErrors, withInterceptors } from '../../runtime/middleware.js';
import { GetBookResponses, type GetBookHandler } from './operations.gen.js';

export const getBook: GetBookHandler = withInterceptors(
  ({ path }) => GetBookResponses.ok({ id: path.bookId, title: 'Tehanu', author: 'Ursula K. Le Guin' }),
  mapErrors(),
  cors(),
);
`,
    },
  },
  powertools: {
    ...bookstore,
    files: {
      [GET_BOOK]: `import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureOperation, cors, injectLogger, logMetrics, mapErrors, withInterceptors } from '../../runtime/middleware.js';
import { GetBookResponses, type GetBookHandler } from './operations.gen.js';

const logger = new Logger({ serviceName: 'bookstore' });
const tracer = new Tracer({ serviceName: 'bookstore' });
const metrics = new Metrics({ namespace: 'Bookstore', serviceName: 'bookstore' });

export const getBook: GetBookHandler = withInterceptors(
  ({ path }) => GetBookResponses.ok({ id: path.bookId, title: 'Tehanu', author: 'Ursula K. Le Guin' }),
  mapErrors(),
  cors(),
  injectLogger(logger),
  captureOperation(tracer),
  logMetrics(metrics),
);
`,
    },
  },
  'validation-off': { ...orders, args: ['--validation', 'off'], files: {} },
  validation: { ...orders, args: [], files: {} },
  'validation-responses': { ...orders, args: ['--validation', 'all', '--response-validation'], files: {} },
};

const work = mkdtempSync(join(tmpdir(), 'apigw-gen-cold-start-'));
const bundles = {};
try {
  for (const [name, { document, entry, args, files }] of Object.entries(variants)) {
    const out = join(work, name);
    execFileSync(process.execPath, [join(repo, 'bin/apigw-gen.js'), 'handlers', join(repo, document), '-o', out, ...args], {
      stdio: 'ignore',
    });
    for (const [path, source] of Object.entries(files)) writeFileSync(join(out, path), source);
    // Packages resolve from this repository's node_modules, as an install would put them.
    symlinkSync(join(repo, 'node_modules'), join(out, 'node_modules'), 'dir');
    const outfile = join(out, 'bundle', 'index.mjs');
    mkdirSync(dirname(outfile), { recursive: true });
    await build({
      entryPoints: [join(out, entry)],
      bundle: true,
      minify: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      // CommonJS dependencies (the X-Ray SDK under Powertools' tracer) require Node built-ins, which an ESM bundle must provide:
      // https://docs.powertools.aws.dev/lambda/typescript/latest/getting-started/installation/ (esbuild ESM banner)
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
      logLevel: 'error',
    });
    const bytes = readFileSync(outfile);
    bundles[name] = { outfile, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, times: [] };
  }
  const probe =
    'const file = process.argv[1]; const start = performance.now(); await import(file); process.stdout.write(String(performance.now() - start));';
  const importTime = (outfile) =>
    Number(
      execFileSync(process.execPath, ['--input-type=module', '-e', probe, outfile], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH, AWS_REGION: 'us-east-1' },
      }),
    );
  for (const bundle of Object.values(bundles)) importTime(bundle.outfile);
  for (let round = 0; round < runs; round += 1) for (const bundle of Object.values(bundles)) bundle.times.push(importTime(bundle.outfile));
} finally {
  rmSync(work, { recursive: true, force: true });
}

const rows = Object.entries(bundles).map(([name, { bytes, gzip, times }]) => ({
  variant: name,
  bytes,
  gzip,
  initMedianMs: Number(median(times).toFixed(2)),
  initMinMs: Number(Math.min(...times).toFixed(2)),
  initMaxMs: Number(Math.max(...times).toFixed(2)),
}));
const load = loadavg()
  .map((value) => value.toFixed(2))
  .join(' ');
if (values.json) process.stdout.write(`${JSON.stringify({ node: process.version, runs, loadavg: load, rows }, null, 2)}\n`);
const print = values.json ? log : (text) => process.stdout.write(`${text}\n`);
print(`Node ${process.version}, ${runs} runs per variant, load average ${load}`);
print('| variant | bundle (minified) | gzip | init median | min / max |');
print('| --- | ---: | ---: | ---: | ---: |');
for (const row of rows) {
  print(
    `| ${row.variant} | ${(row.bytes / 1024).toFixed(1)} KiB | ${(row.gzip / 1024).toFixed(1)} KiB | ${row.initMedianMs} ms | ${row.initMinMs} / ${row.initMaxMs} ms |`,
  );
}
