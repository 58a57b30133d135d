import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { planHandlers } from '../../../src/targets/handlers/index.js';
import { compile, writeHandlerFiles } from '../../support/handlers-package.js';
import {
  apiModel,
  lambdaProxy,
  namedSchema,
  objectNode,
  operation,
  parameter,
  refNode,
  response,
  schemaNode,
  securityScheme,
} from '../../support/model-factories.js';
import { expectPrettierFormatted } from '../../support/prettier.js';

/**
 * The handlers target planned from a model written by hand (no document): the files of each
 * Lambda function and authorizer, the types of an operation's parameters and body, hostile names
 * kept out of paths and code, and a package that compiles under tsc --strict.
 */

const HOSTILE = '*/ export const injected = 1; /* \' " ` ${injected} \u2028 \u2029 ../../x';

const model = apiModel({
  schemas: [namedSchema('Item', objectNode({ id: schemaNode('string') }, ['id']))],
  securitySchemes: [securityScheme('tokenAuth', 'lambdaToken')],
  operations: [
    operation({
      id: 'updateItem',
      method: 'PUT',
      path: '/items/{itemId}',
      parameters: [parameter('path', 'itemId'), parameter('query', 'dry-run', { schema: schemaNode('boolean'), description: HOSTILE })],
      body: refNode('Item'),
      responses: [response('200', refNode('Item'))],
      integration: lambdaProxy('items'),
      security: [{ schemes: [{ name: 'tokenAuth', kind: 'lambdaToken', scopes: [] }] }],
    }),
    operation({
      id: '../../escape',
      method: 'GET',
      path: '/escape',
      summary: HOSTILE,
      description: HOSTILE,
      integration: lambdaProxy('../evil'),
      responses: [response('200', schemaNode('string'), HOSTILE)],
    }),
  ],
});

describe('planHandlers from a hand-made model', () => {
  // A model without request validators needs no schemas.
  const files = planHandlers(model, { document: {} });
  const file = (path: string) => files.find((planned) => planned.path === path)!.contents;

  it('plans one folder per function and a stub per operation and authorizer, named without leaving the output folder', () => {
    expect(files.map(({ path, ownership }) => `${ownership} ${path}`)).toStrictEqual([
      'scaffold package.json',
      'scaffold tsconfig.json',
      'generated src/models.gen.ts',
      'generated src/runtime/authorizer.ts',
      'generated src/runtime/middleware.ts',
      'generated src/runtime/request.ts',
      'generated src/runtime/responses.ts',
      'generated src/runtime/result.ts',
      'generated src/runtime/route-spec.ts',
      'generated src/runtime/router.ts',
      'generated src/runtime/types.ts',
      'generated src/runtime/validation.ts',
      'generated src/functions/evil/operations.gen.ts',
      'generated src/functions/evil/handler.gen.ts',
      'scaffold src/functions/evil/index.ts',
      'scaffold src/functions/evil/escape.ts',
      'scaffold src/functions/evil/escape.test.ts',
      'generated src/functions/items/operations.gen.ts',
      'generated src/functions/items/handler.gen.ts',
      'scaffold src/functions/items/index.ts',
      'scaffold src/functions/items/update-item.ts',
      'scaffold src/functions/items/update-item.test.ts',
      'scaffold src/authorizers/token-auth.ts',
    ]);
  });

  it('types the path and query parameters and the body an operation receives', () => {
    expect(file('src/functions/items/operations.gen.ts')).toContain(
      [
        'export interface UpdateItemRequest {',
        '  path: {',
        '    itemId: string;',
        '  };',
        '  query: {',
        '    /** *\\/ export const injected = 1; /* \' " ` ${injected} \u2028 \u2029 ../../x */',
        "    'dry-run'?: boolean;",
        '  };',
      ].join('\n'),
    );
    expect(file('src/functions/items/operations.gen.ts')).toContain('  body: Models.Item;\n');
  });

  it('keeps hostile text inside comments and strings: no file declares what the model did not', async () => {
    for (const planned of files.filter((candidate) => candidate.path.endsWith('.ts'))) {
      const source = ts.createSourceFile(planned.path, planned.contents, ts.ScriptTarget.ES2022);
      const declared = source.statements.flatMap((statement) =>
        ts.isVariableStatement(statement)
          ? statement.declarationList.declarations.map((declaration) => declaration.name.getText(source))
          : [],
      );
      expect(declared, `${planned.path}`).not.toContain('injected');
    }
    await expectPrettierFormatted(files.filter((planned) => !planned.path.startsWith('src/runtime/')));
  });

  it('compiles under tsc --strict with the package’s own tsconfig.json', async () => {
    expect(await compile(writeHandlerFiles(files), ['--noEmit'])).toBe('');
  }, 120_000);
});
