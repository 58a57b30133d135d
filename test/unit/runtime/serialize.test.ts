import { describe, expect, it } from 'vitest';
import { buildPath, buildQuery } from '../../../src/runtime/serialize.js';

describe('buildPath', () => {
  it('encodes values and keeps the slashes of a greedy {proxy+}', () => {
    expect(buildPath('/pets/{petId}/files/{proxy+}', { petId: 'a b/c', proxy: 'x y/z.txt' })).toBe('/pets/a%20b%2Fc/files/x%20y/z.txt');
  });

  it('joins arrays and objects with commas (simple style)', () => {
    expect(buildPath('/a/{ids}/{point}', { ids: [1, 2], point: { x: 1, y: 2 } })).toBe('/a/1,2/x,1,y,2');
  });

  it('refuses a missing path parameter', () => {
    expect(() => buildPath('/pets/{petId}', {})).toThrow('missing path parameter "petId"');
  });
});

describe('buildQuery', () => {
  const form = { style: 'form', explode: true };
  it.each([
    [[{ name: 'tag', value: ['a', 'b c'], style: form }], '?tag=a&tag=b%20c'],
    [[{ name: 'tag', value: ['a', 'b'], style: { style: 'form', explode: false } }], '?tag=a,b'],
    [[{ name: 'tag', value: ['a', 'b'], style: { style: 'pipeDelimited', explode: false } }], '?tag=a%7Cb'],
    [[{ name: 'tag', value: ['a', 'b'], style: { style: 'spaceDelimited', explode: false } }], '?tag=a%20b'],
    [
      [{ name: 'filter', value: { color: 'red', size: 2 }, style: { style: 'deepObject', explode: true } }],
      '?filter%5Bcolor%5D=red&filter%5Bsize%5D=2',
    ],
    [[{ name: 'point', value: { x: 1, y: 2 }, style: form }], '?x=1&y=2'],
    [[{ name: 'point', value: { x: 1, y: 2 }, style: { style: 'form', explode: false } }], '?point=x,1,y,2'],
    [
      [
        { name: 'q', value: 'a&b=c', style: form },
        { name: 'skip', value: undefined, style: form },
      ],
      '?q=a%26b%3Dc',
    ],
    [[{ name: 'path', value: '/a:b', style: { style: 'form', explode: true, allowReserved: true } }], '?path=/a:b'],
    [[], ''],
  ])('%#: %j', (parameters, expected) => {
    expect(buildQuery(parameters)).toBe(expected);
  });
});
