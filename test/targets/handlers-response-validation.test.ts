import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { generate, handlers } from '../../src/index.js';
import { compile, replaceFiles, writeHandlers } from '../support/handlers-package.js';
import { lambdaContext } from '../support/lambda-context.js';
import { fixturesRoot, repoRoot } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

/**
 * Response validation (off by default, for tests and development): the orders handlers
 * (fixtures/specs/valid/rest-request-validation.yaml) with createOrder and listOrders
 * implemented to answer whatever body a test sets, compiled with the package's strict tsconfig
 * and invoked with the REST API sample event of fixtures/events (shaped after the AWS
 * documentation's: https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format).
 * Options reach the generator from the library, the CLI and the config file.
 */

type RestHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

const document = join(fixturesRoot, 'valid/rest-request-validation.yaml');
const folder = 'src/functions/orders-function';

/** Implementations that answer the body the test sets in `next`. */
const implementations = {
  [`${folder}/next-answer.ts`]: `export const next: { body: unknown } = { body: undefined };\n`,
  [`${folder}/create-order.ts`]: `import type * as Models from '../../models.gen.js';
import { next } from './next-answer.js';
import type { CreateOrderHandler } from './operations.gen.js';

export const createOrder: CreateOrderHandler = () => ({ statusCode: 201, body: next.body as Models.Order });
`,
  [`${folder}/list-orders.ts`]: `import type * as Models from '../../models.gen.js';
import { next } from './next-answer.js';
import type { ListOrdersHandler } from './operations.gen.js';

export const listOrders: ListOrdersHandler = () => ({ statusCode: 200, body: next.body as Models.Order[] });
`,
};

interface Built {
  handler: RestHandler;
  next: { body: unknown };
  files: Map<string, string>;
}

async function build(options: Parameters<typeof writeHandlers>[1]): Promise<Built> {
  const { out, files } = await writeHandlers(document, options);
  replaceFiles(out, implementations);
  const errors = await compile(out);
  if (errors !== '') throw new Error(`the handlers do not compile:\n${errors}`);
  const load = async <T>(path: string) => (await import(pathToFileURL(join(out, 'dist/functions/orders-function', path)).href)) as T;
  return {
    handler: (await load<{ handler: RestHandler }>('handler.gen.js')).handler,
    next: (await load<{ next: { body: unknown } }>('next-answer.js')).next,
    files: new Map(files.map((file) => [file.path, file.contents])),
  };
}

const sample = JSON.parse(readFileSync(join(repoRoot, 'fixtures/events/rest-api/get-book.json'), 'utf8')) as APIGatewayProxyEvent;
const headers = { ...sample.headers, 'Content-Type': 'application/json', 'X-Client': 'web', 'X-Tenant': 'acme' };
const createEvent: APIGatewayProxyEvent = {
  ...sample,
  resource: '/orders',
  path: '/orders',
  httpMethod: 'POST',
  pathParameters: null,
  headers,
  multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
  queryStringParameters: { tenant: 't1', status: 'open' },
  multiValueQueryStringParameters: { tenant: ['t1'], status: ['open'] },
  body: JSON.stringify({ customer: 'Ann', items: [{ sku: 'AB1' }] }),
  requestContext: { ...sample.requestContext, resourcePath: '/orders', httpMethod: 'POST', path: '/prod/orders' },
};
const listEvent: APIGatewayProxyEvent = {
  ...createEvent,
  httpMethod: 'GET',
  body: null,
  requestContext: { ...createEvent.requestContext, httpMethod: 'GET' },
};

const ORDER = { customer: 'Ann', items: [{ sku: 'AB1', quantity: 2 }] };
const WRONG_SKU = { customer: 'Ann', items: [{ sku: 'ab1' }] };

let on: Built;
let off: Built;
let responsesOnly: Built;

beforeAll(async () => {
  [on, off, responsesOnly] = await Promise.all([
    build({ responseValidation: true }),
    build({}),
    build({ responseValidation: true, validation: 'off' }),
  ]);
}, 180_000);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('response validation on', () => {
  it('lets an answer that matches its declared schema through', async () => {
    on.next.body = ORDER;
    const answer = await on.handler(createEvent, lambdaContext());
    expect({ status: answer.statusCode, body: JSON.parse(answer.body) as unknown }, `answer`).toStrictEqual({ status: 201, body: ORDER });
  });

  it('answers 500 naming the operation, the status and the JSON pointer at fault, and logs it with the request id', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    on.next.body = WRONG_SKU;
    const answer = await on.handler(createEvent, lambdaContext('r-201'));
    const expected =
      'createOrder answered 201 with a body that does not match the schema of its 201 response, at "/items/0/sku": must match pattern "^[A-Z]{2}[0-9]+$".';
    expect({ status: answer.statusCode, body: JSON.parse(answer.body) as unknown }, `answer`).toStrictEqual({
      status: 500,
      body: { message: `Response validation: ${expected}` },
    });
    expect(log.mock.calls, `log`).toStrictEqual([[`Response validation (request r-201): ${expected}`]]);
  });

  it('checks arrays item by item, and a missing body against its schema', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    on.next.body = [ORDER, { customer: 'Bo', items: [] }];
    const list = await on.handler(listEvent, lambdaContext());
    expect(JSON.parse(list.body), `empty items`).toStrictEqual({
      message:
        'Response validation: listOrders answered 200 with a body that does not match the schema of its 200 response, at "/1/items": must NOT have fewer than 1 items.',
    });
    on.next.body = undefined;
    const missing = await on.handler(createEvent, lambdaContext());
    expect(JSON.parse(missing.body), `no body`).toStrictEqual({
      message:
        'Response validation: createOrder answered 201 with a body that does not match the schema of its 201 response, at "": must be object.',
    });
  });

  it('compiles response schemas into the validators, shared with the request bodies that use them, even with request validation off', () => {
    const router = on.files.get(`${folder}/handler.gen.ts`)!;
    expect(router, `createOrder's 201`).toContain(`responseSchemas: {\n      '201': Validators.OrderSchema,\n    },`);
    expect(router, `listOrders' 200`).toContain(`responseSchemas: {\n      '200': Validators.listOrdersResponse200,\n    },`);
    const onlyResponses = responsesOnly.files.get(`${folder}/handler.gen.ts`)!;
    expect(onlyResponses, `no request validation`).not.toContain('validation: {');
    expect(onlyResponses, `response validation`).toContain(`'201': Validators.OrderSchema,`);
  });

  it('with request validation off, still checks answers', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    responsesOnly.next.body = WRONG_SKU;
    expect((await responsesOnly.handler(createEvent, lambdaContext())).statusCode, `status`).toBe(500);
  });
});

describe('response validation off (the default)', () => {
  it('passes a wrong answer through as it is', async () => {
    off.next.body = WRONG_SKU;
    const answer = await off.handler(createEvent, lambdaContext());
    expect({ status: answer.statusCode, body: JSON.parse(answer.body) as unknown }, `answer`).toStrictEqual({
      status: 201,
      body: WRONG_SKU,
    });
  });

  it('leaves response schemas out of the generated code', () => {
    expect(off.files.get(`${folder}/handler.gen.ts`), `router`).not.toContain('responseSchemas');
    expect(off.files.get(`${folder}/validators.gen.ts`), `validators`).not.toContain('Response200');
  });
});

describe('response validation options', () => {
  const routerOf = (out: string) => readFileSync(join(out, folder, 'handler.gen.ts'), 'utf8');
  const fresh = () => mkdtempSync(join(tmpdir(), 'apigw-gen-response-validation-'));

  it('is a library option (handlers) and a CLI flag (--response-validation)', async () => {
    const library = join(fresh(), 'api');
    await handlers({ document, out: library, responseValidation: true });
    expect(routerOf(library), `library`).toContain(`'201': Validators.OrderSchema`);
    const cli = join(fresh(), 'api');
    expect((await runCli(['handlers', document, '-o', cli, '--response-validation'])).code, `exit code`).toBe(0);
    expect(routerOf(cli), `CLI`).toContain(`'201': Validators.OrderSchema`);
  });

  it('is read from the config file with the validation mode and per-operation opt-out, by generate (library and CLI)', async () => {
    const root = fresh();
    const config = {
      targets: [
        { type: 'handlers', document, out: 'library', responseValidation: true, validation: 'all', skipValidation: ['listOrders'] },
        { type: 'handlers', document, out: 'off', validation: 'off' },
      ],
    };
    writeFileSync(join(root, 'apigw-gen.config.json'), JSON.stringify(config));
    await generate({ config: join(root, 'apigw-gen.config.json') });
    const router = routerOf(join(root, 'library'));
    // `all` validates cancelOrder's required query string, which its own validator (`none`) does not.
    expect(router, `validation: all`).toContain(`validation: {\n      query: ['reason'],\n    },\n    implementation: cancelOrder,`);
    expect(router, `skipValidation: listOrders`).not.toContain(`Validators.listOrdersResponse200`);
    expect(router, `responseValidation`).toContain(`'201': Validators.OrderSchema`);
    expect(routerOf(join(root, 'off')), `validation: off`).not.toContain('Validators.');

    config.targets[1] = { ...config.targets[0]!, out: 'cli' };
    writeFileSync(join(root, 'apigw-gen.config.json'), JSON.stringify(config));
    expect((await runCli(['generate', '--config', join(root, 'apigw-gen.config.json')])).code, `exit code`).toBe(0);
    expect(routerOf(join(root, 'cli')), `CLI`).toBe(router);
  });

  it('refuses a config whose skipValidation names no operation, or whose validation mode is unknown, at the key', async () => {
    const root = fresh();
    const path = join(root, 'apigw-gen.config.json');
    writeFileSync(path, JSON.stringify({ targets: [{ type: 'handlers', document, out: 'api', skipValidation: ['listorders'] }] }, null, 2));
    const unknownId = await runCli(['generate', '--config', path]);
    expect({ code: unknownId.code, stderr: unknownId.stderr }, `unknown operation`).toStrictEqual({
      code: 2,
      stderr: `apigw-gen: invalid config ${path} (1 problem):\n  ${path}:8:9  /targets/0/skipValidation/0: names no operation of ${relative(process.cwd(), document)} (give operationIds)\n`,
    });
    writeFileSync(path, JSON.stringify({ targets: [{ type: 'handlers', document, out: 'api', validation: 'some' }] }, null, 2));
    const badMode = await runCli(['generate', '--config', path]);
    expect(badMode.code, `bad mode`).toBe(2);
    expect(badMode.stderr, `bad mode`).toContain('/targets/0/validation');
  });
});
