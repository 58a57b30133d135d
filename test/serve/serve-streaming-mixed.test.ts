import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlers, serve, type LocalServer } from '../../src/index.js';
import { repoRoot } from '../support/paths.js';

/**
 * A Lambda function behind a streaming route and a buffered one. API Gateway invokes it with
 * InvokeWithResponseStream for the first and Invoke for the second, and no handler answers both:
 * a handler that does not follow the streaming format, invoked for streaming, gets "a 500 error
 * response"; a streaming one invoked the buffered way gets "the HTTP headers and status code but
 * not the response body" (https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode-lambda.html,
 * its last table). So `handlers` and `serve` warn, with the routes' pointers, and `serve` answers
 * as AWS would with the buffered router `handlers` writes for such a function.
 */

const DOCUMENT = join(repoRoot, 'fixtures/specs/invalid/APIGW_FUNCTION_MIXED_TRANSFER_MODES.yaml');
const WARNING = {
  code: 'APIGW_FUNCTION_MIXED_TRANSFER_MODES',
  severity: 'warning',
  pointer: '/paths/~1reports~1export/get/x-amazon-apigateway-integration',
  names: ['#/paths/~1reports/get/x-amazon-apigateway-integration', '#/paths/~1reports~1export/get/x-amazon-apigateway-integration'],
};

function mixedWarnings(diagnostics: { code: string; severity: string; pointer: string; message: string }[]) {
  return diagnostics
    .filter((diagnostic) => diagnostic.code === WARNING.code)
    .map(({ code, severity, pointer, message }) => ({
      code,
      severity,
      pointer,
      names: WARNING.names.filter((name) => message.includes(name)),
    }));
}

describe('handlers: a function invoked both for streaming and buffered', () => {
  it('warns with the pointers of both routes, and writes the buffered router', async () => {
    const result = await handlers({ document: DOCUMENT, out: mkdtempSync(join(tmpdir(), 'apigw-gen-mixed-')), dryRun: true });
    const router = result.files.find((file) => file.path.endsWith('functions/reports/handler.gen.ts'))?.contents ?? '';
    expect({ warnings: mixedWarnings(result.diagnostics), buffered: router.includes('Runtime.restHandler(') }).toStrictEqual({
      warnings: [WARNING],
      buffered: true,
    });
  });
});

describe('serve: a function invoked both for streaming and buffered', () => {
  let server: LocalServer;

  beforeAll(async () => {
    const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-mixed-serve-'));
    writeFileSync(join(folder, 'package.json'), '{ "type": "module" }\n');
    mkdirSync(join(folder, 'dist/functions/reports'), { recursive: true });
    // Buffered, as the router `handlers` writes for this function.
    writeFileSync(
      join(folder, 'dist/functions/reports/index.js'),
      `export const handler = async (event) => ({ statusCode: 200, body: 'reports for ' + event.path });\n`,
    );
    server = await serve({ document: DOCUMENT, handlers: folder, cwd: folder });
  });

  afterAll(async () => {
    await server.close();
  });

  it('warns with the pointers of both routes, answers the buffered route and gives the streaming one 500', async () => {
    const buffered = await fetch(`${server.url}/reports`);
    const streamed = await fetch(`${server.url}/reports/export`);
    expect({
      warnings: mixedWarnings(server.diagnostics),
      buffered: { status: buffered.status, body: await buffered.text() },
      streamed: { status: streamed.status, body: await streamed.text() },
    }).toStrictEqual({
      warnings: [WARNING],
      buffered: { status: 200, body: 'reports for /reports' },
      streamed: { status: 500, body: '{"message": "Internal server error"}' },
    });
  });
});
