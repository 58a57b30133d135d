import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  APIGatewayProxyResult,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { compile, replaceFiles, writeHandlers } from '../support/handlers-package.js';
import { lambdaContext } from '../support/lambda-context.js';
import { fixturesRoot, repoRoot } from '../support/paths.js';

/**
 * Generated routers, compiled with their package's tsconfig and imported as JavaScript, answer
 * real-shaped proxy events (fixtures/events, after the AWS documentation's samples): REST API
 * events (payload 1.0) for the bookstore fixture, HTTP API events (payload 2.0) for the orders
 * fixture. Some stubs are replaced by implementations, others stay as generated.
 */

type RestHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;
type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

function event<T>(name: string, changes: Partial<T> = {}): T {
  const sample = JSON.parse(readFileSync(join(repoRoot, 'fixtures/events', name), 'utf8')) as T;
  return { ...sample, ...changes };
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x80];
const SECRET = 'db-password-hunter2';

/** Implementations of some bookstore stubs; the others answer 501. */
const bookstoreImplementations = {
  'src/functions/bookstore-books/get-book.ts': `import type { GetBookHandler } from './operations.gen.js';

export const getBook: GetBookHandler = async ({ path, event }) => {
  if (path.bookId !== '42') return { statusCode: 404, body: { message: \`no book \${path.bookId}\` } };
  return {
    statusCode: 200,
    body: { id: path.bookId, title: 'A Wizard of Earthsea', author: 'Ursula K. Le Guin', price: 9.5 },
    headers: { 'X-Request-Id': event.requestContext.requestId, 'X-Editions': [1968, 2012] },
  };
};
`,
  'src/functions/bookstore-books/get-cover.ts': `import type { GetCoverHandler } from './operations.gen.js';

export const getCover: GetCoverHandler = () => ({ statusCode: 200, body: new Uint8Array(${JSON.stringify(PNG)}) });
`,
  'src/functions/bookstore-books/put-cover.ts': `import type { PutCoverHandler } from './operations.gen.js';

/** Bodies received, for the test to read. */
export const received: Uint8Array[] = [];

export const putCover: PutCoverHandler = ({ body }) => {
  received.push(body);
  return { statusCode: 204 };
};
`,
  'src/functions/books-function/list-books.ts': `import type { ListBooksHandler } from './operations.gen.js';

export const listBooks: ListBooksHandler = ({ query }) => ({
  statusCode: 200,
  body: { items: [], nextToken: JSON.stringify({ author: query.author, limit: query.limit, limitType: typeof query.limit }) },
});
`,
  'src/functions/books-function/create-book.ts': `import type { CreateBookHandler } from './operations.gen.js';

export const createBook: CreateBookHandler = async ({ body }) => {
  throw new Error(\`cannot store \${body.title}: connection refused with ${SECRET}\`);
};
`,
};

const ordersImplementations = {
  'src/functions/orders/get-order.ts': `import type { GetOrderHandler } from './operations.gen.js';

export const getOrder: GetOrderHandler = ({ path, event }) => ({
  statusCode: 200,
  body: { orderId: path.orderId, owner: event.requestContext.authorizer.jwt.claims.sub, cookies: event.cookies },
  cookies: ['last-order=o-17; Secure; HttpOnly'],
});
`,
};

interface Bookstore {
  books: RestHandler;
  booksFunction: RestHandler;
  catalog: RestHandler;
  received: Uint8Array[];
}

let bookstore: Bookstore;
let orders: HttpHandler;
const context = lambdaContext();

async function importFrom<T>(out: string, path: string): Promise<T> {
  return (await import(pathToFileURL(join(out, 'dist', path)).href)) as T;
}

beforeAll(async () => {
  const [rest, http] = await Promise.all([
    writeHandlers(join(fixturesRoot, 'valid/rest-lambda-proxy.yaml')),
    writeHandlers(join(fixturesRoot, 'valid/http-api.yaml')),
  ]);
  replaceFiles(rest.out, bookstoreImplementations);
  replaceFiles(http.out, ordersImplementations);
  const diagnostics = (await Promise.all([compile(rest.out), compile(http.out)])).join('');
  // The implementations above compile against the generated types, or nothing below can run.
  if (diagnostics !== '') throw new Error(`the handlers packages do not compile:\n${diagnostics}`);
  bookstore = {
    books: (await importFrom<{ handler: RestHandler }>(rest.out, 'functions/bookstore-books/index.js')).handler,
    booksFunction: (await importFrom<{ handler: RestHandler }>(rest.out, 'functions/books-function/index.js')).handler,
    catalog: (await importFrom<{ handler: RestHandler }>(rest.out, 'functions/catalog/index.js')).handler,
    received: (await importFrom<{ received: Uint8Array[] }>(rest.out, 'functions/bookstore-books/put-cover.js')).received,
  };
  orders = (await importFrom<{ handler: HttpHandler }>(http.out, 'functions/orders/index.js')).handler;
}, 120_000);

afterEach(() => {
  vi.restoreAllMocks();
});

function jsonBody(result: { body?: string }): unknown {
  return JSON.parse(result.body ?? '');
}

describe('a generated REST API router (payload 1.0)', () => {
  it('dispatches on resource and method, and serializes the typed result as JSON with its headers', async () => {
    const result = await bookstore.books(event<APIGatewayProxyEvent>('rest-api/get-book.json'), context);
    expect(result).toStrictEqual({
      statusCode: 200,
      headers: { 'X-Request-Id': '77375676-xmpl-4b79-853a-f982474efe18', 'X-Editions': '1968,2012', 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: '42', title: 'A Wizard of Earthsea', author: 'Ursula K. Le Guin', price: 9.5 }),
      isBase64Encoded: false,
    });
    const missing = await bookstore.books(
      event<APIGatewayProxyEvent>('rest-api/get-book.json', { pathParameters: { bookId: '7' } }),
      context,
    );
    expect({ statusCode: missing.statusCode, body: jsonBody(missing) }).toStrictEqual({ statusCode: 404, body: { message: 'no book 7' } });
  });

  it('answers 501 from a fresh stub, and routes each method of a resource to its own operation', async () => {
    const body = JSON.stringify({ title: 'Tehanu', author: 'Ursula K. Le Guin' });
    for (const httpMethod of ['PUT', 'DELETE']) {
      const changes =
        httpMethod === 'PUT' ? { httpMethod, body, headers: { 'content-type': 'application/json; charset=utf-8' } } : { httpMethod };
      const result = await bookstore.books(event<APIGatewayProxyEvent>('rest-api/get-book.json', changes), context);
      const operation = httpMethod === 'PUT' ? 'updateBook' : 'deleteBook';
      expect({ statusCode: result.statusCode, body: jsonBody(result) }).toStrictEqual({
        statusCode: 501,
        body: { message: `${operation} is not implemented yet.` },
      });
    }
  });

  it('routes every method of an x-amazon-apigateway-any-method resource to its operation', async () => {
    for (const httpMethod of ['GET', 'PATCH', 'DELETE']) {
      const result = await bookstore.catalog(
        event<APIGatewayProxyEvent>('rest-api/get-book.json', {
          httpMethod,
          resource: '/catalog/{proxy+}',
          pathParameters: { proxy: 'a/b' },
        }),
        context,
      );
      expect({ statusCode: result.statusCode, body: jsonBody(result) }).toStrictEqual({
        statusCode: 501,
        body: { message: 'catalogProxy is not implemented yet.' },
      });
    }
  });

  it('converts query parameters to their declared types', async () => {
    const result = await bookstore.booksFunction(event<APIGatewayProxyEvent>('rest-api/list-books.json'), context);
    expect(result.statusCode).toBe(200);
    expect(JSON.parse((jsonBody(result) as { nextToken: string }).nextToken)).toStrictEqual({
      author: 'Ursula K. Le Guin',
      limit: 5,
      limitType: 'number',
    });
  });

  it('answers 400 with a JSON message when a parameter does not fit its type or is missing, without calling the implementation', async () => {
    const badLimit = await bookstore.booksFunction(
      event<APIGatewayProxyEvent>('rest-api/list-books.json', {
        queryStringParameters: { limit: 'five' },
        multiValueQueryStringParameters: { limit: ['five'] },
      }),
      context,
    );
    expect({ statusCode: badLimit.statusCode, headers: badLimit.headers, body: jsonBody(badLimit) }).toStrictEqual({
      statusCode: 400,
      headers: { 'Content-Type': 'application/json' },
      body: { message: 'Invalid request parameters.', errors: ['query parameter "limit" must be an integer'] },
    });
    const noPath = await bookstore.books(event<APIGatewayProxyEvent>('rest-api/get-book.json', { pathParameters: null }), context);
    expect({ statusCode: noPath.statusCode, body: jsonBody(noPath) }).toStrictEqual({
      statusCode: 400,
      body: { message: 'Invalid request parameters.', errors: ['path parameter "bookId" is required'] },
    });
  });

  it('answers 400 to a missing or malformed body, and 415 to a media type the operation does not accept', async () => {
    const missing = await bookstore.books(event<APIGatewayProxyEvent>('rest-api/get-book.json', { httpMethod: 'PUT' }), context);
    expect({ statusCode: missing.statusCode, body: jsonBody(missing) }).toStrictEqual({
      statusCode: 400,
      body: { message: 'A request body is required.', errors: ['request body is required'] },
    });
    const headers = { 'Content-Type': 'application/json' };
    const invalid = await bookstore.booksFunction(
      event<APIGatewayProxyEvent>('rest-api/list-books.json', { httpMethod: 'POST', headers, body: '{"title": ' }),
      context,
    );
    expect({ statusCode: invalid.statusCode, body: jsonBody(invalid) }).toStrictEqual({
      statusCode: 400,
      body: { message: 'The request body is not valid JSON.', errors: ['request body is not valid JSON'] },
    });
    const xml = await bookstore.booksFunction(
      event<APIGatewayProxyEvent>('rest-api/list-books.json', {
        httpMethod: 'POST',
        headers: { 'content-type': 'text/xml' },
        body: '<book/>',
      }),
      context,
    );
    expect(xml.statusCode).toBe(415);
  });

  it('decodes a base64 binary body to bytes, and sends binary results base64-encoded with their media type', async () => {
    const put = await bookstore.books(event<APIGatewayProxyEvent>('rest-api/put-cover-base64.json'), context);
    expect(put).toStrictEqual({ statusCode: 204, headers: {}, body: '', isBase64Encoded: false });
    expect(bookstore.received).toHaveLength(1);
    expect([...bookstore.received[0]!]).toStrictEqual([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0x00, 0x80,
    ]);
    const get = await bookstore.books(
      event<APIGatewayProxyEvent>('rest-api/get-book.json', { resource: '/books/{bookId}/cover', path: '/books/42/cover' }),
      context,
    );
    expect(get).toStrictEqual({
      statusCode: 200,
      headers: { 'Content-Type': 'image/png' },
      body: Buffer.from(PNG).toString('base64'),
      isBase64Encoded: true,
    });
  });

  it('turns a throw into a logged 500 that does not leak the error', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const result = await bookstore.booksFunction(
      event<APIGatewayProxyEvent>('rest-api/list-books.json', {
        httpMethod: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ title: 'Tehanu', author: 'Ursula K. Le Guin' }),
      }),
      context,
    );
    expect({ statusCode: result.statusCode, body: jsonBody(result) }).toStrictEqual({
      statusCode: 500,
      body: { message: 'Internal server error.' },
    });
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(logged).toHaveBeenCalledTimes(1);
    expect(String(logged.mock.calls[0]![0])).toBe(`Unhandled error in createBook (request ${context.awsRequestId}):`);
    expect(String(logged.mock.calls[0]![1])).toContain(SECRET);
  });

  it('answers 404 to a route the function does not serve', async () => {
    const result = await bookstore.books(event<APIGatewayProxyEvent>('rest-api/get-book.json', { resource: '/authors' }), context);
    expect({ statusCode: result.statusCode, body: jsonBody(result) }).toStrictEqual({
      statusCode: 404,
      body: { message: 'No operation of this function serves GET /authors.' },
    });
  });
});

describe('a generated HTTP API router (payload 2.0)', () => {
  it('dispatches on routeKey, gives the implementation the JWT claims, and returns cookies and the declared CORS headers', async () => {
    const result = await orders(event<APIGatewayProxyEventV2>('http-api/get-order-jwt.json'), context);
    expect(result).toStrictEqual({
      statusCode: 200,
      headers: {
        'Content-Type': 'application/json',
        'Access-Control-Allow-Origin': 'https://shop.example.org',
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Expose-Headers': 'x-request-id',
      },
      body: JSON.stringify({ orderId: 'o-17', owner: 'user-42', cookies: ['session=s-123', 'theme=dark'] }),
      isBase64Encoded: false,
      cookies: ['last-order=o-17; Secure; HttpOnly'],
    });
  });

  it('answers 501 from a fresh stub, with the CORS headers', async () => {
    const result = await orders(
      event<APIGatewayProxyEventV2>('http-api/get-order-jwt.json', { routeKey: 'GET /orders', pathParameters: {} }),
      context,
    );
    expect(result).toStrictEqual({
      statusCode: 501,
      headers: {
        'Content-Type': 'application/json',
        'Access-Control-Allow-Origin': 'https://shop.example.org',
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Expose-Headers': 'x-request-id',
      },
      body: JSON.stringify({ message: 'listOrders is not implemented yet.' }),
      isBase64Encoded: false,
    });
  });
});
