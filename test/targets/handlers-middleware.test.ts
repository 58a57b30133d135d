import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { writePlan, type PlannedFile } from '../../src/emit/write-plan.js';
import { compile, replaceFiles, writeHandlers } from '../support/handlers-package.js';
import { fixturesRoot, repoRoot } from '../support/paths.js';

/**
 * The bookstore handlers (fixtures/specs/valid/rest-lambda-proxy.yaml) with getBook implemented
 * behind Powertools interceptors (real Logger, Tracer and Metrics) and the function's entry point
 * wrapped by Middy, compiled with the package's tsconfig and invoked in a fresh Node.js process
 * with the REST API sample event of fixtures/events; the orders handlers of an HTTP API
 * (fixtures/specs/valid/http-api.yaml) wrapped by Middy with Powertools' own Middy middlewares
 * around our interceptors, invoked with the HTTP API sample event; and the example tests
 * generated for the stubs, run as the package's `npm test` runs them.
 * The sample events are shaped after the AWS documentation's:
 * payload 1.0, https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format;
 * payload 2.0, https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html.
 */

const run = promisify(execFile);

/** Links packages the test's implementation imports, from this repository's node_modules, as `npm install` would. */
function linkPackages(out: string, names: readonly string[]): void {
  for (const name of names) {
    const link = join(out, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(repoRoot, 'node_modules', name), link, 'dir');
  }
}

const implementations = {
  'src/functions/bookstore-books/observability.ts': `import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

export const logger = new Logger({ serviceName: 'bookstore' });
export const tracer = new Tracer({ serviceName: 'bookstore' });
export const metrics = new Metrics({ namespace: 'Bookstore', serviceName: 'bookstore' });
export { MetricUnit };
`,
  'src/functions/bookstore-books/get-book.ts': `import { captureOperation, injectLogger, logMetrics, mapErrors, ResponseError, withInterceptors } from '../../runtime/middleware.js';
import { logger, metrics, MetricUnit, tracer } from './observability.js';
import { GetBookResponses, type GetBookHandler } from './operations.gen.js';

export const getBook: GetBookHandler = withInterceptors(
  ({ path }) => {
    logger.info('reading a book');
    metrics.addMetric('booksRead', MetricUnit.Count, 1);
    if (path.bookId !== '42') throw new ResponseError(GetBookResponses.notFound({ message: \`no book \${path.bookId}\` }));
    return GetBookResponses.ok({ id: path.bookId, title: 'A Wizard of Earthsea', author: 'Ursula K. Le Guin' });
  },
  mapErrors(),
  injectLogger(logger),
  captureOperation(tracer),
  logMetrics(metrics),
);
`,
  'src/functions/bookstore-books/index.ts': `import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { handler as routed } from './handler.gen.js';
import { logger } from './observability.js';

/** The router wrapped by Middy: Powertools' own middleware, and one of ours that marks answers. */
export const handler = middy(routed)
  .use(injectLambdaContext(logger))
  .use({
    after: (request) => {
      request.response = { ...request.response!, headers: { ...request.response!.headers, 'X-Middy': 'after' } };
    },
  });
`,
  // Runs the function in a fresh process, inside an X-Ray facade segment when asked, and prints the result and the segment.
  'invoke.mjs': `import { readFileSync } from 'node:fs';
import process from 'node:process';
import xray from 'aws-xray-sdk-core';
import { handler } from './dist/functions/bookstore-books/index.js';
import { tracer } from './dist/functions/bookstore-books/observability.js';

const [eventFile, bookId, traced] = process.argv.slice(2);
const event = JSON.parse(readFileSync(eventFile, 'utf8'));
event.pathParameters = { bookId };
const context = { awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678', functionName: 'bookstore-books', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:bookstore-books', memoryLimitInMB: '128', logGroupName: '/aws/lambda/bookstore-books', logStreamName: 's', getRemainingTimeInMillis: () => 3000 };
const facade = new xray.Segment('facade');
const result = traced === 'traced'
  ? await xray.getNamespace().runPromise(() => { tracer.setSegment(facade); return handler(event, context); })
  : await handler(event, context);
process.stdout.write(JSON.stringify({ result, segment: JSON.parse(facade.format()) }) + '\\n');
`,
};

const baseEnvironment = { PATH: process.env.PATH ?? '', AWS_REGION: 'us-east-1', AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR' };

/** Each line of the output as JSON (Powertools writes one JSON document per line). */
function lines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('handler middleware with Powertools and Middy', () => {
  let out: string;
  let files: PlannedFile[];
  const eventFile = join(repoRoot, 'fixtures/events/rest-api/get-book.json');
  const invoke = async (bookId: string, environment: Record<string, string>) =>
    lines(
      (
        await run(process.execPath, ['invoke.mjs', eventFile, bookId, environment.POWERTOOLS_TRACE_ENABLED === 'false' ? '' : 'traced'], {
          cwd: out,
          env: { ...baseEnvironment, ...environment },
        })
      ).stdout,
    );

  beforeAll(async () => {
    ({ out, files } = await writeHandlers(join(fixturesRoot, 'valid/rest-lambda-proxy.yaml')));
    replaceFiles(out, implementations);
    linkPackages(out, [
      '@middy/core',
      '@aws-lambda-powertools/logger',
      '@aws-lambda-powertools/metrics',
      '@aws-lambda-powertools/tracer',
      'aws-xray-sdk-core',
    ]);
    const diagnostics = await compile(out);
    if (diagnostics !== '') throw new Error(`the package does not compile:\n${diagnostics}`);
  }, 120_000);

  it('logs with the request ids and the operation, flushes EMF metrics per operation and status, and runs in a subsegment', async () => {
    // The tracer traces only inside Lambda, which it tells by the runtime's AWS_EXECUTION_ENV:
    // https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
    const output = await invoke('42', { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x' });
    const { result, segment } = output.at(-1) as { result: Record<string, unknown>; segment: { subsegments?: Record<string, unknown>[] } };
    expect(result, `answer, through Middy`).toStrictEqual({
      statusCode: 200,
      headers: { 'Content-Type': 'application/json', 'X-Middy': 'after' },
      body: JSON.stringify({ id: '42', title: 'A Wizard of Earthsea', author: 'Ursula K. Le Guin' }),
      isBase64Encoded: false,
    });
    // Powertools' log keys: https://docs.powertools.aws.dev/lambda/typescript/latest/core/logger/#standard-structured-keys
    const log = output.find((line) => line.message === 'reading a book');
    expect(log, `log line`).toMatchObject({
      level: 'INFO',
      service: 'bookstore',
      function_request_id: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
      operation: 'getBook',
      apiRequestId: '77375676-xmpl-4b79-853a-f982474efe18',
    });
    // EMF: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
    const emf = output.filter((line) => '_aws' in line);
    expect(
      emf.find((line) => 'response' in line),
      `response metric`,
    ).toMatchObject({
      _aws: {
        CloudWatchMetrics: [
          { Namespace: 'Bookstore', Dimensions: [['service', 'operation', 'status']], Metrics: [{ Name: 'response', Unit: 'Count' }] },
        ],
      },
      service: 'bookstore',
      operation: 'getBook',
      status: '200',
      response: 1,
    });
    expect(
      emf.find((line) => 'booksRead' in line),
      `the implementation's metric, flushed`,
    ).toMatchObject({ booksRead: 1 });
    // X-Ray segment documents: https://docs.aws.amazon.com/xray/latest/devguide/xray-api-segmentdocuments.html
    expect(segment.subsegments, `subsegment`).toMatchObject([{ name: '## getBook', annotations: { operation: 'getBook', status: 200 } }]);
    expect(segment.subsegments?.[0]?.end_time, `closed`).toEqual(expect.any(Number));
  });

  it('answers a thrown ResponseError with its declared response, and runs with tracing off (POWERTOOLS_TRACE_ENABLED=false)', async () => {
    const output = await invoke('7', { POWERTOOLS_TRACE_ENABLED: 'false' });
    const { result, segment } = output.at(-1) as { result: Record<string, unknown>; segment: Record<string, unknown> };
    expect(result, `answer`).toMatchObject({ statusCode: 404, body: JSON.stringify({ message: 'no book 7' }) });
    expect(segment.subsegments, `no subsegment`).toBeUndefined();
    expect(
      output.find((line) => 'response' in line),
      `404 counted`,
    ).toMatchObject({ operation: 'getBook', status: '404' });
  });

  it('generates an example test per stub that runs with node:test, fails once the stub answers otherwise, and is never overwritten', async () => {
    const stubs = files.filter((file) => file.path.endsWith('.test.ts'));
    expect(stubs.length, `one per proxy operation`).toBe(8);
    expect(
      stubs.every((file) => file.ownership === 'scaffold'),
      `the user's`,
    ).toBe(true);
    const testRun = await run(process.execPath, ['--test', 'dist/'], { cwd: out, env: baseEnvironment }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
    // getBook is implemented (200): its example test, which expects the stub's 501, fails; the other seven pass.
    expect(
      { code: testRun.code, pass: /# pass (\d+)/.exec(testRun.stdout)?.[1], fail: /# fail (\d+)/.exec(testRun.stdout)?.[1] },
      `run`,
    ).toStrictEqual({
      code: 1,
      pass: '7',
      fail: '1',
    });
    expect(testRun.stdout, `the failing test`).toMatch(
      /^not ok \d+ - getBook \(GET \/books\/\{bookId\}\) answers 501 until it is implemented$/m,
    );
    const edited = join(out, 'src/functions/bookstore-books/get-book.test.ts');
    const source = readFileSync(edited, 'utf8').replace(
      'assert.equal(response.statusCode, 501);',
      'assert.equal(response.statusCode, 200);',
    );
    writeFileSync(edited, source);
    const again = writePlan(out, files);
    expect(again.kept, `kept`).toContain('src/functions/bookstore-books/get-book.test.ts');
    expect(readFileSync(edited, 'utf8'), `unchanged`).toBe(source);
  });
});

/** getOrder behind our interceptors; the entry point wrapped by Middy with Powertools' own middlewares (tracer, metrics, logger). */
const httpImplementations = {
  'src/functions/orders/observability.ts': `import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

export const logger = new Logger({ serviceName: 'orders' });
export const tracer = new Tracer({ serviceName: 'orders' });
export const metrics = new Metrics({ namespace: 'Orders', serviceName: 'orders' });
export { MetricUnit };
`,
  'src/functions/orders/get-order.ts': `import { captureOperation, injectLogger, mapErrors, withInterceptors } from '../../runtime/middleware.js';
import { logger, metrics, MetricUnit, tracer } from './observability.js';
import { GetOrderResponses, type GetOrderHandler } from './operations.gen.js';

export const getOrder: GetOrderHandler = withInterceptors(
  ({ path, event }) => {
    logger.info('reading an order', { subject: event.requestContext.authorizer.jwt.claims.sub });
    metrics.addMetric('ordersRead', MetricUnit.Count, 1);
    return GetOrderResponses.ok({ id: path.orderId });
  },
  mapErrors(),
  // Powertools' injectLambdaContext (index.ts) adds the Lambda context: only the operation's keys here.
  injectLogger(logger, { lambdaContext: false }),
  captureOperation(tracer),
);
`,
  'src/functions/orders/index.ts': `import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { handler as routed } from './handler.gen.js';
import { logger, metrics, tracer } from './observability.js';

export const handler = middy(routed)
  .use(captureLambdaHandler(tracer))
  .use(logMetrics(metrics, { captureColdStartMetric: true }))
  .use(injectLambdaContext(logger));
`,
  'invoke.mjs': `import { readFileSync } from 'node:fs';
import process from 'node:process';
import xray from 'aws-xray-sdk-core';
import { handler } from './dist/functions/orders/index.js';
import { tracer } from './dist/functions/orders/observability.js';

const event = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const context = { awsRequestId: '3f8a1c2e-9b7d-4e6f-8a5b-1c2d3e4f5a6b', functionName: 'orders', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders', memoryLimitInMB: '128', logGroupName: '/aws/lambda/orders', logStreamName: 's', getRemainingTimeInMillis: () => 3000 };
const facade = new xray.Segment('facade');
const result = await xray.getNamespace().runPromise(() => { tracer.setSegment(facade); return handler(event, context); });
process.stdout.write(JSON.stringify({ result, segment: JSON.parse(facade.format()) }) + '\\n');
`,
};

describe('an HTTP API handler (payload 2.0) wrapped by Middy with Powertools middlewares around the interceptors', () => {
  let out: string;

  beforeAll(async () => {
    ({ out } = await writeHandlers(join(fixturesRoot, 'valid/http-api.yaml')));
    replaceFiles(out, httpImplementations);
    linkPackages(out, [
      '@middy/core',
      '@aws-lambda-powertools/logger',
      '@aws-lambda-powertools/metrics',
      '@aws-lambda-powertools/tracer',
      'aws-xray-sdk-core',
    ]);
    const diagnostics = await compile(out);
    if (diagnostics !== '') throw new Error(`the package does not compile:\n${diagnostics}`);
  }, 120_000);

  it('logs with the request ids, traces the operation inside the handler subsegment, and publishes the cold start and the implementation metrics', async () => {
    const { stdout } = await run(process.execPath, ['invoke.mjs', join(repoRoot, 'fixtures/events/http-api/get-order-jwt.json')], {
      cwd: out,
      // The runtime sets _HANDLER (the handler setting), which names Powertools' subsegment, and
      // AWS_LAMBDA_INITIALIZATION_TYPE, by which Powertools tells a cold start:
      // https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
      env: {
        ...baseEnvironment,
        AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x',
        AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
        _HANDLER: 'functions/orders/index.handler',
      },
    });
    const output = lines(stdout);
    const { result, segment } = output.at(-1) as { result: Record<string, unknown>; segment: { subsegments?: Record<string, unknown>[] } };
    expect(result, `answer`).toStrictEqual({
      statusCode: 200,
      // The document's x-amazon-apigateway-cors, for the sample event's Origin.
      headers: {
        'Content-Type': 'application/json',
        'Access-Control-Allow-Origin': 'https://shop.example.org',
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Expose-Headers': 'x-request-id',
      },
      body: JSON.stringify({ id: 'o-17' }),
      isBase64Encoded: false,
    });
    // Powertools' log keys: https://docs.powertools.aws.dev/lambda/typescript/latest/core/logger/#standard-structured-keys
    expect(
      output.find((line) => line.message === 'reading an order'),
      `log line`,
    ).toMatchObject({
      level: 'INFO',
      service: 'orders',
      function_request_id: '3f8a1c2e-9b7d-4e6f-8a5b-1c2d3e4f5a6b',
      cold_start: true,
      operation: 'getOrder',
      apiRequestId: 'JKJaXmPLvHcESHA=',
      subject: 'user-42',
    });
    // EMF: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
    const emf = output.filter((line) => '_aws' in line);
    expect(
      emf.find((line) => 'ColdStart' in line),
      `cold start metric`,
    ).toMatchObject({ function_name: 'orders', service: 'orders', ColdStart: 1 });
    expect(
      emf.find((line) => 'ordersRead' in line),
      `the implementation's metric`,
    ).toMatchObject({ service: 'orders', ordersRead: 1 });
    // X-Ray segment documents: https://docs.aws.amazon.com/xray/latest/devguide/xray-api-segmentdocuments.html
    expect(segment.subsegments, `subsegments`).toMatchObject([
      {
        name: '## functions/orders/index.handler',
        annotations: { ColdStart: true, Service: 'orders' },
        subsegments: [{ name: '## getOrder', annotations: { operation: 'getOrder', status: 200 } }],
      },
    ]);
  });
});
