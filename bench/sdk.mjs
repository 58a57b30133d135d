#!/usr/bin/env node
// Benchmark: `apigw-gen sdk` against the SDK generators @hey-api/openapi-ts, openapi-typescript,
// orval and oazapfts on the large real documents in /work/shared/corpus/large (used in place,
// read-only), plus the time `tsc --strict` takes on each tool's output and its error count.
//
//   npm run bench:sdk -- [--runs 3] [--files substr[,substr]] [--tools a,b] [--json]
//   node bench/sdk.mjs [same options]        (needs a built apigw-gen: npm run build)
//
// The peers are pinned in bench/sdk-peers/package.json + package-lock.json, not in the root
// package.json (CI installs the root dependencies); this script runs
// `npm ci --prefix bench/sdk-peers` itself when one of them is missing or at another version.
//
// Method, as in bench/validate.mjs: every run is a whole process on the same Node
// (process.execPath, on the tool's CLI entry file), runs are strictly sequential (the machine
// has 2 cores), and per document x tool there is one warm-up run, then N measured runs, each
// into a fresh output folder. The runs of one document go round-robin over the tools (every
// warm-up, then every tool's first run, ...), so that drifting machine load weighs on all alike. Exit code 0 is success; a failed run stops that tool for that
// document and its row says "failed: <first stderr line>". Wall time and peak RSS (of the
// tool's whole process tree): see lib/measure.mjs. "x apigw" columns: the tool's median
// divided by apigw-gen's (> 1: slower, or more memory, than apigw-gen).
//
// Type-check, after the measured runs: the last output of each tool is compiled once, as a
// whole process too, with the repo's TypeScript:
//   tsc --strict --noEmit --skipLibCheck --target ES2022 --module NodeNext
//       --moduleResolution NodeNext --lib ES2022,DOM <the .ts files the tool wrote>
// (apigw-gen: its package's src/**/*.ts). The outputs sit in an ESM project (package.json
// "type": "module", like apigw-gen's own package) whose node_modules holds only the runtime
// packages the outputs import, linked from bench/sdk-peers, so no stray @types get in.
// openapi-typescript writes schema.ts rather than schema.d.ts: --skipLibCheck skips .d.ts
// files, so a .d.ts output would always type-check with 0 errors without being read.
// The --lib is that of apigw-gen's generated tsconfig; hey-api's bundled client iterates
// URLSearchParams, which needs DOM.Iterable too: 3 of its errors on every document (TS2339,
// TS2345, TS2488 in core/queryKeySerializer.gen.ts) come from that alone.
//
// With --json the tables go to stderr and only the JSON goes to stdout.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { benchOptions, formatTable, median, rssMethod, rssMethodLabel, runMeasured, warnIfBusy } from './lib/measure.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PEERS = join(ROOT, 'bench/sdk-peers');
const RUN_TIMEOUT_MS = 180_000;
const TSC_TIMEOUT_MS = 300_000;
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const TSC_FLAGS = [
  '--strict --noEmit --skipLibCheck --target ES2022 --module NodeNext --moduleResolution NodeNext --lib ES2022,DOM',
  '--pretty false', // one "file(line,col): error TSnnnn: ..." line per error, counted in typecheck()
].flatMap((s) => s.split(' '));
// Packages the generated code imports at run time (hey-api 0.95 copies its fetch client into
// the output and orval's fetch client uses the global fetch, so only oazapfts needs one).
const RUNTIME_PACKAGES = ['@oazapfts/runtime'];

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** Files under dir (recursive), as absolute paths. */
const filesUnder = (dir) =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true })
        .map((rel) => join(dir, rel))
        .filter((f) => statSync(f).isFile())
    : [];
const tsFilesUnder = (dir) => filesUnder(dir).filter((f) => f.endsWith('.ts'));

/** The CLI entry file of a package installed in bench/sdk-peers, from its package.json "bin". */
function peerBin(pkg) {
  const dir = join(PEERS, 'node_modules', pkg);
  const { bin } = readJson(join(dir, 'package.json'));
  return join(dir, typeof bin === 'string' ? bin : Object.values(bin)[0]);
}

// Each tool: its CLI entry file, the arguments that generate `doc` into the (existing, empty)
// folder `out`, and the .ts files of an output to type-check (default: all it wrote).
const TOOLS = {
  'apigw-gen': {
    entry: () => join(ROOT, 'bin/apigw-gen.js'),
    // --lenient: generate although the document has API Gateway import errors (all of these have some).
    args: (doc, out) => ['sdk', doc, '-o', out, '--lenient'],
    tsFiles: (out) => tsFilesUnder(join(out, 'src')),
    missing: () =>
      existsSync(join(ROOT, 'bin/apigw-gen.js')) && existsSync(join(ROOT, 'dist/cli/main.js'))
        ? null
        : 'apigw-gen not built: run npm run build',
  },
  // Defaults: types + sdk plugins with the fetch client, no formatter.
  'hey-api': { pkg: '@hey-api/openapi-ts', args: (doc, out) => ['-i', doc, '-o', out] },
  // Output folder from SDK_BENCH_OUT: see the config file.
  'hey-api+prettier': { pkg: '@hey-api/openapi-ts', args: (doc) => ['-f', join(PEERS, 'openapi-ts.prettier.config.mjs'), '-i', doc] },
  // Types only (no client).
  'openapi-typescript': { pkg: 'openapi-typescript', args: (doc, out) => [doc, '-o', join(out, 'schema.ts')] },
  orval: { pkg: 'orval', args: (doc, out) => ['-i', doc, '-o', join(out, 'api.ts'), '--client', 'fetch', '--mode', 'single'] },
  oazapfts: { pkg: 'oazapfts', args: (doc, out) => [doc, join(out, 'api.ts')] },
};
const commandOf = (tool, doc, out) => [tool.pkg ? peerBin(tool.pkg) : tool.entry(), ...tool.args(doc, out)];

// Same environment for every tool (plus SDK_BENCH_OUT, the run's output folder).
// - PATH starts with bench/sdk-peers/node_modules/.bin: hey-api's post-processing runs
//   `prettier` from PATH, and must get the pinned one.
// - NODE_NO_WARNINGS=1, NO_COLOR / FORCE_COLOR=0: no warnings or ANSI colouring on discarded output.
// None of the peers has telemetry or an update check: none of them opened a socket in a run
// (strace -f -e trace=connect), so there is nothing to switch off.
const ENV = {
  ...process.env,
  PATH: `${join(PEERS, 'node_modules/.bin')}${delimiter}${process.env.PATH}`,
  NODE_NO_WARNINGS: '1',
  NO_COLOR: '1',
  FORCE_COLOR: '0',
};

const { runs: RUNS, toolNames, files, json, out } = benchOptions(TOOLS, 3);
const log = (s) => process.stderr.write(`${s}\n`);

/** Installs bench/sdk-peers from its lock file unless every pinned version is already there; -> { name: version }. */
function ensurePeers() {
  const { dependencies } = readJson(join(PEERS, 'package.json'));
  const installed = (name) => {
    const file = join(PEERS, 'node_modules', name, 'package.json');
    return existsSync(file) ? readJson(file).version : null;
  };
  const stale = Object.entries(dependencies).filter(([name, version]) => installed(name) !== version);
  if (stale.length) {
    log(`installing the peers (${stale.map(([n, v]) => `${n}@${v}`).join(', ')}): npm ci --prefix bench/sdk-peers`);
    const r = spawnSync('npm', ['ci', '--prefix', PEERS, '--no-audit', '--no-fund'], { stdio: ['ignore', 2, 2] });
    if (r.status !== 0)
      throw new Error(`npm ci --prefix bench/sdk-peers failed (${r.error ?? `exit ${r.status}`}); run it by hand, then retry`);
  }
  return dependencies;
}
const peerVersions = toolNames.some((t) => TOOLS[t].pkg) ? ensurePeers() : {};
const version = readJson(join(ROOT, 'package.json')).version;

warnIfBusy();

// Scratch space: `cwd` is the tools' neutral working folder (no config file is picked up by
// accident); `outputs` is the ESM project that holds the output folders for the type-check.
const work = mkdtempSync(join(tmpdir(), 'apigw-sdk-bench-'));
const cwd = join(work, 'cwd');
const outputs = join(work, 'outputs');
mkdirSync(cwd);
mkdirSync(outputs);
writeFileSync(join(outputs, 'package.json'), '{ "type": "module" }\n');
for (const pkg of RUNTIME_PACKAGES) {
  mkdirSync(dirname(join(outputs, 'node_modules', pkg)), { recursive: true });
  if (existsSync(join(PEERS, 'node_modules', pkg)))
    symlinkSync(join(PEERS, 'node_modules', pkg), join(outputs, 'node_modules', pkg), 'dir');
}

/** First non-empty stderr line, without ANSI colours, for a one-line error. */
const firstLine = (text) =>
  stripVTControlCharacters(text)
    .split('\n')
    .map((l) => l.trim())
    .find(Boolean)
    ?.slice(0, 160) ?? '(no stderr)';

/** tsc on one output folder -> { ms, rssMiB, errors, errorsByCode, firstError } or { error }. */
async function typecheck(tool, dir) {
  const ts = (tool.tsFiles ?? tsFilesUnder)(dir);
  if (!ts.length) return { error: 'no .ts files in the output' };
  const report = join(work, 'tsc.txt');
  const run = await runMeasured([TSC, ...TSC_FLAGS, ...ts], { cwd: outputs, env: ENV, timeoutMs: TSC_TIMEOUT_MS, stdoutFile: report });
  // tsc exits 0 without errors, 1 or 2 with errors; anything else is a crash.
  if (run.timeout) return { error: `timeout after ${TSC_TIMEOUT_MS / 1000} s` };
  if (![0, 1, 2].includes(run.code)) return { error: `exit ${run.code}: ${firstLine(run.stderrHead)}` };
  const errors = readFileSync(report, 'utf8')
    .split('\n')
    .filter((line) => /\berror TS\d+:/.test(line));
  const errorsByCode = {};
  for (const line of errors) {
    const code = /\berror (TS\d+):/.exec(line)[1];
    errorsByCode[code] = (errorsByCode[code] ?? 0) + 1;
  }
  return { ms: +run.ms.toFixed(1), rssMiB: +run.rssMiB.toFixed(1), errors: errors.length, errorsByCode, firstError: errors[0] };
}

/**
 * Warm-up + RUNS measured runs of every tool on one document, round-robin (each tool's warm-up,
 * then each tool's first run, and so on): on a shared machine the load drifts, and interleaving
 * lets the drift weigh on every tool alike. -> [{ name, row, dir }] (dir: the last output folder).
 */
async function measureDocument(file) {
  const states = toolNames.map((name) => {
    const tool = TOOLS[name];
    const row = { file: file.name, sizeMB: +file.mb.toFixed(2), tool: name, command: null, runs: [] };
    const why = tool.missing?.();
    if (why) return { name, tool, row: { ...row, error: why }, done: true };
    row.command = commandOf(tool, file.path, '<out>').join(' ');
    return { name, tool, row, dir: null, done: false };
  });
  log(
    `${file.name}: warm-up + ${RUNS} run(s) of ${states
      .filter((state) => !state.done)
      .map((state) => state.name)
      .join(', ')}, round-robin`,
  );
  for (let i = 0; i <= RUNS; i++) {
    for (const state of states) {
      if (state.done) continue;
      if (state.dir) rmSync(state.dir, { recursive: true, force: true }); // keep only the latest output
      state.dir = mkdtempSync(join(outputs, `${state.name}-`));
      const run = await runMeasured(commandOf(state.tool, file.path, state.dir), {
        cwd,
        env: { ...ENV, SDK_BENCH_OUT: state.dir },
        timeoutMs: RUN_TIMEOUT_MS,
      });
      if (run.timeout || run.code !== 0) {
        state.row.error = run.timeout ? `timeout after ${RUN_TIMEOUT_MS / 1000} s` : firstLine(run.stderrHead);
        state.row.exitCode = run.code;
        log(`  ${state.name} ${i ? `run ${i}` : 'warm-up'} failed: ${state.row.error}`);
        rmSync(state.dir, { recursive: true, force: true });
        Object.assign(state, { dir: null, done: true });
        continue;
      }
      if (i > 0) state.row.runs.push({ ms: +run.ms.toFixed(1), rssMiB: +run.rssMiB.toFixed(1) });
    }
  }
  return states.map(({ name, row, dir }) => {
    if (!dir) return { name, row };
    row.medianMs = +median(row.runs.map((x) => x.ms)).toFixed(1);
    row.medianRssMiB = +median(row.runs.map((x) => x.rssMiB)).toFixed(1);
    const written = filesUnder(dir);
    // A tool that exits 0 without writing anything (orval on some documents) did not do the job.
    if (written.length === 0) {
      rmSync(dir, { recursive: true, force: true });
      return { name, row: { tool: row.tool, file: row.file, error: 'exited 0 but wrote no files' } };
    }
    row.output = { bytes: written.reduce((sum, f) => sum + statSync(f).size, 0), files: written.length };
    return { name, row, dir };
  });
}

const short = (n) => n.replace(/\.(json|yaml)$/, '');
const ok = (r) => r && r.medianMs !== undefined;
const ratio = (x, base) => (base ? (x / base).toFixed(2) : '-');

/** The table of one document. */
function documentTable(file, rows) {
  const me = rows.find((r) => r.tool === 'apigw-gen');
  const head = ['tool', 'wall s', 'RSS MiB', 'wall x apigw', 'RSS x apigw', 'tsc s', 'tsc errors', 'output', 'note'];
  const body = rows.map((r) => {
    if (!ok(r)) return [r.tool, '-', '-', '-', '-', '-', '-', '-', `failed: ${r.error}`];
    const tsc = r.tsc ?? {};
    return [
      r.tool,
      (r.medianMs / 1000).toFixed(2),
      r.medianRssMiB.toFixed(0),
      ok(me) ? ratio(r.medianMs, me.medianMs) : '-',
      ok(me) ? ratio(r.medianRssMiB, me.medianRssMiB) : '-',
      tsc.ms !== undefined ? (tsc.ms / 1000).toFixed(2) : '-',
      tsc.errors ?? '-',
      `${(r.output.bytes / 1e6).toFixed(2)} MB / ${r.output.files} file${r.output.files === 1 ? '' : 's'}`,
      tsc.error ? `tsc failed: ${tsc.error}` : '',
    ];
  });
  const peers = rows.filter((r) => r.tool !== 'apigw-gen' && ok(r));
  const fastest = peers.reduce((best, r) => (!best || r.medianMs < best.medianMs ? r : best), undefined);
  const leanest = peers.reduce((best, r) => (!best || r.medianRssMiB < best.medianRssMiB ? r : best), undefined);
  const summary =
    ok(me) && fastest
      ? `apigw-gen: ${ratio(me.medianMs, fastest.medianMs)} x the wall time of the fastest peer (${fastest.tool}), ` +
        `${ratio(me.medianRssMiB, leanest.medianRssMiB)} x the peak memory of the leanest (${leanest.tool})\n`
      : '';
  return `${short(file.name)} (${file.mb.toFixed(2)} MB)\n${formatTable(head, body, [1, 2, 3, 4, 5, 6])}\n${summary}`;
}

const peerList = Object.entries(peerVersions).map(([n, v]) => `${n} ${v}`);
out.write(
  `\nsdk benchmark: apigw-gen ${version}, ${RUNS} measured run(s) after 1 warm-up, Node ${process.version}, peak RSS via ${rssMethodLabel}\n` +
    (peerList.length ? `bench/sdk-peers pins: ${peerList.join(', ')}\n` : '') +
    `wall s / RSS MiB: medians; x apigw: tool median / apigw-gen median; tsc: one type-check of the last output (--strict, see header)\n\n`,
);
const results = [];
try {
  for (const file of files) {
    const measured = await measureDocument(file);
    for (const { name, row, dir } of measured) {
      if (!dir) continue;
      log(`${file.name} ${name}: tsc`);
      row.tsc = await typecheck(TOOLS[name], dir);
      rmSync(dir, { recursive: true, force: true });
    }
    const rows = measured.map((m) => m.row);
    results.push(...rows);
    out.write(documentTable(file, rows));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (json)
  process.stdout.write(
    `${JSON.stringify(
      {
        node: process.version,
        apigwGen: version,
        peers: peerVersions,
        runs: RUNS,
        timeoutMs: RUN_TIMEOUT_MS,
        tscTimeoutMs: TSC_TIMEOUT_MS,
        rssMethod,
        tscFlags: TSC_FLAGS,
        results,
      },
      null,
      2,
    )}\n`,
  );
