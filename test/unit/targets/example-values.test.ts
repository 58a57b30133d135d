import { describe, expect, it } from 'vitest';
import { printValue } from '../../../src/emit/layout.js';
import type { SchemaModel, SchemaNode } from '../../../src/model/types.js';
import { BINARY_EXAMPLE, exampleValue, fitsRequestType, type SchemaLookup } from '../../../src/targets/sdk/example-values.js';
import { prettier } from '../../support/prettier.js';

function node(partial: Partial<SchemaNode>): SchemaNode {
  return { kind: 'any', nullable: false, deprecated: false, readOnly: false, writeOnly: false, constraints: {}, pointer: '', ...partial };
}

const string = node({ kind: 'string' });
const integer = node({ kind: 'integer' });
const ref = (name: string) => node({ kind: 'ref', ref: name });
const object = (properties: [string, SchemaNode, boolean][], extra?: Partial<SchemaNode>) =>
  node({ kind: 'object', properties: properties.map(([name, schema, required]) => ({ name, schema, required })), ...extra });

function lookup(schemas: Record<string, SchemaNode>): SchemaLookup {
  return new Map(
    Object.entries(schemas).map(([typeName, schema]): [string, SchemaModel] => [
      typeName,
      { name: typeName, typeName, origin: 'component', schema, pointer: '' },
    ]),
  );
}

const pet = object([
  ['id', node({ kind: 'integer', readOnly: true }), true],
  ['name', string, true],
  ['tag', string, false],
]);
const schemas = lookup({
  Pet: pet,
  Cat: object([['petType', string, true]]),
  Dog: object([
    ['petType', string, true],
    ['bark', node({ kind: 'boolean' }), true],
  ]),
  Tree: object([
    ['label', string, true],
    ['children', node({ kind: 'array', items: ref('Tree') }), true],
    ['parent', ref('Tree'), false],
  ]),
  Loop: object([['next', ref('Loop'), true]]),
});
const petUnion = node({
  kind: 'oneOf',
  members: [ref('Cat'), ref('Dog')],
  discriminator: {
    propertyName: 'petType',
    mapping: [
      { value: 'cat', ref: 'Cat' },
      { value: 'dog', ref: 'Dog' },
    ],
  },
});

describe('fitsRequestType', () => {
  it.each([
    ['a string', 'x', string, true],
    ['a number for a string', 1, string, false],
    ['null where nullable', null, node({ kind: 'string', nullable: true }), true],
    ['an enum value', 'b', node({ kind: 'string', enum: ['a', 'b'] }), true],
    ['another value', 'c', node({ kind: 'string', enum: ['a', 'b'] }), false],
    ['the binary placeholder', BINARY_EXAMPLE, node({ kind: 'string', format: 'binary' }), true],
    ['text for binary', 'bytes', node({ kind: 'string', format: 'binary' }), false],
    ['the request side of Pet', { name: 'Rex' }, ref('Pet'), true],
    ['a read-only property', { id: 1, name: 'Rex' }, ref('Pet'), false],
    ['a missing required property', { tag: 'x' }, ref('Pet'), false],
    ['an undeclared property', { name: 'Rex', colour: 'red' }, ref('Pet'), false],
    ['an undeclared property of an open object', { a: 1 }, object([['a', integer, false]], { additionalProperties: true }), true],
    ['a Record value of the wrong type', { a: 'x' }, object([], { additionalProperties: integer }), false],
    ['a discriminated member with its value', { petType: 'dog', bark: true }, petUnion, true],
    ['a discriminated member with the wrong value', { petType: 'cat', bark: true }, petUnion, false],
    [
      'an allOf with properties of both members',
      { name: 'Rex', extra: 1 },
      node({ kind: 'allOf', members: [ref('Pet'), object([['extra', integer, true]])] }),
      true,
    ],
    [
      'an allOf with an unknown property',
      { name: 'Rex', extra: 1, other: 2 },
      node({ kind: 'allOf', members: [ref('Pet'), object([['extra', integer, true]])] }),
      false,
    ],
    ['a __proto__ key', JSON.parse('{"__proto__": 1}'), node({ kind: 'any' }), false],
    ['an array of the wrong items', [1, 'x'], node({ kind: 'array', items: integer }), false],
    ['an object without an optional property named like an inherited member', {}, object([['toString', string, false]]), false],
  ])('%s', (_name, value, schema, fits) => {
    expect(fitsRequestType(value, schema, schemas)).toBe(fits);
  });
});

describe('exampleValue', () => {
  it.each([
    ['a string by format', node({ kind: 'string', format: 'date-time' }), '2024-01-31T12:00:00Z'],
    ['an example that fits', node({ kind: 'integer', example: 7, default: 1 }), 7],
    ['the default when the example does not fit', node({ kind: 'integer', example: 'seven', default: 1 }), 1],
    ['the first enum value', node({ kind: 'string', enum: ['b', 'a'] }), 'b'],
    ['required properties on the request side', ref('Pet'), { name: '...' }],
    [
      'an optional property with an example',
      object([
        ['a', node({ kind: 'string', example: 'x' }), false],
        ['b', string, false],
      ]),
      { a: 'x' },
    ],
    ['the discriminating value of the first member', petUnion, { petType: 'cat' }],
    ['recursive schemas, as far as required properties go', ref('Tree'), { label: '...', children: [] }],
    ['null for an unbuildable nullable node', node({ kind: 'ref', ref: 'Loop', nullable: true }), null],
    ['binary', node({ kind: 'string', format: 'binary' }), BINARY_EXAMPLE],
    [
      'optional properties named like inherited members',
      object([
        ['valueOf', integer, false],
        ['other', string, false],
      ]),
      { valueOf: 0 },
    ],
  ])('%s', (_name, schema, expected) => {
    expect(exampleValue(schema, schemas)).toStrictEqual(expected);
  });

  it('gives a required property named __proto__ as a property of its own, printed as a computed key', () => {
    const value = exampleValue(
      object([
        ['__proto__', string, true],
        ['constructor', string, true],
      ]),
      schemas,
    );
    expect(Object.entries(value as object)).toStrictEqual([
      ['__proto__', '...'],
      ['constructor', '...'],
    ]);
    expect(printValue(value, 0, 0, 0)).toBe("{\n  ['__proto__']: '...',\n  constructor: '...',\n}");
  });

  it('stops at reference cycles it cannot satisfy', () => {
    expect(exampleValue(ref('Loop'), schemas)).toStrictEqual({});
  });
});

describe('printValue with example values', () => {
  const values: unknown[] = [
    {
      a: 1,
      'b-c': [1, 2, 3],
      d: { e: null, f: [] },
      g: [
        [1, 2],
        [3, 4],
      ],
    },
    ['x'.repeat(150)],
    { nested: [{ a: 1 }, { b: [true, false] }] },
  ];

  it.each(values)('lays out JSON values as Prettier does', async (value) => {
    const source = `await client.call(${printValue(value, 0, 'await client.call('.length, 2)});\n`;
    expect(await prettier(source)).toBe(source);
  });

  it.each([
    ['a long array of numbers, filled', { numbers: Array.from({ length: 60 }, (_, index) => index * 1001 - 3000) }],
    ['long strings under long and short keys', { abcde: 'y'.repeat(131), abcd: 'z'.repeat(140), 'a-b': 'w'.repeat(131) }],
    ['code values', { body: BINARY_EXAMPLE, parts: [BINARY_EXAMPLE, BINARY_EXAMPLE] }],
  ])('lays out %s as Prettier does', async (_name, value) => {
    const source = `await client.call(${printValue(value, 0, 'await client.call('.length, 2)});\n`;
    expect(await prettier(source)).toBe(source);
  });
});
