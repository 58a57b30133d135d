import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadApi } from '../../../src/index.js';
import { mockValue, type MockContext } from '../../../src/mock/mock-bodies.js';
import { DocumentSchemaValidator } from '../../../src/mock/schema-validator.js';
import { synthesize } from '../../../src/mock/synthesize.js';
import { schemaNode } from '../../support/model-factories.js';
import { fixturesRoot } from '../../support/paths.js';

async function contextOf(name: string) {
  const { model, document } = await loadApi(join(fixturesRoot, 'mock', name), { lenient: true });
  const schemas = new Map(model.schemas.map((schema) => [schema.typeName, schema]));
  const context: MockContext = { schemas, validator: new DocumentSchemaValidator(document, model.openapiVersion) };
  const schema = (typeName: string) => schemas.get(typeName)!.schema;
  return { context, schema };
}

describe('synthesized mock values', async () => {
  const v30 = await contextOf('constraints-3.0.yaml');
  const v31 = await contextOf('constraints-3.1.yaml');

  it.each(['Formats', 'Strings', 'Numbers', 'Collections', 'Nullable', 'Composed', 'Pet', 'Tree'])(
    '3.0 %s: valid against its schema (ajv, with formats), built from constraints alone',
    (typeName) => {
      const node = v30.schema(typeName);
      const value = synthesize(node, v30.context.schemas, { useExamples: false });
      expect(v30.context.validator.errors(node.pointer, value)).toBe('');
    },
  );

  it('3.1 keywords: numeric exclusive bounds, const, type arrays', () => {
    const node = v31.schema('Values');
    const value = synthesize(node, v31.context.schemas, { useExamples: false });
    expect(v31.context.validator.errors(node.pointer, value)).toBe('');
    expect(value).toMatchObject({ above: 6, kind: 'fixed' });
  });

  it('honours numeric bounds exactly where they are tight', () => {
    const value = synthesize(v30.schema('Numbers'), v30.context.schemas, { useExamples: false });
    expect(value).toStrictEqual({ below: -1, decimal: 0.5, exclusive: 6, negative: -10, positive: 5, range: 100, step: 10 });
  });

  it('makes unique items distinct and tags union members with their discriminator value', () => {
    const collections = synthesize(v30.schema('Collections'), v30.context.schemas, { useExamples: false }) as Record<string, unknown[]>;
    expect(new Set(collections.unique).size).toBe(3);
    expect(collections.enumList).toStrictEqual(['red', 'green']);
    expect(synthesize(v30.schema('Pet'), v30.context.schemas, { useExamples: false })).toMatchObject({ petType: 'cat' });
  });

  it('leaves writeOnly properties out of responses and stops at reference cycles', () => {
    expect(synthesize(v30.schema('Composed'), v30.context.schemas, { useExamples: false })).not.toHaveProperty('secret');
    const tree = synthesize(v30.schema('Tree'), v30.context.schemas, { useExamples: false });
    expect(tree).toStrictEqual({ children: [{ children: [], value: 1 }], parent: { children: [], value: 1 }, value: 1 });
  });

  it("builds a plain string for a format named like Object.prototype's members (an unknown format)", () => {
    const values = ['constructor', 'toString', 'valueOf', '__proto__'].map((format) =>
      synthesize(schemaNode('string', { format }), new Map(), { useExamples: false }),
    );
    expect(values).toStrictEqual(['string', 'string', 'string', 'string']);
  });

  it('is deterministic', () => {
    const first = synthesize(v30.schema('Strings'), v30.context.schemas, { useExamples: false });
    expect(synthesize(v30.schema('Strings'), v30.context.schemas, { useExamples: false })).toStrictEqual(first);
  });

  it("uses the schema's examples when they are valid, and builds from constraints when they are not", () => {
    const node = v30.schema('WithExamples');
    const mock = mockValue({ examples: [], schema: node }, v30.context);
    expect(mock.value).toStrictEqual({ count: 10, name: 'string' });
    const valid = mockValue({ examples: [{ value: { name: 'Rex', count: 12 } }], schema: node }, v30.context);
    expect(valid).toStrictEqual({ value: { name: 'Rex', count: 12 }, source: 'example', rejected: [] });
    const invalid = mockValue({ examples: [{ name: 'bad', value: { name: 'Rex' } }], schema: node }, v30.context);
    expect(invalid.source).toBe('schema');
    expect(invalid.rejected).toStrictEqual([`example "bad": value must have required property 'count'`]);
  });
});
