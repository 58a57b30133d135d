import { createServer, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesRoot } from '../support/paths.js';
import { buildSdk } from '../support/sdk-package.js';

type Operation = (client: unknown, params?: object, options?: object) => Promise<unknown>;

/** A type test compiled with the package (tsc --strict): results, stream and event types, and wrong uses. */
const TYPE_CONSUMER = `
import { createClient, exportReport, getReport, ReportsAPIClient, watchReport, type Middleware, type ServerSentEvent } from './index.js';
const client = createClient({ baseUrl: 'https://example.com', middleware: [{ onResponse: ({ response }) => response }] });
export async function use(): Promise<void> {
  const report: { id?: string; title?: string } = await getReport(client, { path: { reportId: 'r' } });
  const stream: ReadableStream<Uint8Array> = await exportReport(client, { path: { reportId: 'r' } });
  for await (const event of await watchReport(client, { path: { reportId: 'r' } })) {
    const typed: ServerSentEvent = event;
    const data: string = typed.data;
    void data;
  }
  const same: typeof report = await new ReportsAPIClient({ baseUrl: 'https://example.com' }).getReport({ path: { reportId: 'r' } });
  // @ts-expect-error the path parameter is required
  await getReport(client, {});
  // @ts-expect-error a stream is no JSON object
  const wrong: { id?: string } = await exportReport(client, { path: { reportId: 'r' } });
  const link: Middleware = { onRequest: ({ request }) => new Request(request, { headers: { 'x-a': '1' } }) };
  void [stream, same, wrong, link];
}
`;

/** What the server does for one request, by method and path; `hits` counts requests per "METHOD path". */
function reportsServer() {
  const hits = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(() => (timers.delete(timer), run()), ms);
    timers.add(timer);
  };
  const json = (response: ServerResponse, status: number, body: string) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(body);
  };
  const server = createServer((request, response) => {
    const key = `${request.method} ${request.url}`;
    const count = (hits.get(key) ?? 0) + 1;
    hits.set(key, count);
    request.resume();
    request.on('end', () => {
      const path = request.url ?? '';
      if (path.endsWith('/drop'))
        request.socket.destroy(); // always a network error
      else if (path.endsWith('/flaky') && count === 1)
        request.socket.destroy(); // a network error, then an answer
      else if (path.endsWith('/slow') && count === 1) later(2_000, () => json(response, 200, '{"id":"late"}'));
      else if (path.endsWith('/broken'))
        json(response, 502, '<html>Bad Gateway'); // says JSON, is not
      else if (path.endsWith('/export')) {
        response.writeHead(200, { 'content-type': 'application/x-ndjson' });
        response.write('{"row":1}\n');
        later(20, () => response.end('{"row":2}\n'));
      } else if (path.endsWith('/progress')) {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        // Chunks that split a field and a CRLF; a comment; a multi-line event.
        response.write(': building\r\n\r\nevent: progress\r\nid: 1\r\ndata: 5');
        later(10, () => response.write('0\r'));
        later(20, () => response.end('\n\r\ndata: line one\ndata: line two\n\n'));
      } else json(response, request.method === 'POST' ? 201 : 200, JSON.stringify({ id: path.split('/')[3] ?? '', via: key }));
    });
  });
  return { server, hits, stop: () => timers.forEach((timer) => clearTimeout(timer)) };
}

/** An abort signal that records the listeners other code has on it (a listener added twice is one, as the DOM counts them). */
function countingSignal() {
  const signal = new AbortController().signal;
  const live = new Set<unknown>();
  let added = 0;
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = (...args: Parameters<typeof add>) => (live.add(args[1]), added++, add(...args));
  signal.removeEventListener = (...args: Parameters<typeof remove>) => (live.delete(args[1]), remove(...args));
  return { signal, live: () => live.size, added: () => added };
}

describe('generated SDK operation functions, middleware, retries and streams against a local server', () => {
  const { server, hits, stop } = reportsServer();
  let baseUrl = '';
  let sdk: Record<string, unknown>;
  const operation = (name: string) => sdk[name] as Operation;
  const createClient = (options: object = {}) => (sdk.createClient as (options: object) => unknown)({ baseUrl, ...options });

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/prod`;
    sdk = await buildSdk(join(fixturesRoot, 'valid/rest-streaming.yaml'), { sources: { 'type-consumer.ts': TYPE_CONSUMER } });
  }, 120_000);

  afterAll(() => {
    stop();
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('calls an operation as a function of a client, and as a method of the client class', async () => {
    expect(await operation('getReport')(createClient(), { path: { reportId: 'r1' } })).toStrictEqual({
      id: 'r1',
      via: 'GET /prod/reports/r1',
    });
    const Client = sdk.ReportsAPIClient as new (options: object) => Record<string, Operation>;
    const facade = new Client({ baseUrl });
    expect(await facade.getReport!({ path: { reportId: 'r2' } })).toStrictEqual({ id: 'r2', via: 'GET /prod/reports/r2' });
    expect(await facade.createReport!({ body: { title: 't' } })).toStrictEqual({ id: '', via: 'POST /prod/reports' });
  });

  it('runs request, response and error interceptors in order; a response interceptor replaces the response', async () => {
    const seen: string[] = [];
    const client = createClient({
      middleware: [
        {
          onRequest: ({ request, operation: name, attempt }: { request: Request; operation: string; attempt: number }) => {
            seen.push(`a request ${name} ${attempt}`);
            return new Request(request, { headers: { 'x-trace': 't1' } });
          },
          onResponse: ({ response }: { response: Response }) => void seen.push(`a response ${response.status}`),
        },
        {
          onRequest: ({ request }: { request: Request }) => void seen.push(`b request ${request.headers.get('x-trace')}`),
          onResponse: ({ response }: { response: Response }) => {
            seen.push(`b response ${response.status}`);
            return Response.json({ replaced: true }, { status: 200 });
          },
        },
      ],
    }) as { use(link: object): unknown };
    client.use({
      onResponse: async ({ response }: { response: Response }) =>
        void seen.push(`c response ${JSON.stringify(await response.clone().json())}`),
    });
    expect(await operation('getReport')(client, { path: { reportId: 'm' } })).toStrictEqual({ replaced: true });
    expect(seen).toStrictEqual([
      'a request getReport 1',
      'b request t1',
      'a response 200',
      'b response 200',
      'c response {"replaced":true}',
    ]);
    const recovered = createClient({
      retry: { maxAttempts: 1 },
      middleware: [{ onError: ({ error }: { error: unknown }) => Response.json({ recovered: String(error) }) }],
    });
    expect(await operation('getReport')(recovered, { path: { reportId: 'drop' } })).toStrictEqual({ recovered: 'TypeError: fetch failed' });
  });

  it('retries a network error and a timeout of a GET, but not of a POST', async () => {
    const client = createClient({ retry: { maxAttempts: 2, baseDelayMs: 1 }, timeoutMs: 500 });
    expect(await operation('getReport')(client, { path: { reportId: 'flaky' } })).toMatchObject({ id: 'flaky' });
    expect(hits.get('GET /prod/reports/flaky')).toBe(2);
    expect(await operation('getReport')(client, { path: { reportId: 'slow' } })).toMatchObject({ id: 'slow' });
    expect(hits.get('GET /prod/reports/slow')).toBe(2);
    // The same failures of a POST, which is not idempotent: one attempt, and the error.
    const postClient = createClient({
      retry: { maxAttempts: 3, baseDelayMs: 1 },
      timeoutMs: 500,
      middleware: [{ onRequest: ({ request }: { request: Request }) => new Request(`${request.url}/drop`, request) }],
    });
    await expect(operation('createReport')(postClient, { body: { title: 't' } })).rejects.toThrow('fetch failed');
    expect(hits.get('POST /prod/reports/drop')).toBe(1);
    const slowPost = createClient({
      retry: { maxAttempts: 3, baseDelayMs: 1 },
      timeoutMs: 100,
      middleware: [{ onRequest: ({ request }: { request: Request }) => new Request(`${request.url}/slow`, request) }],
    });
    await expect(operation('createReport')(slowPost, { body: { title: 't' } })).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(hits.get('POST /prod/reports/slow')).toBe(1);
  });

  it('gives an ApiError with the raw text when an error body that says it is JSON is not', async () => {
    const error = (await operation('getReport')(createClient({ retry: { maxAttempts: 1 } }), { path: { reportId: 'broken' } }).catch(
      (thrown: unknown) => thrown,
    )) as { name: string; status: number; body: unknown };
    expect({ name: error.name, status: error.status, body: error.body }).toStrictEqual({
      name: 'ApiError',
      status: 502,
      body: '<html>Bad Gateway',
    });
  });

  it('leaves no listener on the caller’s signal, after retries, timeouts and a read stream', async () => {
    const counting = countingSignal();
    const client = createClient({ retry: { maxAttempts: 2, baseDelayMs: 1 }, timeoutMs: 500 });
    await operation('getReport')(client, { path: { reportId: 'flaky' } }, { signal: counting.signal });
    await operation('getReport')(client, { path: { reportId: 'slow' } }, { signal: counting.signal });
    await expect(operation('getReport')(client, { path: { reportId: 'broken' } }, { signal: counting.signal })).rejects.toThrow('HTTP 502');
    const stream = (await operation('exportReport')(client, { path: { reportId: 'x' } }, { signal: counting.signal })) as ReadableStream;
    expect(counting.live(), 'the stream keeps its listener while it is read').toBe(1);
    await new Response(stream).text();
    expect(counting.added(), 'every attempt listened').toBeGreaterThanOrEqual(6);
    expect(counting.live()).toBe(0);
  });

  it('returns a ReadableStream for a STREAM integration, and an async iterator of events for text/event-stream', async () => {
    const client = createClient();
    const stream = await operation('exportReport')(client, { path: { reportId: 'x' } });
    expect(stream).toBeInstanceOf(ReadableStream);
    expect(await new Response(stream as ReadableStream).text()).toBe('{"row":1}\n{"row":2}\n');
    const events: unknown[] = [];
    for await (const event of (await operation('watchReport')(client, { path: { reportId: 'x' } })) as AsyncIterable<unknown>)
      events.push(event);
    // https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
    expect(events).toStrictEqual([
      { event: 'progress', data: '50', id: '1' },
      { event: 'message', data: 'line one\nline two', id: '1' },
    ]);
  });
});
