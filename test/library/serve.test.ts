import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serve, UsageError, type ServeOptions } from '../../src/index.js';
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

  it('throws a UsageError for a stage the config does not have', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'apigw-gen-lib-serve-'));
    await expect(serve({ document, cwd, stage: 'nope' }), `serve() of an unknown stage`).rejects.toBeInstanceOf(UsageError);
  });
});
