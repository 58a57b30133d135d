import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApi } from '../../src/index.js';
import { LocalGateway } from '../../src/serve/gateway.js';
import { LambdaHandlers } from '../../src/serve/lambda-proxy.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { compile, replaceFiles, writeHandlers } from '../support/handlers-package.js';
import { fixturesRoot } from '../support/paths.js';

/**
 * Non-proxy integrations over real HTTP on 127.0.0.1: a Lambda function from the `handlers`
 * output gets the event its request template makes and its error message selects the
 * integration response; an HTTP backend gets only what `requestParameters` and
 * `$context.requestOverride` give it, and its answer goes through `responseParameters`, the
 * selection pattern and the response template; an AWS service answers the document's example
 * through the response template.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-integration-settings-integration-response.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/request-response-data-mappings.html
 */

const document = join(fixturesRoot, 'serve/non-proxy-integrations.yaml');
let backend: Server;
let server: RunningServer;
let handlers: LambdaHandlers;
const backendCalls: { url: string; headers: IncomingHttpHeaders }[] = [];

beforeAll(async () => {
  backend = createServer((request, response) => {
    backendCalls.push({ url: request.url ?? '', headers: request.headers });
    if (request.url?.startsWith('/items/broken')) {
      response.writeHead(503, { 'content-type': 'application/json' }).end('{"reason": "maintenance"}');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json', 'x-backend': 'items-v2' }).end('{"id": "i-7", "name": "lamp"}');
  });
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  const { out } = await writeHandlers(document);
  replaceFiles(out, {
    'src/functions/fines/non-proxy.ts': `import type { NonProxyHandler } from './operations.gen.js';

export const handleNonProxyEvent: NonProxyHandler = (event) => {
  const { days, note } = event as { days: number; note: string };
  if (days < 0) throw new Error(\`fine for \${days} days not found\`);
  return { fine: days * 2, note };
};
`,
  });
  const errors = await compile(out);
  if (errors !== '') throw new Error(`the handlers do not compile:\n${errors}`);
  const { model, document: raw } = await loadApi(document);
  handlers = new LambdaHandlers(model, out);
  const gateway = new LocalGateway(model, {
    document: raw,
    stage: 'dev',
    stageVariables: { backend: `127.0.0.1:${(backend.address() as AddressInfo).port}`, name: 'dev-stage' },
    handlers,
  });
  server = await startServer(gateway, { port: 0, host: '127.0.0.1', log: () => undefined });
}, 120_000);

afterAll(async () => {
  await server.close();
  await handlers.close();
  await new Promise((resolve) => backend.close(resolve));
});

describe('serve: Lambda non-proxy integrations', () => {
  it("runs the function with the request template's event and its result through the default response's template", async () => {
    const response = await fetch(`${server.url}/fines/4?note=${encodeURIComponent('late "again"')}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toStrictEqual({ fine: 8, note: 'late "again"' });
  });

  it("selects the integration response by the thrown error's message", async () => {
    const response = await fetch(`${server.url}/fines/-1`);
    expect(response.status).toBe(404);
    expect(await response.json()).toStrictEqual({ error: 'fine for -1 days not found' });
  });
});

describe('serve: HTTP non-proxy integrations', () => {
  it('sends the mapped path, query and headers (and the template’s request overrides), not the client’s others', async () => {
    backendCalls.length = 0;
    const response = await fetch(`${server.url}/items/7?search=lamp&other=x`, { headers: { 'x-client': 'yes' } });
    expect(response.status).toBe(200);
    const [call] = backendCalls;
    expect(call?.url).toBe('/items/7?q=lamp');
    expect(call?.headers).toMatchObject({ 'x-trace': 'local', 'x-stage': 'dev-stage', 'x-override': 'from the template' });
    expect(call?.headers['x-client']).toBeUndefined();
  });

  it('maps response headers from the backend’s headers, its body and literals; without a template the body passes through', async () => {
    const response = await fetch(`${server.url}/items/7`);
    expect({
      backend: response.headers.get('x-backend'),
      id: response.headers.get('x-item-id'),
      origin: response.headers.get('x-origin'),
      type: response.headers.get('content-type'),
    }).toStrictEqual({ backend: 'items-v2', id: 'i-7', origin: '*', type: 'application/json' });
    expect(await response.json()).toStrictEqual({ id: 'i-7', name: 'lamp' });
  });

  it("selects the response by the backend's status and renders its template over the backend's body", async () => {
    const response = await fetch(`${server.url}/items/broken`);
    expect(response.status).toBe(502);
    expect(await response.json()).toStrictEqual({ message: 'backend failed: maintenance' });
  });
});

describe('serve: AWS service integrations', () => {
  it("answer the document's example through the integration response's template, and say so", async () => {
    const response = await fetch(`${server.url}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"order": 1}',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toStrictEqual({ id: '5fea7756-0ea4-451a-a703-a558b933e274' });
    expect(response.headers.get('x-apigw-gen-mock')).toMatch(/^awsService: answered from the document/);
  });
});
