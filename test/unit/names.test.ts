import { describe, expect, it } from 'vitest';
import { assignUniqueNames, isIdentifier, splitWords, toCamelCase, toPascalCase } from '../../src/model/names.js';

describe('names', () => {
  it.each([
    ['list-pets', 'ListPets', 'listPets'],
    ['get /pets/{petId}', 'GetPetsPetId', 'getPetsPetId'],
    ['HTTPResponse', 'HTTPResponse', 'hTTPResponse'],
    ['2fa_code', '_2faCode', '_2faCode'],
    ['café au lait', 'CafeAuLait', 'cafeAuLait'],
    ['*/ */', 'Unnamed', 'unnamed'],
  ])('turns %j into %s / %s', (raw, pascal, camel) => {
    expect(toPascalCase(raw)).toBe(pascal);
    expect(toCamelCase(raw)).toBe(camel);
  });

  it.each(['delete', 'default', 'class', 'string', 'Promise', '__proto__', 'constructor'])(
    'never yields the reserved or unsafe name %s',
    (word) => {
      expect(isIdentifier(toCamelCase(word))).toBe(true);
      expect(isIdentifier(toPascalCase(word))).toBe(true);
    },
  );

  it('keeps hostile text out of identifiers', () => {
    for (const hostile of ['a*/b', 'x`${y}`', "it's", '../../etc/passwd', 'a\nb']) {
      expect(toPascalCase(hostile)).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
    }
  });

  it('splits camel case, acronyms and separators', () => {
    expect(splitWords('getHTTPServer_v2-beta')).toStrictEqual(['get', 'HTTP', 'Server', 'v2', 'beta']);
  });

  it('numbers clashes in sorted order whatever the input order', () => {
    const entries = [
      { key: '/b', identifier: 'Pet' },
      { key: '/a', identifier: 'Pet' },
      { key: '/c', identifier: 'Pet2' },
    ];
    const forward = assignUniqueNames(entries);
    const backward = assignUniqueNames([...entries].reverse());
    expect(Object.fromEntries(forward)).toStrictEqual({ '/a': 'Pet', '/b': 'Pet3', '/c': 'Pet2' });
    expect(Object.fromEntries(backward)).toStrictEqual(Object.fromEntries(forward));
  });
});
