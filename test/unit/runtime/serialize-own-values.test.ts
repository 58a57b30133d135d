import { describe, expect, it } from 'vitest';
import { buildPath, buildQuery, ownValue } from '../../../src/runtime/serialize.js';

const form = { style: 'form', explode: true };

describe('parameters named like Object.prototype members', () => {
  it('are absent from the query string unless given', () => {
    const given = { mode: 'a' };
    const names = ['constructor', 'toString', '__proto__', 'mode'];
    expect(buildQuery(names.map((name) => ({ name, style: form, value: ownValue(given, name) })))).toBe('?mode=a');
    const hostile = { ['__proto__']: 'p', constructor: 'c', toString: 't' };
    expect(buildQuery(names.map((name) => ({ name, style: form, value: ownValue(hostile, name) })))).toBe(
      '?constructor=c&toString=t&__proto__=p',
    );
  });

  it('are missing path parameters unless given', () => {
    expect(() => buildPath('/a/{constructor}', {})).toThrow('missing path parameter "constructor"');
    expect(buildPath('/a/{constructor}/{toString}', { constructor: 'c', toString: 't' })).toBe('/a/c/t');
  });
});
