// Shared measuring helpers for the benchmarks in bench/ (validate.mjs, sdk.mjs).
//
// A run is one whole Node process (started with process.execPath, so every tool gets the same
// Node). Wall time: process.hrtime around spawn -> the child's 'exit' event.
// Peak RSS: the child runs under GNU `/usr/bin/time -f %M -o <file>`, which reports the
// ru_maxrss of the waited-for command in KiB: the largest process of its tree, children the
// tool starts itself included (correct since time 1.8). The wrapper adds ~1 ms and about
// 2 MiB of its own, which is not counted in %M.
// Fallback when /usr/bin/time is missing: every Node process of the run loads
// lib/rss-probe.mjs (NODE_OPTIONS=--import), which appends its own process.resourceUsage().maxRSS
// on exit (Node cannot read a child's rusage, so the child must report it itself).
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, constants, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const CORPUS = '/work/shared/corpus/large';
const TIME_BIN = '/usr/bin/time';
const useTime = existsSync(TIME_BIN);
export const rssMethod = useTime ? 'gnu-time' : 'probe';
export const rssMethodLabel = useTime ? '/usr/bin/time %M' : 'in-process maxRSS probe';
const PROBE_URL = pathToFileURL(fileURLToPath(new URL('rss-probe.mjs', import.meta.url))).href;
const STDERR_KEEP = 2000;

const log = (s) => process.stderr.write(`${s}\n`);

/** The corpus documents whose names contain one of the comma-separated substrings (all without a filter), smallest first. */
function corpusFiles(filter) {
  const filters = filter ? filter.split(',').map((s) => s.trim()) : [];
  const files = readdirSync(CORPUS)
    .filter((n) => /\.(json|yaml)$/.test(n) && (!filters.length || filters.some((s) => n.includes(s))))
    .map((n) => ({ name: n, path: join(CORPUS, n), mb: statSync(join(CORPUS, n)).size / 1e6 }))
    .sort((a, b) => a.mb - b.mb);
  if (!files.length) throw new Error(`no files in ${CORPUS} match ${filter}`);
  return files;
}

/**
 * The options every benchmark takes: `--runs N`, `--files substr,…`, `--tools a,b`, `--json`.
 * Returns the run count, the chosen tool names (checked against `tools`), the corpus files, and
 * where the tables go (stderr with --json, so that stdout is pure JSON).
 */
export function benchOptions(tools, defaultRuns) {
  const { values: opt } = parseArgs({
    options: {
      runs: { type: 'string', default: String(defaultRuns) },
      files: { type: 'string' },
      tools: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const runs = Number(opt.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer`);
  const toolNames = opt.tools ? opt.tools.split(',').map((s) => s.trim()) : Object.keys(tools);
  for (const t of toolNames) if (!tools[t]) throw new Error(`unknown tool ${t}; known: ${Object.keys(tools)}`);
  return { runs, toolNames, files: corpusFiles(opt.files), json: opt.json, out: opt.json ? process.stderr : process.stdout };
}

/** Timings are only comparable on an otherwise idle machine: say so when it is not. */
export function warnIfBusy() {
  const load = loadavg()[0];
  if (load > 0.5) log(`warning: load average ${load.toFixed(2)} on ${availableParallelism()} cores; other processes will inflate times`);
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * One measured child run: `node ...nodeArgs` in cwd with env, killed (with its whole process
 * group) after timeoutMs. stdout goes to stdoutFile when given, else to /dev/null (no tool pays
 * for a slow reader); the head and tail of stderr are kept for error messages.
 * -> { ms, rssMiB, code, timeout, stderrHead, stderrTail }
 */
export function runMeasured(nodeArgs, { cwd, env, timeoutMs, stdoutFile }) {
  const scratch = mkdtempSync(join(tmpdir(), 'bench-rss-'));
  const report = join(scratch, 'rss.txt');
  const [cmd, args] = useTime ? [TIME_BIN, ['-f', '%M', '-o', report, process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  const childEnv = useTime
    ? env
    : { ...env, RSS_PROBE_OUT: report, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --import=${PROBE_URL}`.trim() };
  const stdout = stdoutFile ? openSync(stdoutFile, 'w') : 'ignore';
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    // detached = own process group, so a timeout kills /usr/bin/time AND the node child.
    const child = spawn(cmd, args, { cwd, env: childEnv, stdio: ['ignore', stdout, 'pipe'], detached: true });
    let stderrHead = '';
    let stderrTail = '';
    child.stderr.on('data', (d) => {
      if (stderrHead.length < STDERR_KEEP) stderrHead = (stderrHead + d).slice(0, STDERR_KEEP);
      stderrTail = (stderrTail + d).slice(-STDERR_KEEP);
    });
    let timeout = false;
    const timer = setTimeout(() => {
      timeout = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, timeoutMs);
    let ms = 0;
    let code = null;
    child.on('exit', (c, sig) => {
      ms = Number(process.hrtime.bigint() - t0) / 1e6;
      // /usr/bin/time exits with the command's code, or 128+N when it died of signal N.
      code = c ?? 128 + (constants.signals[sig] ?? 0);
    });
    let done = false;
    const finish = (result) => {
      if (done) return; // 'close' can follow 'error'
      done = true;
      clearTimeout(timer);
      if (typeof stdout === 'number') closeSync(stdout);
      rmSync(scratch, { recursive: true, force: true });
      resolve(result);
    };
    child.on('close', () => {
      // %M is the only number in the report (time puts "Command exited..." lines above it);
      // the probe writes one number per process: the largest is the peak of the tree.
      let kib = NaN;
      try {
        const numbers = readFileSync(report, 'utf8')
          .split('\n')
          .filter((line) => /^\d+$/.test(line.trim()))
          .map(Number);
        if (numbers.length) kib = Math.max(...numbers);
      } catch {
        /* no report */
      }
      finish({ ms, rssMiB: kib / 1024, code, timeout, stderrHead: stderrHead.trim(), stderrTail: stderrTail.trim() });
    });
    child.on('error', (e) => finish({ ms: 0, rssMiB: NaN, code: null, timeout: false, stderrHead: String(e), stderrTail: String(e) }));
  });
}

/** A plain-text table; columns whose index is in `right` are right-aligned, widths capped at 60. */
export function formatTable(head, rows, right) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => Math.min(String(row[i]).length, 60))));
  const fmt = (row) =>
    row
      .map((c, i) => (right.includes(i) ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return `${fmt(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(fmt).join('\n')}\n`;
}
