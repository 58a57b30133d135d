import { describe, expect, it } from 'vitest';
import {
  atom,
  jsDocComment,
  PRINT_WIDTH,
  printInterface,
  printTypeAlias,
  printValue,
  propertyKey,
  stringLiteral,
  type TypeTree,
} from '../../../src/emit/layout.js';
import { prettier } from '../../support/prettier.js';

const literals = (...words: string[]): TypeTree => ({ kind: 'union', members: words.map((word) => atom(`'${word}'`)) });
/** Text whose length is a share of the print width, so the shapes hold whatever the width. */
const long = (letter: string, length: number) => letter.repeat(Math.round((length * PRINT_WIDTH) / 120));
const object = (...keys: string[]): TypeTree => ({ kind: 'object', members: keys.map((key) => ({ key, type: atom('string') })) });

/** Shapes whose layout Prettier decides differently: each is printed, then compared with Prettier's own layout. */
const shapes: [string, string][] = [
  ['short union', printTypeAlias('A', literals('a', 'b'))],
  ['union on the next line', printTypeAlias('PostReportsOption', literals(long('v', 30), long('c', 30), long('s', 30)))],
  ['union one member per line', printTypeAlias('A', literals(long('a', 40), long('b', 40), long('c', 40)))],
  [
    'properties of every kind',
    printTypeAlias('B', {
      kind: 'object',
      members: [
        { key: 'one', optional: true, doc: 'Short.', type: literals(long('a', 40), long('b', 40), long('c', 40)) },
        { key: 'two', type: literals(long('a', 30), long('b', 30), long('c', 30)) },
        { key: 'three', type: { kind: 'array', element: literals(long('a', 30), long('b', 30), long('c', 30)) } },
        { key: 'four', type: { kind: 'array', element: literals(long('a', 40), long('b', 40), long('c', 40)) } },
        {
          key: 'five',
          type: { kind: 'generic', name: 'Record', args: [atom('string'), literals(long('a', 30), long('b', 30), long('c', 30))] },
        },
        {
          key: 'six',
          type: { kind: 'generic', name: 'Record', args: [atom('string'), literals(long('a', 40), long('b', 40), long('c', 40))] },
        },
        { key: 'seven', type: { kind: 'union', members: [object('x'), atom('null')] } },
        { key: 'eight', type: { kind: 'array', element: object('x') } },
        { key: 'nine', type: { kind: 'intersection', members: [atom(long('A', 50)), atom(long('B', 60)), atom(long('C', 30))] } },
        { key: 'ten', type: { kind: 'intersection', members: [atom(long('A', 20)), object('x')] } },
        {
          key: "'content-type'",
          doc: 'Several\nlines, with */ inside.',
          type: {
            kind: 'union',
            members: [{ kind: 'intersection', members: [atom(long('A', 40)), atom(long('B', 40))] }, atom(long('C', 40)), atom('null')],
          },
        },
      ],
    }),
  ],
  [
    'intersection of names and an object',
    printTypeAlias('F', { kind: 'intersection', members: [atom(long('A', 40)), atom(long('B', 40)), object('x')] }),
  ],
  ['object then name', printTypeAlias('E', { kind: 'intersection', members: [object('x'), atom('Base')] })],
  ['object in a union', printTypeAlias('K', { kind: 'union', members: [object('x'), atom(long('A', 40))] })],
  ['long name', printTypeAlias(long('I', 70), { kind: 'generic', name: 'Record', args: [atom('string'), atom(long('A', 45))] })],
  ['long atom', printTypeAlias(long('L', 70), atom(`'${long('x', 60)}'`))],
  [
    'interface',
    printInterface(
      'P',
      [
        { key: 'path', type: object('id') },
        { key: 'query', optional: true, type: object('q') },
      ],
      'Doc.',
    ),
  ],
  ['empty interface', printInterface('E', [])],
  [
    'tuple on one line, optional union element, union rest',
    printTypeAlias('T', {
      kind: 'tuple',
      elements: [{ type: atom('string') }, { type: literals('a', 'b'), optional: true }],
      rest: literals('c', 'd'),
    }),
  ],
  [
    'tuple one element per line',
    printTypeAlias('T', {
      kind: 'tuple',
      elements: [{ type: atom(long('A', 50)) }, { type: atom(long('B', 50)), optional: true }],
      rest: atom(long('C', 30)),
    }),
  ],
  ['tuple holding an object', printTypeAlias('T', { kind: 'tuple', elements: [{ type: object('a') }, { type: atom('number') }] })],
  ['closed empty tuple', printTypeAlias('T', { kind: 'tuple', elements: [] })],
];

describe('layout', () => {
  it.each(shapes)('%s: as Prettier lays it out', async (_, source) => {
    expect(source).toBe((await prettier(source)).trimEnd());
  });

  it('prints values as Prettier does', async () => {
    const value = {
      method: 'GET',
      query: [{ name: 'a', style: { style: 'form', explode: true } }],
      auth: [['apiKey'], ['token']],
      pairs: [
        ['apiKey', 'token'],
        ['iam', 'x'],
      ],
      words: Array.from({ length: 20 }, (_, index) => `word${index}`),
      empty: [],
      none: {},
      big: 1e21,
    };
    const source = `const x = ${printValue(value, 0, 'const x = '.length, 1)};`;
    expect(source).toBe((await prettier(source)).trimEnd());
  });

  it('never lets text from the document out of its literal or comment', () => {
    expect(stringLiteral('`${x}`\n\u2028"')).toBe(`'\`\${x}\`\\n\\u2028"'`);
    expect(stringLiteral("it's")).toBe(`"it's"`);
    expect(stringLiteral(`'"'`)).toBe(`"'\\"'"`);
    expect(jsDocComment('ends */ here', 0)).toBe('/** ends *\\/ here */');
    expect(propertyKey('content-type')).toBe("'content-type'");
    expect(propertyKey('delete')).toBe('delete');
    expect(propertyKey('café')).toBe('café');
    expect(propertyKey("x'); alert(1); ('")).toBe(`"x'); alert(1); ('"`);
  });
});
