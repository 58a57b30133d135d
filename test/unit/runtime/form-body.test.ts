import { describe, expect, it } from 'vitest';
import { encodeFormBody, encodeMultipartBody } from '../../../src/runtime/form-body.js';

/**
 * Form bodies by style, against the examples of OpenAPI 3.1.0's Style Examples table
 * (https://spec.openapis.org/oas/v3.1.0#style-examples): `color` as the array
 * `["blue","black","brown"]` and as the object `{ "R": 100, "G": 200, "B": 150 }`. The table
 * shows query strings; a form body is read as pairs, so pairs are compared (URLSearchParams
 * decodes them as any form parser does).
 */
const array = ['blue', 'black', 'brown'];
const object = { R: 100, G: 200, B: 150 };
const pairs = (body: string) => [...new URLSearchParams(body)];

describe('form bodies', () => {
  it.each([
    [
      'form, explode (the default)',
      {},
      array,
      [
        ['color', 'blue'],
        ['color', 'black'],
        ['color', 'brown'],
      ],
    ],
    [
      'form, explode',
      { style: 'form', explode: true },
      object,
      [
        ['R', '100'],
        ['G', '200'],
        ['B', '150'],
      ],
    ],
    ['form', { style: 'form', explode: false }, array, [['color', 'blue,black,brown']]],
    ['form', { style: 'form', explode: false }, object, [['color', 'R,100,G,200,B,150']]],
    ['spaceDelimited', { style: 'spaceDelimited', explode: false }, array, [['color', 'blue black brown']]],
    ['pipeDelimited', { style: 'pipeDelimited', explode: false }, array, [['color', 'blue|black|brown']]],
    [
      'deepObject',
      { style: 'deepObject', explode: true },
      object,
      [
        ['color[R]', '100'],
        ['color[G]', '200'],
        ['color[B]', '150'],
      ],
    ],
  ])('%s: %j %j', (_, encoding, value, expected) => {
    expect(pairs(encodeFormBody({ color: value }, { color: encoding }))).toStrictEqual(expected);
  });

  it('leaves out absent and null properties, and never lets a property named __proto__ or toString escape', () => {
    const body = JSON.parse('{"__proto__": {"polluted": "yes"}, "toString": "x", "gone": null}') as object;
    expect(pairs(encodeFormBody({ ...body, missing: undefined }))).toStrictEqual([
      ['polluted', 'yes'],
      ['toString', 'x'],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('multipart bodies', () => {
  it('give objects as JSON text, scalars as text, and a part its encoding content type', async () => {
    const form = encodeMultipartBody({ meta: { a: [1] }, count: 3, csv: 'a,b' }, { csv: { contentType: 'text/csv' } });
    expect([form.get('meta'), form.get('count')]).toStrictEqual(['{"a":[1]}', '3']);
    const csv = form.get('csv') as File;
    expect([csv.type, await csv.text()]).toStrictEqual(['text/csv', 'a,b']);
  });
});
