import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideApiKind } from '../../../src/document/api-kind.js';
import { jsDocComment, propertyKey, stringLiteral, typeExpression, type Direction } from '../../../src/emit/type-expressions.js';
import { loadDocument } from '../../../src/load/load-document.js';
import { buildApiModel } from '../../../src/model/build-api-model.js';
import type { SchemaNode } from '../../../src/model/types.js';
import { corpusRoot, repoRoot } from '../../support/paths.js';

function node(partial: Partial<SchemaNode>): SchemaNode {
  return { kind: 'any', nullable: false, deprecated: false, readOnly: false, writeOnly: false, constraints: {}, pointer: '', ...partial };
}

describe('typeExpression', () => {
  it.each([
    [node({ kind: 'string', enum: ['a', "it's"] }), '"a" | "it\'s"'],
    [node({ kind: 'string', format: 'binary' }), 'Blob | ArrayBuffer | Uint8Array'],
    [node({ kind: 'integer', nullable: true }), 'number | null'],
    [node({ kind: 'array', items: node({ kind: 'ref', ref: 'Pet' }) }), 'Array<Pet>'],
    [node({ kind: 'oneOf', members: [node({ kind: 'ref', ref: 'Cat' }), node({ kind: 'ref', ref: 'Dog' })] }), 'Cat | Dog'],
    [
      node({
        kind: 'allOf',
        members: [node({ kind: 'ref', ref: 'Base' }), node({ kind: 'object', properties: [], additionalProperties: true })],
      }),
      'Base & Record<string, unknown>',
    ],
    [node({ kind: 'any', enum: [] }), 'never'],
    [node({ kind: 'object', properties: [], additionalProperties: node({ kind: 'number' }) }), 'Record<string, number>'],
  ])('%#: %s', (schema, expected) => {
    expect(typeExpression(schema, { direction: 'response' })).toBe(expected);
  });

  it('drops readOnly properties from requests and writeOnly ones from responses', () => {
    const schema = node({
      kind: 'object',
      additionalProperties: false,
      properties: [
        { name: 'id', required: true, schema: node({ kind: 'string', readOnly: true }) },
        { name: 'password', required: true, schema: node({ kind: 'string', writeOnly: true }) },
      ],
    });
    expect(typeExpression(schema, { direction: 'request' })).toBe('{ password: string; }');
    expect(typeExpression(schema, { direction: 'response' })).toBe('{ id: string; }');
  });

  it('quotes keys and escapes text from the document', () => {
    expect(propertyKey('content-type')).toBe('"content-type"');
    expect(propertyKey('__proto__')).toBe('"__proto__"');
    expect(propertyKey('delete')).toBe('"delete"');
    expect(stringLiteral('`${x}`\n\u2028"')).toBe('"`${x}`\\n\\u2028\\""');
    expect(jsDocComment('ends */ here')).toBe('/** ends *\\/ here */');
  });
});

describe('type expressions compile under tsc --strict', () => {
  it('for every schema of every corpus document, on both sides of the wire', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-types-'));
    // `$` never appears in model type names, so the request-side names cannot clash with them.
    const refName = (typeName: string, direction: Direction) => (direction === 'request' ? `${typeName}$Request` : typeName);
    let files = 0;
    for (const group of ['apigw', 'general']) {
      for (const name of readdirSync(join(corpusRoot, group))) {
        // Types are wanted even for documents API Gateway would reject: model them regardless.
        const loaded = await loadDocument(join(corpusRoot, group, name)).catch(() => undefined);
        if (!loaded) continue;
        const model = buildApiModel(loaded, decideApiKind(loaded.document));
        const declarations = model.schemas.flatMap((schema) =>
          (['request', 'response'] as const).map(
            (direction) => `export type ${refName(schema.typeName, direction)} = ${typeExpression(schema.schema, { direction, refName })};`,
          ),
        );
        writeFileSync(join(folder, `${group}-${files++}.ts`), `${declarations.join('\n')}\nexport {};\n`);
      }
    }
    expect(files).toBeGreaterThan(50);
    const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
    const compile = () =>
      execFileSync(
        process.execPath,
        [tsc, '--strict', '--noEmit', '--lib', 'es2022,dom', ...readdirSync(folder).map((file) => join(folder, file))],
        {
          cwd: folder,
          encoding: 'utf8',
        },
      );
    expect(compile).not.toThrow();
  });
});
