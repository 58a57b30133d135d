#!/usr/bin/env node
// Benchmark: `apigw-gen serve` against `prism mock` (@stoplight/prism-cli) on the same document,
// in the same run, with the same load generator (autocannon), for five kinds of route of
// bench/fixtures/serve-api.json, each answering ~1 KB of JSON:
//   mock    a MOCK integration: request and response templates evaluated by VTL per request
//   example a route without integration, answered from its example
//   lambda  a Lambda proxy integration run by a local handler module (--handlers); Prism answers
//           it from its example, having no notion of integrations
//   lambdaAuthorizer  the Lambda route behind a Lambda token authorizer (its answer cached for 300 s)
//   jwtAuthorizer     the Lambda route behind a Cognito user pool authorizer: an RS256 token
//           verified with jose against a JWKS file on every request
// Prism only checks that the Authorization header is there. Both servers run side by side and are
// measured in turn, route by route, for several rounds (the order alternating): each figure is the
// median of its rounds, with the server's own CPU time per request (all its threads, from /proc).
// Prism runs in its static mode (examples), its fastest; `--dynamic` is far slower.
//
//   npm run build && node bench/serve.mjs [--seconds 5] [--rounds 3] [--connections 10] [--json]
// The load generator and Prism live in bench/serve-peers (installed on first use with
// `npm ci --prefix bench/serve-peers`). Everything runs on this machine: the figures include the
// load generator's own CPU, as any single-machine comparison does.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PEERS = join(ROOT, 'bench/serve-peers');
const DOCUMENT = join(ROOT, 'bench/fixtures/serve-api.json');
const ROUTES = {
  mock: '/mock/items/42',
  example: '/example/items',
  lambda: '/lambda/items/42',
  lambdaAuthorizer: '/lambda-authorizer/items/42',
  jwtAuthorizer: '/jwt-authorizer/items/42',
};
/** The issuer of the Cognito user pool the document names. */
const USER_POOL = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Bench1234';

const { values: options } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '10' },
    json: { type: 'boolean', default: false },
  },
});
const out = options.json ? process.stderr : process.stdout;
const log = (line) => process.stderr.write(`${line}\n`);

if (!existsSync(join(ROOT, 'dist/bin/cli.js'))) throw new Error('apigw-gen is not built: run npm run build');
if (!existsSync(join(PEERS, 'node_modules'))) {
  log('installing the benchmark peers (npm ci --prefix bench/serve-peers)...');
  const install = spawnSync('npm', ['ci', '--prefix', PEERS, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (install.status !== 0) throw new Error('could not install bench/serve-peers');
}
const require = createRequire(join(PEERS, 'package.json'));
const autocannon = require('autocannon');

/** A handler module for the Lambda route, where `serve --handlers` looks for the function `items`. */
function handlersFolder() {
  const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-bench-handlers-'));
  const module = join(folder, 'dist/functions/items/index.js');
  mkdirSync(dirname(module), { recursive: true });
  const items = Array.from({ length: 10 }, (_, i) => ({
    id: `item-${i}`,
    name: `Item number ${i}`,
    price: 10 + i,
    tags: ['alpha', 'beta'],
    inStock: i % 2 === 0,
  }));
  writeFileSync(
    module,
    `const items = ${JSON.stringify(items)};\n` +
      `export const handler = async (event) => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items, next: event.pathParameters.id }) });\n`,
  );
  // The token authorizer of the scheme BenchToken, where `serve` looks for it.
  const authorizer = join(folder, 'dist/authorizers/bench-token.js');
  mkdirSync(dirname(authorizer), { recursive: true });
  writeFileSync(
    authorizer,
    `export const handler = async (event) => ({ principalId: 'bench', policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: event.authorizationToken === 'Bearer bench' ? 'Allow' : 'Deny', Resource: event.methodArn.split('/')[0] + '/*/*' }] } });\n`,
  );
  return folder;
}

/** A JWKS file and a config naming it for the user pool authorizer, and a token it accepts. */
async function userPool() {
  const { SignJWT, exportJWK, generateKeyPair } = await import('jose');
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-bench-jwks-'));
  writeFileSync(join(folder, 'jwks.json'), JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'bench', alg: 'RS256' }] }));
  const config = join(folder, 'apigw-gen.config.json');
  writeFileSync(config, JSON.stringify({ serve: { authorizers: { BenchUserPool: { jwks: 'jwks.json' } } } }));
  const token = await new SignJWT({ sub: 'bench', token_use: 'id', aud: 'bench-client' })
    .setProtectedHeader({ alg: 'RS256', kid: 'bench' })
    .setIssuer(USER_POOL)
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(privateKey);
  return { config, token };
}
const pool = await userPool();
/** The machine's load when the run starts: figures from a shared machine mean little without it. */
const loadBefore = loadavg();
const loadText = (averages) => averages.map((value) => value.toFixed(2)).join(' ');
/** The Authorization header each route gets. */
const AUTHORIZATION = { lambdaAuthorizer: 'Bearer bench', jwtAuthorizer: pool.token };

/** Starts a server process and resolves to its base URL once it answers. */
async function start(name, command, args, url) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  // The start of the output is enough to find the URL and say why a server did not start; the rest
  // (a log line per request) is read and dropped, not kept for the whole run.
  let output = '';
  const keep = (chunk) => {
    if (output.length < 64_000) output += chunk.toString().slice(0, 2000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const base = await new Promise((resolve, reject) => {
    const deadline = Date.now() + 60_000;
    const poll = async () => {
      const found = url(output);
      if (found) {
        try {
          await fetch(`${found}${ROUTES.example}`);
          return resolve(found);
        } catch {
          // Not listening yet.
        }
      }
      if (child.exitCode !== null || Date.now() > deadline) return reject(new Error(`${name} did not start:\n${output}`));
      setTimeout(poll, 100);
    };
    poll();
  });
  return { base, pid: child.pid, stop: () => child.kill('SIGTERM') };
}

/** CPU seconds a process has used, all its threads (Linux; undefined elsewhere). */
function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks (USER_HZ is 100 on Linux)
  } catch {
    return undefined;
  }
}

/** Load on one route: requests per second and latency percentiles (ms). */
function load(url, authorization) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections: Number(options.connections),
        duration: Number(options.seconds),
        headers: { accept: 'application/json', ...(authorization ? { authorization } : {}) },
      },
      (error, result) => {
        if (error) return reject(error);
        if (result.non2xx > 0 || result.errors > 0)
          return reject(new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`));
        resolve({ rps: result.requests.average, requests: result.requests.total, p50: result.latency.p50, p99: result.latency.p99 });
      },
    );
  });
}

/**
 * Both servers run side by side and are measured in turn, route by route (apigw-gen, then Prism,
 * each after its own warm-up), for `--rounds` rounds whose order alternates: on a shared machine,
 * load that comes and goes then weighs on both sides of a ratio alike, where measuring one
 * server's five routes and then the other's let it swing the ratios threefold between runs. A
 * route's figures are those of its median round (by requests per second).
 */
async function measureInTurn(servers) {
  const results = Object.fromEntries(servers.map(({ name }) => [name, {}]));
  const rounds = Math.max(1, Number(options.rounds));
  try {
    for (const [route, path] of Object.entries(ROUTES)) {
      const runs = Object.fromEntries(servers.map(({ name }) => [name, []]));
      for (const { server } of servers) await load(`${server.base}${path}`, AUTHORIZATION[route]); // warm-up, discarded
      for (let round = 0; round < rounds; round++) {
        for (const { name, server } of round % 2 === 0 ? servers : [...servers].reverse()) {
          const cpuBefore = cpuSeconds(server.pid);
          const result = await load(`${server.base}${path}`, AUTHORIZATION[route]);
          const cpuAfter = cpuSeconds(server.pid);
          result.cpuMicros =
            cpuBefore === undefined || cpuAfter === undefined ? undefined : ((cpuAfter - cpuBefore) * 1e6) / result.requests;
          runs[name].push(result);
        }
      }
      for (const { name } of servers) {
        const byRps = [...runs[name]].sort((a, b) => a.rps - b.rps);
        const chosen = byRps[Math.floor(byRps.length / 2)];
        results[name][route] = { ...chosen, rounds: runs[name].map((run) => run.rps) };
        log(
          `${name} ${route}: ${Math.round(chosen.rps)} req/s (rounds ${runs[name].map((run) => Math.round(run.rps)).join(', ')}), ` +
            `p50 ${chosen.p50} ms, p99 ${chosen.p99} ms, ${chosen.cpuMicros?.toFixed(0) ?? '?'} µs CPU per request`,
        );
      }
    }
  } finally {
    for (const { server } of servers) server.stop();
  }
  return results;
}

const apigwServer = await start(
  'apigw-gen serve',
  process.execPath,
  [join(ROOT, 'bin/apigw-gen.js'), 'serve', DOCUMENT, '--port', '0', '--handlers', handlersFolder(), '--config', pool.config],
  (text) => /on (http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1],
);
const prismPort = 4100 + Math.floor(Math.random() * 800);
let prismServer;
try {
  prismServer = await start(
    'prism mock',
    process.execPath,
    [join(PEERS, 'node_modules/@stoplight/prism-cli/dist/index.js'), 'mock', DOCUMENT, '-p', String(prismPort), '-h', '127.0.0.1'],
    (text) => (/Prism is listening/.test(text) ? `http://127.0.0.1:${prismPort}` : undefined),
  );
} catch (error) {
  apigwServer.stop();
  throw error;
}
const { apigw, prism } = await measureInTurn([
  { name: 'apigw', server: apigwServer },
  { name: 'prism', server: prismServer },
]);

const rows = Object.keys(ROUTES).map((route) => ({
  route,
  apigw: apigw[route],
  prism: prism[route],
  rpsRatio: apigw[route].rps / prism[route].rps,
  /** The ratio in each round, apigw-gen's and Prism's runs of that round paired. */
  roundRatios: apigw[route].rounds.map((rps, round) => rps / prism[route].rounds[round]),
  p99BelowPrismP50: apigw[route].p99 < prism[route].p50,
}));
const cpu = (run) => (run.cpuMicros === undefined ? '?' : Math.round(run.cpuMicros));
out.write(
  `\nserve benchmark: ${options.connections} connections, ${options.seconds} s per route and round, ${options.rounds} rounds after a warm-up (median round shown), ` +
    `Node ${process.version}, load average ${loadText(loadBefore)} before, ${loadText(loadavg())} after\n\n` +
    `| route | apigw-gen req/s | p50 / p99 ms | CPU µs/req | prism req/s | p50 / p99 ms | CPU µs/req | req/s x prism (each round) | p99 < prism p50 |\n|---|---|---|---|---|---|---|---|---|\n` +
    rows
      .map(
        (r) =>
          `| ${r.route} | ${Math.round(r.apigw.rps)} | ${r.apigw.p50} / ${r.apigw.p99} | ${cpu(r.apigw)} | ${Math.round(r.prism.rps)} | ${r.prism.p50} / ${r.prism.p99} | ${cpu(r.prism)} | ` +
          `${r.rpsRatio.toFixed(1)} (${r.roundRatios.map((ratio) => ratio.toFixed(1)).join(', ')}) | ${r.p99BelowPrismP50 ? 'yes' : 'no'} |`,
      )
      .join('\n') +
    '\n',
);
if (options.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
