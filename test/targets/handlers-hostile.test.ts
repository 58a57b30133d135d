import { readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST, type PlannedFile } from '../../src/emit/write-plan.js';
import { compile, replaceFiles, writeHandlers } from '../support/handlers-package.js';
import { lambdaContext } from '../support/lambda-context.js';
import { expectPrettierFormatted } from '../support/prettier.js';
import { fixturesRoot, repoRoot } from '../support/paths.js';

/**
 * Handlers generated from a document whose function names, operationIds, parameter and header
 * names, scheme names and mapping templates try to break out of comments, strings, identifiers
 * and the output folder, or take the names of the generated code itself
 * (fixtures/specs/hostile/hostile-handlers.yaml), stay inside the output folder, compile, and
 * read the document's names unchanged.
 */

type RestHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** Echoes what the router read for the operation named `handler`, whose query names are hostile. */
const ECHO = `import type { HandlerHandler } from './operations.gen.js';

export const handler: HandlerHandler = ({ query, headers }) => ({
  statusCode: 200,
  // \`constructor\` given: an object literal's inherited one (a Function) does not fit the optional string.
  body: { '*/': JSON.stringify({ query, header: headers['X-Evil */ Header'] ?? null }), constructor: 'c' },
  headers: { 'X-Quote\\'"': 'q' },
});
`;

describe('handlers of a document with hostile names', () => {
  let out = '';
  let files: PlannedFile[] = [];
  let handler: RestHandler;

  beforeAll(async () => {
    ({ out, files } = await writeHandlers(join(fixturesRoot, 'hostile/hostile-handlers.yaml'), { lenient: true }));
  }, 60_000);

  it('plans and writes every file inside the output folder, under safe names', () => {
    for (const { path } of files) {
      expect(path).toMatch(/^(package\.json|tsconfig\.json|src\/[a-z0-9][a-z0-9._/-]*\.ts)$/);
      expect(isAbsolute(path) || path.split('/').includes('..')).toBe(false);
      expect(resolve(out, path).startsWith(out + sep)).toBe(true);
    }
    const written = readdirSync(out, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && !relative(out, entry.parentPath).startsWith('node_modules'))
      .map((entry) => relative(out, join(entry.parentPath, entry.name)).split(sep).join('/'))
      .sort();
    expect(written).toStrictEqual([...files.map((file) => file.path), MANIFEST].sort());
    // Operations named like the generated code's own names get files and bindings of their own.
    expect(files.map((file) => file.path).filter((path) => path.startsWith('src/functions/runtime/'))).toStrictEqual([
      'src/functions/runtime/operations.gen.ts',
      'src/functions/runtime/handler.gen.ts',
      'src/functions/runtime/index.ts',
      'src/functions/runtime/handler.ts',
      'src/functions/runtime/handler.test.ts',
      'src/functions/runtime/non-proxy2.ts',
      'src/functions/runtime/non-proxy2.test.ts',
      'src/functions/runtime/index2.ts',
      'src/functions/runtime/index2.test.ts',
      'src/functions/runtime/runtime.ts',
      'src/functions/runtime/runtime.test.ts',
      'src/functions/runtime/not-implemented.ts',
      'src/functions/runtime/not-implemented.test.ts',
    ]);
  });

  it('is laid out as Prettier would, and compiles under tsc --strict', async () => {
    await expectPrettierFormatted(files.filter((file) => !file.path.startsWith('src/runtime/')));
    replaceFiles(out, { 'src/functions/runtime/handler.ts': ECHO });
    expect(await compile(out)).toBe('');
    handler = ((await import(pathToFileURL(join(out, 'dist/functions/runtime/index.js')).href)) as { handler: RestHandler }).handler;
  });

  it('keeps mapping templates and names inside their doc comments and string literals', () => {
    const nonProxyTypes = files.find((file) => file.path === 'src/functions/con-/operations.gen.ts')!.contents;
    expect(nonProxyTypes).toContain(' * { "a": "*\\/ ``` `${x}` \u2028 ````" }\n * /* @param evil *\\/\n');
    const types = files.find((file) => file.path === 'src/functions/runtime/operations.gen.ts')!.contents;
    expect(types).toContain('    /** Path parameter named class *\\/ */\n    class: string;\n');
    expect(types).toContain("    '*/'?: number;\n");
    expect(types).toContain('    "it\'s"?: Models.HandlerItS;\n');
    expect(types).toContain("    'X-Evil */ Header'?: string;\n");
  });

  it('reads hostile parameter and header names unchanged, as own properties', async () => {
    const sample = JSON.parse(readFileSync(join(repoRoot, 'fixtures/events/rest-api/get-book.json'), 'utf8')) as APIGatewayProxyEvent;
    // JSON keeps `__proto__` an own property, as API Gateway's event does.
    const query = JSON.parse('{"*/": "5", "it\'s": "`${x}`", "__proto__": "true", "constructor": "b"}') as Record<string, string>;
    const multi = JSON.parse('{"*/": ["5"], "it\'s": ["`${x}`"], "__proto__": ["true"], "constructor": ["a", "b"]}') as Record<
      string,
      string[]
    >;
    const event: APIGatewayProxyEvent = {
      ...sample,
      resource: '/items/{class}',
      pathParameters: { class: '../x' },
      queryStringParameters: query,
      multiValueQueryStringParameters: multi,
      headers: { 'x-evil */ header': 'h' },
    };
    const result = await handler(event, lambdaContext());
    expect(result.statusCode).toBe(200);
    expect(result.headers).toStrictEqual({ 'X-Quote\'"': 'q', 'Content-Type': 'application/json' });
    const echoed = JSON.parse((JSON.parse(result.body) as Record<string, string>)['*/']!) as { query: object; header: string };
    // Own properties, compared as entries: the matcher would read `__proto__` through the prototype chain.
    expect(Object.entries(echoed.query).sort()).toStrictEqual([
      ['*/', 5],
      ['__proto__', true],
      ['constructor', ['a', 'b']],
      ["it's", '`${x}`'],
    ]);
    expect(echoed.header).toBe('h');

    const refused = await handler(
      { ...event, queryStringParameters: { "it's": 'nope' }, multiValueQueryStringParameters: null },
      lambdaContext(),
    );
    expect({ statusCode: refused.statusCode, body: JSON.parse(refused.body) as unknown }).toStrictEqual({
      statusCode: 400,
      body: {
        message: 'Invalid request parameters.',
        errors: [`query parameter "it's" must be one of "*/", "it's", "\`\${x}\`", "line\u2028sep"`],
      },
    });
  });
});
