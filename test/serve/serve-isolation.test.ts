import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { loadApi } from '../../src/index.js';
import { LocalGateway } from '../../src/serve/gateway.js';
import { LambdaHandlers } from '../../src/serve/lambda-proxy.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { fixturesRoot } from '../support/paths.js';

/**
 * `serve --handlers` runs each function apart from the server (worker threads), over real HTTP
 * on 127.0.0.1. Expected answers are API Gateway's:
 * - a function error or malformed proxy result: REST 502 `{"message": "Internal server error"}`
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/handle-errors-in-lambda-integration.html,
 *   https://repost.aws/knowledge-center/malformed-502-api-gateway);
 * - no answer within `timeoutInMillis`: REST 504 `{"message": "Endpoint request timed out"}`, HTTP API
 *   503 `{"message":"Service Unavailable"}` (recorded answers: https://github.com/cortexlabs/cortex/issues/1225;
 *   the same in the peer Inqnuam/serverless-aws-lambda, src/plugins/lambda/events/common.ts);
 * - the function's own timeout is a function error, so REST's 502 (https://github.com/denoland/deno_registry2/issues/87).
 */

const functions = {
  'hang-function': 'export const handler = () => new Promise(() => {});',
  'spin-function': `export const handler = async (event) => {
  if (event.queryStringParameters?.loop === '1') for (;;);
  return { statusCode: 200, body: 'free' };
};`,
  'exit-function': 'export const handler = async () => { process.exit(3); };',
  'env-function': `export const handler = async (event, context) => ({
  statusCode: 200,
  body: JSON.stringify({ greeting: process.env.GREETING ?? null, name: process.env.AWS_LAMBDA_FUNCTION_NAME, remaining: context.getRemainingTimeInMillis() }),
});`,
  'slow-function':
    'export const handler = () => new Promise((resolve) => setTimeout(() => resolve({ statusCode: 200, body: "late" }), 5000));',
  'version-function': 'export const handler = async () => ({ statusCode: 200, body: "v1" });',
  'headers-function': `export const handler = async (event) => ({
  statusCode: 200,
  headers: event.queryStringParameters?.clean === '1' ? { 'x-ok': 'yes' } : { 'x-injected': 'a\\r\\nset-cookie: stolen=1' },
  body: 'headers',
});`,
  'echo-function': `export const handler = async (event) => ({
  statusCode: 200,
  headers: { 'x-greeting': String(process.env.GREETING) },
  body: JSON.stringify(event),
});`,
};

const config = `
api:
  functions:
    EnvFunction:
      environment: { GREETING: hello from the config }
      timeout: 20
    SlowFunction: { timeout: 1 }
`;

function writeFunctions(sources: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-isolation-'));
  writeFileSync(join(folder, 'package.json'), '{ "type": "module" }\n');
  for (const [name, source] of Object.entries(sources)) {
    mkdirSync(join(folder, 'dist/functions', name), { recursive: true });
    writeFileSync(join(folder, 'dist/functions', name, 'index.js'), `${source}\n`);
  }
  return folder;
}

let server: RunningServer;
let handlers: LambdaHandlers;
let folder: string;

beforeAll(async () => {
  folder = writeFunctions(functions);
  const configFolder = mkdtempSync(join(tmpdir(), 'apigw-gen-isolation-config-'));
  writeFileSync(join(configFolder, 'apigw-gen.config.yaml'), config);
  const { model, document } = await loadApi(join(fixturesRoot, 'serve/rest-functions.yaml'));
  handlers = new LambdaHandlers(model, folder, { functions: (await loadConfig({ cwd: configFolder })).config.api.functions });
  const gateway = new LocalGateway(model, { document, stage: 'dev', handlers });
  server = await startServer(gateway, { port: 0, host: '127.0.0.1', log: () => {} });
  vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
});

afterAll(async () => {
  await server.close();
  await handlers.close();
  vi.restoreAllMocks();
});

async function timed(path: string): Promise<{ status: number; body: string; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${server.url}${path}`);
  const body = await response.text();
  return { status: response.status, body, ms: performance.now() - started };
}

describe('serve: functions cannot hurt the server', () => {
  it("answers API Gateway's 504 when a handler never returns, after the integration's timeoutInMillis (300 ms)", async () => {
    const { status, body, ms } = await timed('/hang');
    expect(status).toBe(504);
    expect(JSON.parse(body)).toStrictEqual({ message: 'Endpoint request timed out' });
    expect(body).toBe('{"message": "Endpoint request timed out"}');
    expect(ms).toBeGreaterThanOrEqual(290);
  });

  it('keeps answering other routes, and the same function, while a handler spins in a busy loop', async () => {
    let spinEnded = false;
    const spinning = timed('/spin?loop=1').finally(() => (spinEnded = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const other = await timed('/echo/7');
    const sameFunction = await timed('/spin?loop=0');
    expect(other.status).toBe(200);
    expect(sameFunction).toMatchObject({ status: 200, body: 'free' });
    // Both answered while the loop still ran: it ends only at its 4000 ms integration timeout.
    expect(spinEnded).toBe(false);
    expect((await spinning).status).toBe(504);
  });

  it('answers requests that came together with one that spins, though they may have queued behind it in its worker', async () => {
    let spinEnded = false;
    const spinning = timed('/spin?loop=1').finally(() => (spinEnded = true));
    const others = await Promise.all([1, 2, 3, 4].map(() => timed('/spin?loop=0')));
    expect(others.map(({ status, body }) => `${status} ${body}`)).toStrictEqual(Array(4).fill('200 free'));
    expect(spinEnded).toBe(false);
    expect((await spinning).status).toBe(504);
  });

  it('fails only the request when a handler calls process.exit(), with a fresh worker for the next one', async () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const { status, body } = await timed('/exit');
      expect(status).toBe(502);
      expect(body).toBe('{"message": "Internal server error"}');
    }
    expect((await timed('/echo/8')).status).toBe(200);
  });

  it("enforces the function's timeout from the config (1 s) as Lambda does: a function error, 502", async () => {
    const { status, body, ms } = await timed('/slow');
    expect(status).toBe(502);
    expect(body).toBe('{"message": "Internal server error"}');
    expect(ms).toBeGreaterThanOrEqual(990);
    expect(ms).toBeLessThan(4500);
  });

  it("gives each function the environment variables of its config entry, and a context with the function's timeout", async () => {
    const env = JSON.parse((await timed('/env')).body) as { greeting: string; name: string; remaining: number };
    expect(env.greeting).toBe('hello from the config');
    expect(env.name).toBe('EnvFunction');
    expect(env.remaining).toBeGreaterThan(15_000);
    expect(env.remaining).toBeLessThanOrEqual(20_000);
    const other = await fetch(`${server.url}/echo/9`);
    expect(other.headers.get('x-greeting')).toBe('undefined');
    expect(process.env.GREETING).toBeUndefined();
  });

  it('picks up a rebuilt handler module on the next request, without a restart', async () => {
    expect((await timed('/version')).body).toBe('v1');
    writeFileSync(
      join(folder, 'dist/functions/version-function/index.js'),
      'export const handler = async () => ({ statusCode: 200, body: "v2" });\n',
    );
    expect((await timed('/version')).body).toBe('v2');
  });

  it('answers requests sent together after a rebuild from the rebuilt module, and after it is removed and restored', async () => {
    const module = join(folder, 'dist/functions/version-function/index.js');
    // Several workers warm with one version, then the file changes under them.
    const together = (count: number) => Promise.all(Array.from({ length: count }, () => timed('/version')));
    writeFileSync(module, 'export const handler = async () => ({ statusCode: 200, body: "v3" });\n');
    expect((await together(8)).map((answer) => answer.body)).toStrictEqual(Array(8).fill('v3'));
    writeFileSync(module, 'export const handler = async () => ({ statusCode: 200, body: "v4" });\n');
    expect((await together(8)).map((answer) => answer.body)).toStrictEqual(Array(8).fill('v4'));
    rmSync(module);
    const missing = await timed('/version');
    expect(missing.status).toBe(502);
    writeFileSync(module, 'export const handler = async () => ({ statusCode: 200, body: "v5" });\n');
    expect((await together(3)).map((answer) => answer.body)).toStrictEqual(Array(3).fill('v5'));
    // A clean build: the function's folder removed and written again, then rebuilt once more.
    rmSync(dirname(module), { recursive: true });
    mkdirSync(dirname(module));
    writeFileSync(module, 'export const handler = async () => ({ statusCode: 200, body: "v6" });\n');
    expect((await timed('/version')).body).toBe('v6');
    writeFileSync(module, 'export const handler = async () => ({ statusCode: 200, body: "v7" });\n');
    expect((await timed('/version')).body).toBe('v7');
  });

  it('answers 502 when a handler returns a header value with CR/LF, as API Gateway does with a malformed proxy result', async () => {
    const { status, body } = await timed('/headers');
    expect(status).toBe(502);
    expect(body).toBe('{"message": "Internal server error"}');
    const clean = await fetch(`${server.url}/headers?clean=1`);
    expect(clean.headers.get('x-ok')).toBe('yes');
  });
});

describe('serve: functions of an HTTP API', () => {
  it("answers the HTTP API's 503 Service Unavailable when a handler never returns within timeoutInMillis", async () => {
    const { model, document } = await loadApi(join(fixturesRoot, 'serve/http-routes.yaml'));
    const httpHandlers = new LambdaHandlers(model, writeFunctions({ hang: functions['hang-function'] }));
    const http = await startServer(new LocalGateway(model, { document, stage: '$default', handlers: httpHandlers }), {
      port: 0,
      host: '127.0.0.1',
      log: () => {},
    });
    const response = await fetch(`${http.url}/hang`);
    expect(response.status).toBe(503);
    expect(await response.text()).toBe('{"message":"Service Unavailable"}');
    await http.close();
    await httpHandlers.close();
  });
});
