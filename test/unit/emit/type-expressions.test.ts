import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideApiKind } from '../../../src/document/api-kind.js';
import { printTypeAlias } from '../../../src/emit/layout.js';
import { typeTree, type Direction } from '../../../src/emit/type-expressions.js';
import { loadDocument } from '../../../src/load/load-document.js';
import { buildApiModel } from '../../../src/model/build-api-model.js';
import type { SchemaNode } from '../../../src/model/types.js';
import { corpusRoot, repoRoot } from '../../support/paths.js';

function node(partial: Partial<SchemaNode>): SchemaNode {
  return { kind: 'any', nullable: false, deprecated: false, readOnly: false, writeOnly: false, constraints: {}, pointer: '', ...partial };
}

/** A type as one line of text (every test type fits). */
const text = (schema: SchemaNode, direction: Direction = 'response') =>
  printTypeAlias('T', typeTree(schema, { direction }))
    .replace(/^export type T = |;$/g, '')
    .replace(/\n\s*/g, ' ');

describe('typeTree', () => {
  it.each([
    [node({ kind: 'string', enum: ['a', "it's"] }), `'a' | "it's"`],
    [node({ kind: 'string', format: 'binary' }), 'Blob | ArrayBuffer | Uint8Array'],
    [node({ kind: 'integer', nullable: true }), 'number | null'],
    [node({ kind: 'string', enum: ['a', 'b'], nullable: true }), `'a' | 'b' | null`],
    [node({ kind: 'array', items: node({ kind: 'ref', ref: 'Pet' }) }), 'Pet[]'],
    [node({ kind: 'array', items: node({ kind: 'string', enum: ['a', 'b'] }) }), `('a' | 'b')[]`],
    [node({ kind: 'oneOf', members: [node({ kind: 'ref', ref: 'Cat' }), node({ kind: 'ref', ref: 'Dog' })] }), 'Cat | Dog'],
    [node({ kind: 'oneOf', members: [node({ kind: 'ref', ref: 'Cat' }), node({ kind: 'any' })] }), 'unknown'],
    [
      node({
        kind: 'allOf',
        members: [node({ kind: 'ref', ref: 'Base' }), node({ kind: 'object', properties: [], additionalProperties: true })],
      }),
      'Base & Record<string, unknown>',
    ],
    [node({ kind: 'any', enum: [] }), 'never'],
    [node({ kind: 'number', enum: [1, 1e21] }), '1 | 1e21'],
    [node({ kind: 'object', properties: [], additionalProperties: node({ kind: 'number' }) }), 'Record<string, number>'],
    [
      node({
        kind: 'oneOf',
        members: [node({ kind: 'ref', ref: 'Cat' }), node({ kind: 'ref', ref: 'Dog' })],
        discriminator: {
          propertyName: 'pet-type',
          mapping: [
            { value: 'cat', ref: 'Cat' },
            { value: 'Dog', ref: 'Dog' },
          ],
        },
      }),
      `(Cat & { 'pet-type': 'cat' }) | (Dog & { 'pet-type': 'Dog' })`,
    ],
  ])('%#: %s', (schema, expected) => {
    expect(text(schema)).toBe(expected);
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
    expect(text(schema, 'request')).toBe('{ password: string; }');
    expect(text(schema, 'response')).toBe('{ id: string; }');
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
          (['request', 'response'] as const).map((direction) =>
            printTypeAlias(refName(schema.typeName, direction), typeTree(schema.schema, { direction, refName })),
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
