import { describe, expect, it } from 'vitest';
import { toCamelCase } from '../../src/model/names.js';

describe('method names', () => {
  it.each(['request', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString'])(
    'never replace the inherited member %s',
    (name) => {
      expect(toCamelCase(name)).toBe(`${name}_`);
    },
  );
});
