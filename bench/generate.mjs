#!/usr/bin/env node
// Benchmark: what `apigw-gen generate` costs a prebuild hook when nothing changed, against
// starting Node alone (`node -e 0`), and a full run for scale.
//
//   node bench/generate.mjs [--runs 20] [--json]      (needs a built apigw-gen: npm run build)
//
// The project is a temp folder with one document (fixtures/specs/valid/rest-lambda-proxy.yaml)
// and four targets (sdk, handlers, mock, cfn). Method, as in bench/validate.mjs: every run is a
// whole process on the same Node (process.execPath), runs are strictly sequential, one warm-up
// run per case, then N measured runs; wall time and peak RSS: see lib/measure.mjs.
// - no-op: `apigw-gen generate` after a successful run (the no-op cache is trusted);
// - full: the same, with node_modules/.cache removed before each run (every target planned,
//   nothing written since every output is unchanged);
// - node -e 0: Node's own start-up.
// The last line is the no-op's median divided by Node's: how much a prebuild costs beyond Node.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatTable, median, rssMethodLabel, runMeasured, warnIfBusy } from './lib/measure.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/apigw-gen.js');
const TIMEOUT_MS = 60_000;

const { values: options } = parseArgs({ options: { runs: { type: 'string', default: '20' }, json: { type: 'boolean', default: false } } });
const runs = Number(options.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
const out = options.json ? process.stderr : process.stdout;

const project = mkdtempSync(join(tmpdir(), 'bench-generate-'));
copyFileSync(join(ROOT, 'fixtures/specs/valid/rest-lambda-proxy.yaml'), join(project, 'openapi.yaml'));
writeFileSync(
  join(project, 'apigw-gen.config.yaml'),
  `stages:
  prod: { variables: { alias: live } }
targets:
  - { type: sdk, document: openapi.yaml, out: generated/sdk }
  - { type: handlers, document: openapi.yaml, out: generated/handlers }
  - { type: mock, document: openapi.yaml, out: generated/mock.yaml }
  - { type: cfn, document: openapi.yaml, out: generated/template.yaml }
`,
);

const env = { ...process.env, NO_COLOR: '1' };
const cases = [
  { name: 'apigw-gen generate (no-op)', args: [BIN, 'generate'] },
  {
    name: 'apigw-gen generate (full, no cache)',
    args: [BIN, 'generate'],
    before: () => rmSync(join(project, 'node_modules'), { recursive: true, force: true }),
  },
  { name: 'node -e 0', args: ['-e', '0'] },
];

warnIfBusy();
const first = await runMeasured([BIN, 'generate'], { cwd: project, env, timeoutMs: TIMEOUT_MS });
if (first.code !== 0) throw new Error(`apigw-gen generate failed: ${first.stderrHead}`);
const results = [];
for (const { name, args, before } of cases) {
  const times = [];
  const rss = [];
  for (let run = 0; run <= runs; run++) {
    before?.();
    const result = await runMeasured(args, { cwd: project, env, timeoutMs: TIMEOUT_MS });
    if (result.code !== 0) throw new Error(`${name} failed: ${result.stderrHead}`);
    if (run === 0) continue; // warm-up
    times.push(result.ms);
    rss.push(result.rssMiB);
  }
  results.push({ name, medianMs: median(times), minMs: Math.min(...times), medianRssMiB: median(rss) });
}
rmSync(project, { recursive: true, force: true });

const node = results.find(({ name }) => name === 'node -e 0');
const noOp = results[0];
out.write(`Node ${process.version}, ${runs} runs per case (after one warm-up), peak RSS by ${rssMethodLabel}\n\n`);
out.write(
  formatTable(
    ['case', 'median ms', 'min ms', 'median RSS MiB', 'x node -e 0'],
    results.map((r) => [
      r.name,
      r.medianMs.toFixed(1),
      r.minMs.toFixed(1),
      r.medianRssMiB.toFixed(1),
      (r.medianMs / node.medianMs).toFixed(2),
    ]),
    [1, 2, 3, 4],
  ),
);
out.write(
  `\nno-op generate / node -e 0: ${(noOp.medianMs / node.medianMs).toFixed(2)}x (${noOp.medianMs.toFixed(1)} ms vs ${node.medianMs.toFixed(1)} ms)\n`,
);
if (options.json) process.stdout.write(JSON.stringify({ runs, results, noOpRatio: noOp.medianMs / node.medianMs }, null, 2) + '\n');
