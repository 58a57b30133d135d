import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApi } from '../../src/index.js';
import { LocalGateway } from '../../src/serve/gateway.js';
import { LambdaHandlers } from '../../src/serve/lambda-proxy.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { fixturesRoot } from '../support/paths.js';

/**
 * Integration timeouts and failures answered through `x-amazon-apigateway-gateway-responses`, over
 * real HTTP on 127.0.0.1 (fixtures/specs/serve/rest-gateway-responses.yaml). The response types
 * table (https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html):
 * INTEGRATION_TIMEOUT is "the gateway response for an integration timed out error" (504), "if the
 * response type is unspecified, this response defaults to the DEFAULT_5XX type", and so does
 * INTEGRATION_FAILURE ("an integration failed error", 504: a backend that refuses the connection). A failed Lambda
 * proxy result is API Gateway's 502 internal error, which DEFAULT_5XX customises (deployed APIs
 * get their DEFAULT_5XX headers on it: https://github.com/aws/aws-sam-cli/issues/1027; LocalStack
 * answers it as an InternalServerError of the DEFAULT_5XX family, localstack/localstack
 * localstack-core/localstack/services/apigateway/next_gen/execute_api/integrations/aws.py).
 * Templates substitute `$context.error.messageString` (the quoted message) and
 * `$context.error.responseType`
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html).
 */

const FUNCTIONS = {
  hang: 'export const handler = () => new Promise(() => {});',
  malformed: 'export const handler = async () => "not a proxy result";',
};

let server: RunningServer;
let handlers: LambdaHandlers;
let backend: Server;
const lateTimers = new Set<NodeJS.Timeout>();

beforeAll(async () => {
  const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-gateway-responses-'));
  writeFileSync(join(folder, 'package.json'), '{ "type": "module" }\n');
  for (const [name, source] of Object.entries(FUNCTIONS)) {
    mkdirSync(join(folder, 'dist/functions', name), { recursive: true });
    writeFileSync(join(folder, 'dist/functions', name, 'index.js'), `${source}\n`);
  }
  // Answers after 3 s, well past the integrations' 300 ms timeout.
  backend = createServer((_, response) => {
    const timer = setTimeout(() => response.end('late'), 3000);
    lateTimers.add(timer);
    response.on('close', () => clearTimeout(timer));
  });
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  // A port that was free a moment ago: connections to it are refused.
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const downPort = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const { model, document } = await loadApi(join(fixturesRoot, 'serve/rest-gateway-responses.yaml'));
  handlers = new LambdaHandlers(model, folder);
  const gateway = new LocalGateway(model, {
    document,
    stage: 'dev',
    handlers,
    stageVariables: { backend: `127.0.0.1:${(backend.address() as AddressInfo).port}`, down: `127.0.0.1:${downPort}` },
  });
  server = await startServer(gateway, { port: 0, host: '127.0.0.1', log: () => {} });
});

afterAll(async () => {
  await server.close();
  await handlers.close();
  for (const timer of lateTimers) clearTimeout(timer);
  backend.closeAllConnections();
  await new Promise((resolve) => backend.close(resolve));
});

async function call(path: string) {
  const response = await fetch(`${server.url}${path}`, { signal: AbortSignal.timeout(10_000) });
  return {
    status: response.status,
    allowOrigin: response.headers.get('access-control-allow-origin'),
    retryAfter: response.headers.get('retry-after'),
    requestId: response.headers.get('x-amzn-requestid'),
    body: JSON.parse(await response.text()) as Record<string, unknown>,
  };
}

describe('serve: integration failures through the gateway responses', () => {
  it.each(['/hang', '/slow-backend', '/slow-proxy'])(
    'answers a timeout at %s with the INTEGRATION_TIMEOUT gateway response (status, headers, template)',
    async (path) => {
      const { requestId, ...answer } = await call(path);
      expect(answer, `${path}`).toStrictEqual({
        status: 503,
        allowOrigin: '*',
        retryAfter: '3',
        body: { error: 'Endpoint request timed out', type: 'INTEGRATION_TIMEOUT', requestId },
      });
    },
  );

  it('answers a malformed Lambda proxy result with API Gateway 502, customised by DEFAULT_5XX', async () => {
    const { requestId, ...answer } = await call('/malformed');
    expect(requestId, `the request id header`).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer).toStrictEqual({
      status: 502,
      allowOrigin: '*',
      retryAfter: null,
      body: { failed: 'Internal server error', type: 'DEFAULT_5XX' },
    });
  });

  it('answers an HTTP backend that refuses the connection with INTEGRATION_FAILURE (504), customised by DEFAULT_5XX', async () => {
    const { requestId, ...answer } = await call('/down');
    expect(requestId, `the request id header`).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer).toStrictEqual({
      status: 504,
      allowOrigin: '*',
      retryAfter: null,
      body: { failed: 'Internal server error', type: 'INTEGRATION_FAILURE' },
    });
  });
});
