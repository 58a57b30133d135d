import { mkdtempSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serve, UsageError, type ServeOptions } from '../../src/index.js';
import { compile, replaceFiles, writeHandlers } from '../support/handlers-package.js';
import { fixturesRoot } from '../support/paths.js';

const document = join(fixturesRoot, 'valid/rest-integrations.yaml');

/** Whether a port on 127.0.0.1 can be bound again. */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

describe('serve()', () => {
  it('answers over HTTP, and close() frees the port', async () => {
    const log: string[] = [];
    const options: ServeOptions = {
      document,
      cwd: mkdtempSync(join(tmpdir(), 'apigw-gen-lib-serve-')),
      onRequestLog: (text) => log.push(text),
    };
    const server = await serve(options);
    const port = Number(new URL(server.url).port);
    try {
      expect(server.url, `url`).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(server.stage, `stage served without a config`).toBeTypeOf('string');
      // The document's MOCK integration maps static header values (quoted literals):
      // https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-mock-integration.html
      const response = await fetch(`${server.url}/items`, {
        method: 'OPTIONS',
        headers: { origin: 'https://shop.example.org', 'access-control-request-method': 'POST' },
      });
      expect(response.status, `status of the preflight`).toBe(200);
      expect(response.headers.get('access-control-allow-origin'), `allowed origin`).toBe('https://shop.example.org');
      expect(await canListen(port), `port free while serving`).toBe(false);
    } finally {
      await server.close();
    }
    expect(await canListen(port), `port free after close()`).toBe(true);
    expect(log.join(''), `request log`).toMatch(/^OPTIONS \/items 200 /m);
  });

  it('close() also stops the worker threads that run the handlers', async () => {
    const { out } = await writeHandlers(join(fixturesRoot, 'valid/rest-lambda-proxy.yaml'));
    const ticks = join(mkdtempSync(join(tmpdir(), 'apigw-gen-lib-serve-ticks-')), 'ticks');
    // Once invoked, the function's worker appends to a file every 5 ms for as long as it lives.
    replaceFiles(out, {
      'src/functions/books-function/list-books.ts': [
        "import { appendFileSync } from 'node:fs';",
        "import * as Runtime from '../../runtime/router.js';",
        "import type { ListBooksHandler } from './operations.gen.js';",
        'let ticking = false;',
        'export const listBooks: ListBooksHandler = () => {',
        `  if (!ticking) setInterval(() => appendFileSync(${JSON.stringify(ticks)}, '.'), 5);`,
        '  ticking = true;',
        '  return Runtime.notImplemented();',
        '};',
        '',
      ].join('\n'),
    });
    expect(await compile(out), `compiler errors of the handlers`).toBe('');
    const cwd = mkdtempSync(join(tmpdir(), 'apigw-gen-lib-serve-'));
    const server = await serve({ document: join(fixturesRoot, 'valid/rest-lambda-proxy.yaml'), cwd, handlers: out });
    try {
      expect((await fetch(`${server.url}/books`)).status, `status of the stub`).toBe(501);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(statSync(ticks).size, `ticks while serving`).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
    const afterClose = statSync(ticks).size;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(statSync(ticks).size, `ticks 200 ms after close()`).toBe(afterClose);
  }, 120_000);

  it('throws a UsageError for a stage the config does not have', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'apigw-gen-lib-serve-'));
    await expect(serve({ document, cwd, stage: 'nope' }), `serve() of an unknown stage`).rejects.toBeInstanceOf(UsageError);
  });
});
