import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApi } from '../../src/index.js';
import { LocalGateway } from '../../src/serve/gateway.js';
import { LambdaHandlers } from '../../src/serve/lambda-proxy.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { fixturesRoot } from '../support/paths.js';

/**
 * Response streaming under `serve`, chunk by chunk, over real HTTP on 127.0.0.1. API Gateway
 * "begins the payload stream after it receives the valid metadata and delimiter from Lambda" and
 * then sends "partial responses back to the client as they become available"; output that does not
 * follow the format gets "a 500 error response"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode-lambda.html).
 * A stream cut short by a function that stops midway is what API Gateway's troubleshooting guide
 * shows as curl's "transfer closed with outstanding read data remaining"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/response-streaming-troubleshoot.html):
 * the status and headers went out, the body ends without its last chunk. HTTP proxy integrations
 * stream too, once the backend's headers have all come
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/response-streaming-http.html).
 */

const METADATA = `awslambda.HttpResponseStream.from(responseStream, { statusCode: 200, headers: { 'content-type': 'text/plain' } })`;

/** Bytes that are no UTF-8 (a lone continuation byte, an overlong lead, a cut sequence), with 8 NULs in the payload too. */
const BINARY = [0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28, 0, 0, 0, 0, 0, 0, 0, 0, 0x41, 0xe2, 0x82];

const FUNCTIONS: Record<string, string> = {
  gated: `export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
  responseStream = ${METADATA};
  responseStream.write('first part;');
  await fetch(event.queryStringParameters.gate);
  responseStream.write(' second part');
  responseStream.end();
});`,
  binary: `export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
  responseStream = awslambda.HttpResponseStream.from(responseStream, { statusCode: 200, headers: { 'content-type': 'application/octet-stream' } });
  const bytes = Buffer.from(${JSON.stringify(BINARY)});
  responseStream.write(bytes.subarray(0, 9));
  await new Promise((resolve) => setTimeout(resolve, 10));
  responseStream.end(bytes.subarray(9));
});`,
  'throws-midway': `export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
  responseStream = ${METADATA};
  responseStream.write('partial');
  await new Promise((resolve) => setTimeout(resolve, 20));
  throw new Error('failed midway');
});`,
  'exits-midway': `export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
  responseStream = ${METADATA};
  responseStream.write('partial');
  await new Promise((resolve) => setTimeout(resolve, 20));
  process.exit(1);
});`,
  stalls: `export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
  responseStream = ${METADATA};
  responseStream.write('partial');
  await new Promise(() => {});
});`,
  'slow-stream': `export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
  responseStream = ${METADATA};
  responseStream.write('partial');
  await new Promise(() => {});
});`,
  merged: `export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
  const metadata = { headers: { 'X-Both': 'a', 'x-single': 'one' }, multiValueHeaders: { 'x-both': ['a', 'b'] } };
  responseStream = awslambda.HttpResponseStream.from(responseStream, metadata);
  responseStream.end('merged');
});`,
  'bad-header': `export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
  responseStream = awslambda.HttpResponseStream.from(responseStream, { statusCode: 200, headers: { 'x-bad': 'one\\r\\ntwo' } });
  responseStream.end('never sent');
});`,
  'no-delimiter': `export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
  responseStream.write('x'.repeat(17 * 1024));
  await new Promise(() => {});
});`,
  silent: `export const handler = awslambda.streamifyResponse(async () => {
  await new Promise(() => {});
});`,
  'returns-result': `export const handler = async () => ({ statusCode: 200, body: 'a buffered answer' });`,
  'streams-buffered': `export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
  responseStream = awslambda.HttpResponseStream.from(responseStream, { statusCode: 202, headers: { 'x-from': 'metadata' } });
  responseStream.end('a body API Gateway drops');
});`,
};

/** An HTTP server whose requests wait until the test releases them: the gated handler awaits one. */
class Gate {
  readonly #waiting: ServerResponse[] = [];
  #arrived: () => void = () => {};
  readonly #server = createServer((_request, response) => {
    this.#waiting.push(response);
    this.#arrived();
  });
  url = '';

  /** Resolves once a request waits (at most 10 s). */
  arrival(): Promise<void> {
    if (this.#waiting.length > 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('nothing came to the gate within 10 s')), 10_000);
      this.#arrived = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/`;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  release(): void {
    for (const response of this.#waiting.splice(0)) response.end('go');
  }

  stop(): Promise<void> {
    this.release();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

/**
 * The HTTP backend of the proxied routes: `/parts` sends its headers and a first part, then the
 * rest once the test releases it; `/stalls` sends a part and nothing more.
 */
class Backend {
  readonly #held: ServerResponse[] = [];
  readonly #server = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain', 'x-backend': 'yes' });
    response.write(request.url === '/parts' ? 'first part;' : 'partial');
    this.#held.push(response);
  });
  host = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.host = `127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  release(): void {
    for (const response of this.#held.splice(0)) response.end(' second part');
  }

  stop(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

/** Reads a body part by part: the parts that came, and whether the transfer completed or was cut short. */
async function readParts(response: Response): Promise<{ parts: string[]; end: string }> {
  const reader = response.body!.getReader();
  const parts: string[] = [];
  for (let read = 0; read < 100; read++) {
    const next = await reader.read().catch((error: unknown) => error as Error);
    if (next instanceof Error) return { parts, end: 'cut short' };
    if (next.done) return { parts, end: 'complete' };
    parts.push(Buffer.from(next.value).toString('utf8'));
  }
  return { parts, end: 'more than 100 parts' };
}

let server: RunningServer;
let handlers: LambdaHandlers;
const gate = new Gate();
const backend = new Backend();
const warnings: string[] = [];
const onWarning = (warning: Error) => warnings.push(warning.message);

beforeAll(async () => {
  process.on('warning', onWarning);
  await gate.start();
  await backend.start();
  const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-streaming-chunks-'));
  writeFileSync(join(folder, 'package.json'), '{ "type": "module" }\n');
  for (const [name, source] of Object.entries(FUNCTIONS)) {
    mkdirSync(join(folder, 'dist/functions', name), { recursive: true });
    writeFileSync(join(folder, 'dist/functions', name, 'index.js'), `${source}\n`);
  }
  const { model, document } = await loadApi(join(fixturesRoot, 'serve/rest-streaming-chunks.yaml'));
  handlers = new LambdaHandlers(model, folder, { functions: { SlowStream: { timeout: 1 } } });
  const gateway = new LocalGateway(model, { document, stage: 'dev', stageVariables: { backend: backend.host }, handlers });
  server = await startServer(gateway, { port: 0, host: '127.0.0.1', log: () => {} });
});

afterAll(async () => {
  process.off('warning', onWarning);
  await server.close();
  await handlers.close();
  await gate.stop();
  await backend.stop();
});

describe('serve: response streaming, chunk by chunk', () => {
  it('sends the status, headers and first part while the handler still runs, then the rest', async () => {
    const response = await fetch(`${server.url}/gated?gate=${encodeURIComponent(gate.url)}`);
    const reader = response.body!.getReader();
    const first = await reader.read();
    // The handler cannot end before the gate opens: what came so far came while it ran.
    await gate.arrival();
    const whileRunning = { status: response.status, chunked: response.headers.get('transfer-encoding'), waiting: gate.waiting };
    gate.release();
    let rest = '';
    for (let next = await reader.read(), reads = 0; !next.done && reads < 100; next = await reader.read(), reads++)
      rest += Buffer.from(next.value).toString('utf8');
    expect({ ...whileRunning, first: Buffer.from(first.value).toString('utf8'), rest }).toStrictEqual({
      status: 200,
      // "If your function doesn't return either of these headers, API Gateway appends Transfer-Encoding: chunked".
      chunked: 'chunked',
      waiting: 1,
      first: 'first part;',
      rest: ' second part',
    });
  });

  it('passes payload bytes through as they are, NUL bytes and invalid UTF-8 included', async () => {
    const response = await fetch(`${server.url}/binary`);
    expect({
      status: response.status,
      type: response.headers.get('content-type'),
      bytes: [...new Uint8Array(await response.arrayBuffer())],
    }).toStrictEqual({ status: 200, type: 'application/octet-stream', bytes: BINARY });
  });

  it('cuts the transfer short when the handler throws after its metadata', async () => {
    const response = await fetch(`${server.url}/throws`);
    expect({ status: response.status, ...(await readParts(response)) }).toStrictEqual({
      status: 200,
      parts: ['partial'],
      end: 'cut short',
    });
  });

  it('cuts the transfer short when the worker exits after the metadata, and serves the next request', async () => {
    const response = await fetch(`${server.url}/exits`);
    const first = { status: response.status, ...(await readParts(response)) };
    const next = await fetch(`${server.url}/binary`);
    expect({ first, next: next.status }).toStrictEqual({ first: { status: 200, parts: ['partial'], end: 'cut short' }, next: 200 });
    await next.arrayBuffer();
  });

  it('cuts the transfer short at the integration timeout once the metadata went out', async () => {
    const response = await fetch(`${server.url}/stalls`);
    expect({ status: response.status, ...(await readParts(response)) }).toStrictEqual({
      status: 200,
      parts: ['partial'],
      end: 'cut short',
    });
  });

  it("cuts the transfer short at the function's own timeout (1 s), within the integration's 29 s", async () => {
    const response = await fetch(`${server.url}/slow`);
    expect({ status: response.status, ...(await readParts(response)) }).toStrictEqual({
      status: 200,
      parts: ['partial'],
      end: 'cut short',
    });
  });

  it("answers API Gateway's 504 when the integration timeout comes before the metadata", async () => {
    const response = await fetch(`${server.url}/silent`);
    expect({ status: response.status, body: await response.text() }).toStrictEqual({
      status: 504,
      body: '{"message": "Endpoint request timed out"}',
    });
  });

  it('merges headers and multiValueHeaders into one list, a value in both once; a missing statusCode is 200', async () => {
    // "If you specify values for both headers and multiValueHeaders, API Gateway merges them into a single list. If the
    // same key-value pair is specified in both, only the values from multiValueHeaders will appear in the merged list."
    const response = await fetch(`${server.url}/merged`);
    expect({
      status: response.status,
      both: response.headers.get('x-both'),
      single: response.headers.get('x-single'),
      body: await response.text(),
    }).toStrictEqual({ status: 200, both: 'a, b', single: 'one', body: 'merged' });
  });

  it('answers 500 for metadata with a header value API Gateway cannot send (CR/LF), before anything went out', async () => {
    const response = await fetch(`${server.url}/bad-header`);
    expect({ status: response.status, body: await response.text() }).toStrictEqual({
      status: 500,
      body: '{"message": "Internal server error"}',
    });
  });

  it('answers 500 once 16 KB have come without the delimiter, while the handler still runs', async () => {
    // "The delimiter must be 8 null bytes and it must appear within the first 16KB of stream data": the answer
    // comes at once (the handler never ends: waiting for it would be the integration timeout's 504).
    const response = await fetch(`${server.url}/no-delimiter`);
    expect({ status: response.status, body: await response.text() }).toStrictEqual({
      status: 500,
      body: '{"message": "Internal server error"}',
    });
  });

  it('answers 500 for a handler that returns its answer instead of streaming it', async () => {
    const response = await fetch(`${server.url}/returns`);
    expect({
      status: response.status,
      body: await response.text(),
      warned: warnings.some((w) => w.includes('streamifyResponse')),
    }).toStrictEqual({
      status: 500,
      body: '{"message": "Internal server error"}',
      warned: true,
    });
  });

  it("answers a buffered integration's call of a streaming handler with its metadata's status and headers, without the body", async () => {
    // "API Gateway returns the HTTP headers and status code but not the response body" (the last table of response-transfer-mode-lambda.html).
    const response = await fetch(`${server.url}/buffered`);
    expect({ status: response.status, from: response.headers.get('x-from'), body: await response.text() }).toStrictEqual({
      status: 202,
      from: 'metadata',
      body: '',
    });
  });

  it("streams an HTTP proxy's answer as it arrives: headers and first part before the backend has finished", async () => {
    const response = await fetch(`${server.url}/proxied`);
    const reader = response.body!.getReader();
    const first = await reader.read();
    const beforeRelease = {
      status: response.status,
      backend: response.headers.get('x-backend'),
      first: Buffer.from(first.value).toString('utf8'),
    };
    backend.release();
    let rest = '';
    for (let next = await reader.read(), reads = 0; !next.done && reads < 100; next = await reader.read(), reads++)
      rest += Buffer.from(next.value).toString('utf8');
    expect({ ...beforeRelease, rest }).toStrictEqual({ status: 200, backend: 'yes', first: 'first part;', rest: ' second part' });
  });

  it("cuts an HTTP proxy's stream short at the integration timeout", async () => {
    const response = await fetch(`${server.url}/proxied-stalls`);
    expect({ status: response.status, ...(await readParts(response)) }).toStrictEqual({
      status: 200,
      parts: ['partial'],
      end: 'cut short',
    });
  });
});
