import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadApi } from '../../src/index.js';
import { planSdk } from '../../src/targets/sdk/index.js';
import { compile, replaceFiles, writeHandlers } from '../support/handlers-package.js';
import { lambdaContext } from '../support/lambda-context.js';
import { fixturesRoot, repoRoot } from '../support/paths.js';
import { expectPrettierFormatted } from '../support/prettier.js';

/**
 * `default` values (fixtures/specs/features/defaults.yaml). OpenAPI 3.0.3 Schema Object: "The
 * default value represents what would be assumed by the consumer of the input as the value of the
 * schema if one is not provided" (https://spec.openapis.org/oas/v3.0.3#properties): the generated
 * router gives an absent query parameter or header its default, typed as always there, and the
 * SDK documents it (`@default`). The event is the repository's REST API sample
 * (fixtures/events/rest-api/list-books.json, after the API Gateway developer guide's proxy event).
 */

type RestHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

const document = join(fixturesRoot, 'features/defaults.yaml');

/** Echoes what the operation received; `limit` and the headers are typed as present (no `?`), or this does not compile. */
const implementation = `import type { ListBooksHandler } from './operations.gen.js';

export const listBooks: ListBooksHandler = ({ query, headers }) => {
  const limit: number = query.limit;
  const strict: boolean = headers['X-Strict'];
  const tags: string[] = query.tags;
  tags.push('seen');
  return {
    statusCode: 200,
    body: { items: [JSON.stringify({ ...query, limit, headers: { ...headers, 'X-Strict': strict } })] },
  };
};
`;

function listBooksEvent(changes: Partial<APIGatewayProxyEvent>): APIGatewayProxyEvent {
  const sample = JSON.parse(readFileSync(join(repoRoot, 'fixtures/events/rest-api/list-books.json'), 'utf8')) as APIGatewayProxyEvent;
  return { ...sample, ...changes };
}

describe('default values of parameters', () => {
  let handler: RestHandler;

  beforeAll(async () => {
    const { out } = await writeHandlers(document);
    replaceFiles(out, { 'src/functions/books-function/list-books.ts': implementation });
    const diagnostics = await compile(out);
    if (diagnostics !== '') throw new Error(`the handlers package does not compile:\n${diagnostics}`);
    ({ handler } = (await import(pathToFileURL(join(out, 'dist/functions/books-function/index.js')).href)) as { handler: RestHandler });
  }, 120_000);

  async function received(event: APIGatewayProxyEvent): Promise<unknown> {
    const result = await handler(event, lambdaContext());
    expect(result.statusCode).toBe(200);
    return JSON.parse((JSON.parse(result.body) as { items: string[] }).items[0]!);
  }

  it('are what a generated handler receives for absent query parameters and headers, a fresh copy each time', async () => {
    const absent = listBooksEvent({ queryStringParameters: null, multiValueQueryStringParameters: null });
    const expected = {
      limit: 20,
      sort: 'desc',
      tags: ['new', 'classic', 'seen'],
      headers: { 'X-Page-Token': 'first */ page', 'X-Strict': true },
    };
    expect(await received(absent)).toStrictEqual(expected);
    // The handler pushed to its list: the next request still starts from the document's default.
    expect(await received(absent)).toStrictEqual(expected);
  });

  it('give way to the values a request sends', async () => {
    const given = listBooksEvent({
      queryStringParameters: { author: 'Le Guin', limit: '5', sort: 'asc', tags: 'old' },
      multiValueQueryStringParameters: { author: ['Le Guin'], limit: ['5'], sort: ['asc'], tags: ['old'] },
      headers: { 'X-Page-Token': 'p2', 'X-Strict': 'false' },
    });
    expect(await received(given)).toStrictEqual({
      author: 'Le Guin',
      limit: 5,
      sort: 'asc',
      tags: ['old', 'seen'],
      headers: { 'X-Page-Token': 'p2', 'X-Strict': false },
    });
  });

  it("are shown in the JSDoc of SDK parameters and model properties, a named enum's included, with comment ends escaped", async () => {
    const { model } = await loadApi(document);
    const files = planSdk(model, {});
    await expectPrettierFormatted(files.filter((file) => !file.path.startsWith('src/runtime/')));
    const client = files.find((file) => file.path === 'src/client.gen.ts')!.contents;
    const models = files.find((file) => file.path === 'src/models.gen.ts')!.contents;
    expect(client).toContain('     * Page size.\n     *\n     * @default 20\n     */\n    limit?: number;');
    expect(client).toContain('    /** @default "desc" */\n    sort?: Models.ListBooksSort;');
    expect(client).toContain('    /** @default ["new","classic"] */\n    tags?: string[];');
    expect(client).toContain('    /** @default "first *\\/ page" */\n    \'X-Page-Token\'?: string;');
    expect(models).toContain('   * @default "compact"\n   */\n  format?: string;');
  });
});
