import { createServer, type IncomingMessage, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSdk as buildFixtureSdk } from '../support/sdk-package.js';
import { fixturesRoot } from '../support/paths.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  bytes: Buffer;
}

/** A local server that records requests and answers from a queue of scripted responses. */
function recordingServer() {
  const seen: Seen[] = [];
  /** `raw` bytes are sent as they are; `body` as JSON. */
  const answers: { status: number; body?: unknown; raw?: Buffer; headers?: Record<string, string> }[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const bytes = Buffer.concat(chunks);
      seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: bytes.toString(), bytes });
      const answer = answers.shift() ?? { status: 200, body: {} };
      response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      response.end(answer.raw ?? (answer.body === undefined ? '' : JSON.stringify(answer.body)));
    });
  });
  return { server, seen, answers };
}

const buildSdk = (fixture: string) => buildFixtureSdk(join(fixturesRoot, 'valid', fixture));

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
    await books.catalogProxy!({ method: 'PATCH', path: { proxy: 'a b/c' } });
    expect(seen.map((request) => `${request.method} ${request.url}`)).toStrictEqual([
      'GET /prod/books?author=Ursula%20K.%20Le%20Guin&limit=5',
      'POST /prod/books',
      'PATCH /prod/catalog/a%20b/c', // an ANY operation: the caller's method
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
    expect(failure).toMatchObject({ name: 'ApiError', operation: 'getBook', status: 404, body: { message: 'No such book' } });
    seen.length = 0;
    answers.push({ status: 429, body: { message: 'Too Many Requests' } });
    await expect(books.createBook!({ body: { title: 't', author: 'a' } })).rejects.toMatchObject({ status: 429 });
    expect(seen).toHaveLength(1);
  });

  it("tells errors apart by operation and status, API Gateway's own included", async () => {
    const isApiError = bookstore.isApiError as (error: unknown, operation: string) => boolean;
    type Failure = { is: (status: number | string) => boolean; status: number; body: unknown };
    const books = client(bookstore, 'BookstoreAPIClient', { retry: { maxAttempts: 1 } });
    answers.push(
      { status: 404, body: { message: 'No such book' } },
      { status: 403, body: { message: 'Missing Authentication Token' } },
      { status: 500, body: { message: 'Internal server error' } },
    );
    const notFound = (await books.getBook!({ path: { bookId: 'nope' } }).catch((error: unknown) => error)) as Failure;
    const forbidden = (await books.getBook!({ path: { bookId: 'x' } }).catch((error: unknown) => error)) as Failure;
    const broken = (await books.getBook!({ path: { bookId: 'y' } }).catch((error: unknown) => error)) as Failure;
    expect([isApiError(notFound, 'getBook'), isApiError(notFound, 'listBooks'), isApiError(new Error('x'), 'getBook')]).toStrictEqual([
      true,
      false,
      false,
    ]);
    expect([notFound.is(404), notFound.is(403), forbidden.is(403), forbidden.is(404), broken.is(500)]).toStrictEqual([
      true,
      false,
      true,
      false,
      true,
    ]);
    expect(forbidden.body).toStrictEqual({ message: 'Missing Authentication Token' });
  });

  it('downloads and uploads binary bodies, asking API Gateway for the binary media type', async () => {
    seen.length = 0;
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);
    const books = client(bookstore, 'BookstoreAPIClient', {});
    answers.push({ status: 200, raw: png, headers: { 'content-type': 'image/png' } }, { status: 204 });
    const cover = (await books.getCover!({ path: { bookId: '7' } })) as Blob;
    expect(Buffer.from(await cover.arrayBuffer())).toStrictEqual(png);
    expect(await books.putCover!({ path: { bookId: '7' }, body: new Uint8Array(png) })).toBeUndefined();
    expect(seen.map((request) => [request.method, request.headers.accept, request.headers['content-type']])).toStrictEqual([
      ['GET', 'image/png', undefined],
      ['PUT', '*/*', 'image/png'], // fetch's own default: a 204 has nothing to ask for
    ]);
    expect(seen[1]!.bytes).toStrictEqual(png);
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
