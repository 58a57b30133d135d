import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { UsageError } from '../diagnostics/diagnostic.js';
import type { LocalGateway } from './gateway.js';
import type { GatewayRequest, GatewayResponse } from './gateway-messages.js';
import { ownField, setOwn } from './own-fields.js';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Serves a local gateway over HTTP, logging one line per request (method, path, status, what answered, ms). */
export async function startServer(
  gateway: LocalGateway,
  options: { port: number; host: string; log: (line: string) => void },
): Promise<RunningServer> {
  // Log lines go out in one write per turn of the event loop, not one per request: under load,
  // a write per line costs more than the request.
  const pending: string[] = [];
  const log = (line: string) => {
    if (pending.length === 0) setImmediate(() => options.log(pending.splice(0).join('')));
    pending.push(line);
  };
  const server = createServer((incoming, outgoing) => {
    const started = performance.now();
    handle(gateway, incoming, outgoing)
      .then(({ status, answeredBy }) => {
        const ms = (performance.now() - started).toFixed(1);
        log(`${incoming.method} ${incoming.url} ${status} ${answeredBy} ${ms} ms\n`);
      })
      .catch((error: unknown) => {
        log(`${incoming.method} ${incoming.url} 500 internal error: ${String(error)}\n`);
        if (!outgoing.headersSent) outgoing.writeHead(500, { 'content-type': 'application/json' });
        outgoing.end(JSON.stringify({ message: 'Internal server error' }));
      });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE' || error.code === 'EACCES'
          ? new UsageError(`cannot listen on ${options.host}:${options.port} (${error.code}); choose another --port (0 picks a free one).`)
          : error,
      ),
    );
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(gateway: LocalGateway, incoming: IncomingMessage, outgoing: ServerResponse) {
  const { path, query, rawQuery } = requestTarget(incoming.url ?? '/');
  const headers: Record<string, string> = {};
  for (const name in incoming.headers) {
    const value = incoming.headers[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  addProtoHeader(headers, incoming.rawHeaders);
  const request: GatewayRequest = {
    method: incoming.method ?? 'GET',
    path,
    query,
    rawQuery,
    headers,
    body: await bodyOf(incoming),
    sourceIp: incoming.socket.remoteAddress ?? '127.0.0.1',
    rawHeaders: incoming.rawHeaders,
    ...(incoming.socket.localPort === undefined ? {} : { localPort: incoming.socket.localPort }),
  };
  const response = await gateway.handle(request);
  if (response.stream) return sendStream(response, request.method === 'HEAD', outgoing);
  const { statusCode, headers: responseHeaders, body } = response;
  // With its length known, the answer goes out in one write, not chunked (API Gateway sends Content-Length too).
  if (responseHeaders['content-length'] === undefined && statusCode >= 200 && statusCode !== 204 && statusCode !== 304)
    responseHeaders['content-length'] = String(Buffer.byteLength(body));
  outgoing.writeHead(statusCode, responseHeaders);
  outgoing.end(request.method === 'HEAD' ? undefined : body);
  return { status: statusCode, answeredBy: response.answeredBy };
}

/**
 * A streamed answer: the head at once, then each chunk as it comes (chunked, unless the function
 * gave a Content-Length). A stream that fails ends the connection without the last chunk, so the
 * client sees the transfer cut short, as with API Gateway.
 */
async function sendStream(response: GatewayResponse, head: boolean, outgoing: ServerResponse) {
  const stream = response.stream!;
  outgoing.writeHead(response.statusCode, response.headers);
  // Headers out now, not with the first chunk: the client learns the status while the function runs.
  outgoing.flushHeaders();
  if (head) {
    outgoing.end();
    stream.resume();
  } else {
    try {
      await pipeline(stream, outgoing);
    } catch {
      outgoing.destroy();
    }
  }
  return { status: response.statusCode, answeredBy: response.answeredBy };
}

/**
 * The path and query of a request target as sent: `//a` is a path with an empty first segment
 * (WHATWG URL parsing would take `a` for a host), and percent-encoding stays as it is.
 */
function requestTarget(target: string): { path: string; query: URLSearchParams; rawQuery: string } {
  if (!target.startsWith('/')) {
    const url = new URL(target, 'http://localhost');
    return { path: url.pathname, query: url.searchParams, rawQuery: url.search.slice(1) };
  }
  const mark = target.indexOf('?');
  if (mark === -1) return { path: target, query: new URLSearchParams(), rawQuery: '' };
  const rawQuery = target.slice(mark + 1);
  return { path: target.slice(0, mark), query: new URLSearchParams(rawQuery), rawQuery };
}

/**
 * A header named `__proto__`, which Node leaves out of `incoming.headers` (it assigns each field):
 * API Gateway reads it as any other header, repeats joined as Node joins those of unknown names.
 */
function addProtoHeader(headers: Record<string, string>, raw: string[]): void {
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index]!;
    if (name.length !== 9 || name.toLowerCase() !== '__proto__') continue;
    const previous = ownField(headers, '__proto__');
    setOwn(headers, '__proto__', previous === undefined ? raw[index + 1]! : `${previous}, ${raw[index + 1]!}`);
  }
}

const NO_BODY = Buffer.alloc(0);

/**
 * The request's body. A request without `Content-Length` or `Transfer-Encoding` has none (RFC 9112
 * section 6.3): most GETs are not read as a stream, which costs more than the rest of their routing.
 */
function bodyOf(incoming: IncomingMessage): Promise<Buffer> | Buffer {
  if (incoming.headers['content-length'] === undefined && incoming.headers['transfer-encoding'] === undefined) return NO_BODY;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.once('end', () => resolve(Buffer.concat(chunks)));
    incoming.once('error', reject);
  });
}
