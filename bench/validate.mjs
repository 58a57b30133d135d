#!/usr/bin/env node
// Benchmark: `apigw-gen validate` against swagger-parser and Redocly CLI lint on the
// large real documents in /work/shared/corpus/large (used in place, read-only).
//
//   node bench/validate.mjs [--runs 5] [--files substr[,substr]] [--tools a,b] [--json]
//
// Every run is a whole separate process, so start-up cost counts for every tool, and
// runs are strictly sequential (the machine has 2 cores; parallel runs would skew times).
// Per file x tool: one warm-up run (fills the OS file cache), then N measured runs.
// If the warm-up fails (bad exit code or timeout) the measured runs are skipped.
// Wall time and peak RSS (GNU /usr/bin/time %M, or a probe without it): see lib/measure.mjs.
// With --json the table goes to stderr and only the JSON goes to stdout.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchOptions, formatTable, median, rssMethod, rssMethodLabel, runMeasured, warnIfBusy } from './lib/measure.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TIMEOUT_MS = 120_000;

// Each tool: node arguments for one file, the exit codes that count as a result, and
// an optional reason it cannot run. All are started with the same Node (process.execPath).
const TOOLS = {
  'apigw-gen': {
    args: (f) => [join(ROOT, 'bin/apigw-gen.js'), 'validate', f, '--format', 'json'],
    ok: [0, 1], // 1 = the document has findings
    missing: () =>
      existsSync(join(ROOT, 'bin/apigw-gen.js')) && existsSync(join(ROOT, 'dist/cli/main.js'))
        ? null
        : 'apigw-gen not built: run npm run build',
  },
  'swagger-parser': {
    args: (f) => [join(ROOT, 'bench/peers/swagger-parser-validate.mjs'), f],
    ok: [0, 1],
  },
  redocly: {
    // Path from the "bin" field of @redocly/cli/package.json.
    args: (f) => [join(ROOT, 'node_modules/@redocly/cli/bin/cli.js'), 'lint', f, '--format=stylish'],
    ok: [0, 1], // 1 = lint errors
  },
};

// Same environment for every tool.
// - REDOCLY_TELEMETRY=off: otherwise Redocly posts usage data after each run (documented
//   opt-out; checked with strace: no connect() at all once set).
// - REDOCLY_SUPPRESS_UPDATE_NOTICE=true: skips its registry.npmjs.org "latest" check
//   (already skipped when stderr is not a TTY, set anyway to be explicit).
// - NODE_NO_WARNINGS=1: no Node process warnings (e.g. DeprecationWarning) on stderr.
//   Redocly 2.77 also prints a "Node.js 20 support is ending" box to stderr on Node 20
//   with no switch to turn it off; stderr is captured (not shown), so it adds no noise.
// - NO_COLOR / FORCE_COLOR=0: nobody spends time on ANSI colouring of discarded output.
const ENV = {
  ...process.env,
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
  NODE_NO_WARNINGS: '1',
  NO_COLOR: '1',
  FORCE_COLOR: '0',
};

const { runs: RUNS, toolNames, files, json, out } = benchOptions(TOOLS, 5);
const log = (s) => process.stderr.write(`${s}\n`);

warnIfBusy();

// Neutral cwd: no redocly.yaml or other config is picked up by accident.
const work = mkdtempSync(join(tmpdir(), 'apigw-bench-'));

const results = [];
for (const file of files) {
  for (const tool of toolNames) {
    const t = TOOLS[tool];
    const r = { file: file.name, sizeMB: +file.mb.toFixed(2), tool, command: null, runs: [] };
    results.push(r);
    const why = t.missing?.();
    if (why) {
      r.error = why;
      log(`${file.name} ${tool}: ${why}`);
      continue;
    }
    r.command = [process.execPath, ...t.args(file.path)].join(' ');
    log(`${file.name} ${tool}: warm-up + ${RUNS} run(s)`);
    for (let i = 0; i <= RUNS; i++) {
      const run = await runMeasured(t.args(file.path), { cwd: work, env: ENV, timeoutMs: TIMEOUT_MS });
      const bad = run.timeout ? 'timeout' : !t.ok.includes(run.code) ? `exit ${run.code}` : null;
      if (bad) {
        r.error = `${bad}${run.stderrTail ? `: ${run.stderrTail.split('\n').slice(-3).join(' | ')}` : ''}`;
        log(`  ${i ? 'run ' + i : 'warm-up'} failed: ${r.error}`);
        break;
      }
      if (i > 0) r.runs.push({ ms: +run.ms.toFixed(1), rssMiB: +run.rssMiB.toFixed(1), code: run.code });
    }
    if (r.runs.length) {
      r.medianMs = +median(r.runs.map((x) => x.ms)).toFixed(1);
      r.minMs = Math.min(...r.runs.map((x) => x.ms));
      r.medianRssMiB = +median(r.runs.map((x) => x.rssMiB)).toFixed(1);
      r.exitCodes = [...new Set(r.runs.map((x) => x.code))];
    }
  }
}
rmSync(work, { recursive: true, force: true });

// Ratios apigw-gen / peer on medians (< 1 means apigw-gen is faster) and per-file verdicts.
const ok = (r) => r && r.medianMs !== undefined && !r.error;
const summary = [];
for (const file of files) {
  const rows = results.filter((r) => r.file === file.name);
  const me = rows.find((r) => r.tool === 'apigw-gen');
  const peers = rows.filter((r) => r.tool !== 'apigw-gen');
  if (ok(me)) me.ratios = Object.fromEntries(peers.filter(ok).map((p) => [p.tool, +(me.medianMs / p.medianMs).toFixed(2)]));
  let verdict;
  if (!me) verdict = 'apigw-gen not selected';
  else if (!ok(me)) verdict = `apigw-gen has no result (${me.error})`;
  else if (peers.length < 2 || !peers.every(ok)) verdict = 'n/a: needs results from both peers';
  else
    verdict = peers.every((p) => me.medianMs < p.medianMs)
      ? 'apigw-gen is FASTER than both peers'
      : 'apigw-gen is NOT faster than both peers';
  summary.push({ file: file.name, verdict });
}

// Table.
const short = (n) => n.replace(/\.(json|yaml)$/, '');
const head = ['file', 'MB', 'tool', 'median ms', 'min ms', 'RSS MiB', 'exit', 'vs peers'];
const body = results.map((r) => [
  short(r.file),
  r.sizeMB.toFixed(2),
  r.tool,
  ...(ok(r)
    ? [r.medianMs.toFixed(0), r.minMs.toFixed(0), r.medianRssMiB.toFixed(0), r.exitCodes.join(',')]
    : ['-', '-', '-', r.error ?? '-']),
  r.ratios
    ? Object.entries(r.ratios)
        .map(([p, x]) => `${x.toFixed(2)}x ${p}`)
        .join(', ')
    : '',
]);
out.write(`\nvalidate benchmark: ${RUNS} measured run(s) after 1 warm-up, Node ${process.version}, peak RSS via ${rssMethodLabel}\n\n`);
out.write(`${formatTable(head, body, [1, 3, 4, 5])}\n`);
for (const s of summary) out.write(`${short(s.file)}: ${s.verdict}\n`);
if (json)
  process.stdout.write(
    `${JSON.stringify({ node: process.version, runs: RUNS, timeoutMs: TIMEOUT_MS, rssMethod, results, summary }, null, 2)}\n`,
  );
