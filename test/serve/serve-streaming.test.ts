import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApi } from '../../src/index.js';
import { LocalGateway } from '../../src/serve/gateway.js';
import { LambdaHandlers } from '../../src/serve/lambda-proxy.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { compile, writeHandlers } from '../support/handlers-package.js';
import { fixturesRoot } from '../support/paths.js';

/**
 * Lambda proxy integrations for response streaming (`…/response-streaming-invocations`,
 * `responseTransferMode: STREAM`) under `serve`, over real HTTP on 127.0.0.1. The function is
 * written as the guide's examples are: `awslambda.streamifyResponse`, metadata through
 * `awslambda.HttpResponseStream.from` (status code, headers, multi-value headers, cookies), then
 * the payload in parts. Its metadata makes the answer's status and headers and its writes the
 * body; a stream without the metadata and delimiter API Gateway requires is no valid response.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode-lambda.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/response-streaming-lambda-configure.html
 */

const FUNCTIONS = {
  'my-function-name': `export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
  const metadata = {
    statusCode: 201,
    headers: { 'x-foo': 'bar', 'content-type': 'text/plain' },
    multiValueHeaders: { 'x-mv1': ['hello', 'world'] },
    cookies: ['c1=blue', 'c2=red'],
  };
  responseStream.setContentType('application/vnd.awslambda.http-integration-response');
  responseStream = awslambda.HttpResponseStream.from(responseStream, metadata);
  responseStream.write('First payload ');
  await new Promise((resolve) => setTimeout(resolve, 20));
  responseStream.write('for ' + event.path);
  responseStream.end();
});`,
  'raw-stream': `export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
  responseStream.write('no metadata');
  responseStream.end();
});`,
};

let server: RunningServer;
let handlers: LambdaHandlers;

beforeAll(async () => {
  const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-streaming-'));
  writeFileSync(join(folder, 'package.json'), '{ "type": "module" }\n');
  for (const [name, source] of Object.entries(FUNCTIONS)) {
    mkdirSync(join(folder, 'dist/functions', name), { recursive: true });
    writeFileSync(join(folder, 'dist/functions', name, 'index.js'), `${source}\n`);
  }
  const { model, document } = await loadApi(join(fixturesRoot, 'serve/rest-streaming.yaml'));
  handlers = new LambdaHandlers(model, folder);
  const gateway = new LocalGateway(model, { document, stage: 'dev', handlers });
  server = await startServer(gateway, { port: 0, host: '127.0.0.1', log: () => {} });
});

afterAll(async () => {
  await server.close();
  await handlers.close();
});

describe('serve: Lambda response streaming', () => {
  it('answers with the streamed metadata (status, headers, cookies) and the payload written in parts', async () => {
    const response = await fetch(`${server.url}/stream`);
    expect({
      status: response.status,
      foo: response.headers.get('x-foo'),
      multiValue: response.headers.get('x-mv1'),
      cookies: response.headers.getSetCookie(),
      body: await response.text(),
    }).toStrictEqual({
      status: 201,
      foo: 'bar',
      multiValue: 'hello, world',
      cookies: ['c1=blue', 'c2=red'],
      body: 'First payload for /stream',
    });
  });

  it('answers 500 for a stream without metadata, as API Gateway does (response-transfer-mode-lambda.html: "return a 500 error response")', async () => {
    const response = await fetch(`${server.url}/no-metadata`);
    expect({ status: response.status, body: await response.text() }).toStrictEqual({
      status: 500,
      body: '{"message": "Internal server error"}',
    });
  });
});

describe('handlers: functions invoked for response streaming', () => {
  let out: string;
  let generated: { server: RunningServer; handlers: LambdaHandlers } | undefined;

  beforeAll(async () => {
    ({ out } = await writeHandlers(join(fixturesRoot, 'serve/rest-streaming.yaml')));
    const errors = await compile(out);
    if (errors !== '') throw new Error(`the handlers do not compile:\n${errors}`);
    const { model, document } = await loadApi(join(fixturesRoot, 'serve/rest-streaming.yaml'));
    const functions = new LambdaHandlers(model, out);
    const gateway = new LocalGateway(model, { document, stage: 'dev', handlers: functions });
    generated = { server: await startServer(gateway, { port: 0, host: '127.0.0.1', log: () => {} }), handlers: functions };
  }, 120_000);

  afterAll(async () => {
    await generated?.server.close();
    await generated?.handlers.close();
  });

  it('wraps the router with awslambda.streamifyResponse, which serve runs: a stub answers 501', async () => {
    expect(readFileSync(join(out, 'src/functions/my-function-name/handler.gen.ts'), 'utf8')).toContain('Runtime.streamingRestHandler(');
    const response = await fetch(`${generated!.server.url}/stream`);
    expect({ status: response.status, body: await response.json() }).toStrictEqual({
      status: 501,
      body: { message: 'getStream is not implemented yet.' },
    });
  });

  it("passes the stub's example test, which reads the streamed answer outside Lambda", async () => {
    const run = await promisify(execFile)(process.execPath, ['--test', join(out, 'dist/functions/my-function-name/get-stream.test.js')], {
      cwd: out,
    }).then(
      () => 'passed',
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(run).toBe('passed');
  });
});
