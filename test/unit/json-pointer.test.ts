import { describe, expect, it } from 'vitest';
import { getAtPointer, joinPointer, parsePointer, pointerOf } from '../../src/diagnostics/json-pointer.js';

describe('json pointers', () => {
  it('escapes ~ and / in tokens', () => {
    expect(pointerOf(['paths', '/pets/{id}', 'get'])).toBe('/paths/~1pets~1{id}/get');
    expect(joinPointer('/a', 'b~c')).toBe('/a/b~0c');
  });

  it('round-trips tokens, including URI fragments', () => {
    expect(parsePointer('/paths/~1pets~1{id}/get')).toStrictEqual(['paths', '/pets/{id}', 'get']);
    expect(parsePointer('#/components/schemas/Pet%20Name')).toStrictEqual(['components', 'schemas', 'Pet Name']);
    // Percent-decoding comes first, then the escapes: `%7E1` is `~1`, a slash.
    expect(parsePointer('#/a%7E1b/c~01')).toStrictEqual(['a/b', 'c~1']);
    expect(parsePointer('/plain/tokens/0')).toStrictEqual(['plain', 'tokens', '0']);
  });

  it('refuses what is not a pointer', () => {
    expect(() => parsePointer('#Pet')).toThrow(/not a JSON pointer/);
    expect(() => parsePointer('pets')).toThrow(/not a JSON pointer/);
    expect(() => parsePointer('#/bad%')).toThrow(URIError);
  });

  it('reads own properties only', () => {
    const document = { a: [{ b: 1 }] };
    expect(getAtPointer(document, '/a/0/b')).toBe(1);
    expect(getAtPointer(document, '/a/1')).toBeUndefined();
    expect(getAtPointer(document, '/a/constructor')).toBeUndefined();
    expect(getAtPointer({}, '/__proto__')).toBeUndefined();
  });
});
