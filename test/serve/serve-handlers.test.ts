import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadApi } from '../../src/index.js';
import { LocalGateway } from '../../src/serve/gateway.js';
import { LambdaHandlers } from '../../src/serve/lambda-proxy.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { compile, replaceFiles, writeHandlers } from '../support/handlers-package.js';
import { fixturesRoot } from '../support/paths.js';

/**
 * `serve --handlers`: Lambda proxy integrations run the handlers `apigw-gen handlers` generated
 * (compiled with their own tsconfig), called with real-shaped events over real HTTP: an
 * implemented stub answers its typed result, a fresh stub 501, a throwing one API Gateway's 502.
 */

const bookstore = join(fixturesRoot, 'valid/rest-lambda-proxy.yaml');
let server: RunningServer;
let handlersFolder: string;

beforeAll(async () => {
  const { out } = await writeHandlers(bookstore);
  handlersFolder = out;
  replaceFiles(out, {
    'src/functions/bookstore-books/get-book.ts': `import type { GetBookHandler } from './operations.gen.js';

export const getBook: GetBookHandler = async ({ path, event }) => ({
  statusCode: 200,
  body: { id: path.bookId, title: 'Earthsea', author: 'Le Guin', price: 9.5 },
  headers: { 'X-Stage': event.requestContext.stage, 'X-Resource': event.resource },
});
`,
    'src/functions/bookstore-books/get-cover.ts': `import type { GetCoverHandler } from './operations.gen.js';

export const getCover: GetCoverHandler = () => ({ statusCode: 200, body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]) });
`,
    'src/functions/bookstore-books/delete-book.ts': `import type { DeleteBookHandler } from './operations.gen.js';

export const deleteBook: DeleteBookHandler = () => {
  throw new Error('database down');
};
`,
  });
  const errors = await compile(out);
  if (errors !== '') throw new Error(`the handlers do not compile:\n${errors}`);
  const { model, document } = await loadApi(bookstore);
  const gateway = new LocalGateway(model, { document, stage: 'dev', handlers: new LambdaHandlers(model, out) });
  server = await startServer(gateway, { port: 0, host: '127.0.0.1', log: () => {} });
});

afterAll(() => server.close());

describe('serve --handlers', () => {
  it('runs the generated handler with a payload 1.0 event and answers its typed result', async () => {
    const response = await fetch(`${server.url}/books/7`, { headers: { 'x-api-key': 'k' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-stage')).toBe('dev');
    expect(response.headers.get('x-resource')).toBe('/books/{bookId}');
    expect(await response.json()).toStrictEqual({ id: '7', title: 'Earthsea', author: 'Le Guin', price: 9.5 });
  });

  it('sends binary results as bytes when Accept names a binary media type, else as base64 text (as REST APIs do)', async () => {
    const png = await fetch(`${server.url}/books/7/cover`, { headers: { 'x-api-key': 'k', accept: 'image/png' } });
    expect(png.status).toBe(200);
    expect([...new Uint8Array(await png.arrayBuffer())]).toStrictEqual([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
    const text = await fetch(`${server.url}/books/7/cover`, { headers: { 'x-api-key': 'k', accept: 'application/json' } });
    expect(await text.text()).toBe(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]).toString('base64'));
  });

  it('answers 501 from a fresh stub', async () => {
    const response = await fetch(`${server.url}/books`, { headers: { 'x-api-key': 'k' } });
    expect(response.status).toBe(501);
  });

  it("answers the router's logged 500 when an implementation throws, without the error", async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = await fetch(`${server.url}/books/7`, { method: 'DELETE', headers: { 'x-api-key': 'k' } });
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('database down');
    logged.mockRestore();
  });

  it("answers API Gateway's 502 when the handler module itself fails", async () => {
    writeFileSync(
      join(handlersFolder, 'dist/functions/catalog/index.js'),
      'export const handler = async () => { throw new Error("boom"); };\n',
    );
    const warning = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const response = await fetch(`${server.url}/catalog/shelves/3`);
    expect(response.status).toBe(502);
    expect(await response.json()).toStrictEqual({ message: 'Internal server error' });
    expect(String(warning.mock.calls[0]?.[0])).toContain('boom');
    warning.mockRestore();
  });

  it('says when the handlers are not built, and answers from the document', async () => {
    const { model, document } = await loadApi(bookstore);
    const gateway = new LocalGateway(model, {
      document,
      stage: 'dev',
      handlers: new LambdaHandlers(model, join(handlersFolder, 'nowhere')),
    });
    const response = await gateway.handle({
      method: 'GET',
      path: '/books/7',
      query: new URLSearchParams(),
      headers: { 'x-api-key': 'k' },
      body: Buffer.alloc(0),
      sourceIp: '127.0.0.1',
    });
    expect(response.answeredBy).toBe('example');
    expect(response.headers['x-apigw-gen-mock']).toMatch(/not found: build the handlers \(npm run build in /);
  });
});
