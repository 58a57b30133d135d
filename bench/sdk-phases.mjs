#!/usr/bin/env node
// Where `apigw-gen sdk` spends its time: one cold run of each pipeline stage on one document,
// in-process, with the time of each stage and the peak RSS. Complements bench/sdk.mjs, which
// times whole processes against peers.
//
//   npm run build && node bench/sdk-phases.mjs <document> [out-folder]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const [document, out = join(mkdtempSync(join(tmpdir(), 'apigw-gen-phases-')), 'client')] = process.argv.slice(2);
if (!document) {
  process.stderr.write('usage: node bench/sdk-phases.mjs <document> [out-folder]\n');
  process.exit(2);
}

const start = performance.now();
const [{ loadDocument }, { decideApiKind }, { runChecks }, { buildApiModel }, { planSdk }, { writePlan }] = await Promise.all([
  import('../dist/load/load-document.js'),
  import('../dist/document/api-kind.js'),
  import('../dist/checks/run-checks.js'),
  import('../dist/model/build-api-model.js'),
  import('../dist/targets/sdk/index.js'),
  import('../dist/emit/write-plan.js'),
]);
const phases = [];
let last = start;
const lap = (name) => {
  const now = performance.now();
  phases.push(`${name} ${Math.round(now - last)} ms`);
  last = now;
};
lap('imports');
const loaded = await loadDocument(document);
lap('load');
const kind = decideApiKind(loaded.document);
const diagnostics = await runChecks(loaded, kind.kind, { locate: false });
lap(`checks (${diagnostics.length} findings)`);
const model = buildApiModel(loaded, kind);
lap(`model (${model.operations.length} operations, ${model.schemas.length} schemas)`);
const files = planSdk(model, {});
lap(`plan (${files.reduce((bytes, file) => bytes + file.contents.length, 0)} chars)`);
writePlan(out, files);
lap('write');
console.log(phases.join('\n'));
console.log(`total ${Math.round(performance.now() - start)} ms, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
