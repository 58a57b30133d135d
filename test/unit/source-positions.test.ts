import { describe, expect, it } from 'vitest';
import { createPositionFinder } from '../../src/load/source-positions.js';

describe('source positions', () => {
  it('finds keys in YAML, through aliases and merge keys', () => {
    const text = ['base: &base', '  a: 1', 'paths:', '  /pets:', '    get:', '      <<: *base', '      b: [x, y]', ''].join('\n');
    const find = createPositionFinder(text, 'yaml');
    expect(find('/paths/~1pets/get/b')).toStrictEqual({ line: 7, column: 7 });
    expect(find('/paths/~1pets/get/b/1')).toStrictEqual({ line: 7, column: 14 });
    expect(find('/paths/~1pets/get/a')).toStrictEqual({ line: 2, column: 3 });
  });

  it('falls back to the nearest existing ancestor', () => {
    const find = createPositionFinder('{\n  "paths": {\n    "/a": {}\n  }\n}\n', 'json');
    expect(find('/paths/~1a/get/responses')).toStrictEqual({ line: 3, column: 5 });
    expect(find('/paths')).toStrictEqual({ line: 2, column: 3 });
  });

  it('finds array items in JSON', () => {
    const find = createPositionFinder('{"servers": [{"url": "a"}, {"url": "b"}]}', 'json');
    expect(find('/servers/1/url')).toStrictEqual({ line: 1, column: 29 });
  });
});
