import { execFileSync } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePlan } from '../../src/emit/write-plan.js';
import { loadApi } from '../../src/index.js';
import { planSdk } from '../../src/targets/sdk/index.js';
import { linkDependencies } from '../support/link-dependencies.js';
import { fixturesRoot, repoRoot } from '../support/paths.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A local server that records requests and answers from a queue of scripted responses. */
function recordingServer() {
  const seen: Seen[] = [];
  const answers: { status: number; body?: unknown; headers?: Record<string, string> }[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      const answer = answers.shift() ?? { status: 200, body: {} };
      response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  return { server, seen, answers };
}

/** Generates the SDK of a fixture, builds it with tsc, and imports the built package. */
async function buildSdk(fixture: string): Promise<Record<string, unknown>> {
  const { model } = await loadApi(join(fixturesRoot, 'valid', fixture));
  const out = join(mkdtempSync(join(tmpdir(), 'apigw-gen-sdk-e2e-')), 'client');
  writePlan(out, planSdk(model, {}));
  linkDependencies(out);
  execFileSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', join(out, 'tsconfig.json')], {
    encoding: 'utf8',
  });
  return (await import(pathToFileURL(join(out, 'dist/index.js')).href)) as Record<string, unknown>;
}

type AnyClient = Record<string, (params?: object, options?: object) => Promise<unknown>>;

describe('generated SDK client against a local server', () => {
  const { server, seen, answers } = recordingServer();
  let baseUrl = '';
  let bookstore: Record<string, unknown>;
  let accounts: Record<string, unknown>;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/prod`;
    [bookstore, accounts] = await Promise.all([buildSdk('rest-lambda-proxy.yaml'), buildSdk('rest-auth.yaml')]);
  }, 120_000);

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function client(module: Record<string, unknown>, name: string, options: object): AnyClient {
    const Client = module[name] as new (options: object) => AnyClient;
    return new Client({ baseUrl, ...options });
  }

  it('builds paths and query strings, and sends JSON bodies', async () => {
    const books = client(bookstore, 'BookstoreAPIClient', {});
    answers.push({ status: 200, body: [] }, { status: 201, body: { id: '1' } }, { status: 200, body: {} });
    await books.listBooks!({ query: { author: 'Ursula K. Le Guin', limit: 5 } });
    expect(await books.createBook!({ body: { title: 'A Wizard of Earthsea', author: 'Le Guin' } })).toStrictEqual({ id: '1' });
    await books.catalogProxy!({ path: { proxy: 'a b/c' } });
    expect(seen.map((request) => `${request.method} ${request.url}`)).toStrictEqual([
      'GET /prod/books?author=Ursula%20K.%20Le%20Guin&limit=5',
      'POST /prod/books',
      expect.stringMatching(/^[A-Z]+ \/prod\/catalog\/a%20b\/c$/),
    ]);
    expect(JSON.parse(seen[1]!.body)).toStrictEqual({ title: 'A Wizard of Earthsea', author: 'Le Guin' });
    expect(seen[1]!.headers['content-type']).toBe('application/json');
  });

  it('retries throttled idempotent calls, honouring Retry-After, and throws typed errors', async () => {
    seen.length = 0;
    const books = client(bookstore, 'BookstoreAPIClient', { retry: { maxAttempts: 3, baseDelayMs: 1 } });
    answers.push(
      { status: 429, body: { message: 'Too Many Requests' }, headers: { 'retry-after': '0' } },
      { status: 200, body: { id: '7' } },
    );
    expect(await books.getBook!({ path: { bookId: '7' } })).toStrictEqual({ id: '7' });
    expect(seen).toHaveLength(2);
    answers.push({ status: 404, body: { message: 'No such book' } });
    const failure = await books.getBook!({ path: { bookId: 'nope' } }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'ApiError', status: 404, body: { message: 'No such book' } });
    seen.length = 0;
    answers.push({ status: 429, body: { message: 'Too Many Requests' } });
    await expect(books.createBook!({ body: { title: 't', author: 'a' } })).rejects.toMatchObject({ status: 429 });
    expect(seen).toHaveLength(1);
  });

  it('sends the API key and the token where the operation needs them', async () => {
    seen.length = 0;
    const api = client(accounts, 'AccountsAPIClient', { apiKey: 'key-123', token: () => Promise.resolve('id-token') });
    answers.push({ status: 200, body: [] }, { status: 200, body: {} }, { status: 200, body: {} });
    await api.listPlans!();
    await api.getProfile!();
    await api.getHealth!();
    expect(seen.map((request) => [request.headers['x-api-key'], request.headers.authorization])).toStrictEqual([
      ['key-123', undefined],
      [undefined, 'id-token'],
      [undefined, undefined],
    ]);
  });
});
