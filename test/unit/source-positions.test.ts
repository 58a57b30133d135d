import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSourceFile } from '../../src/load/source-file.js';
import { createPositionFinder } from '../../src/load/source-positions.js';

describe('source positions', () => {
  it('finds keys in YAML, through aliases and merge keys', () => {
    const text = ['base: &base', '  a: 1', 'paths:', '  /pets:', '    get:', '      <<: *base', '      b: [x, y]', ''].join('\n');
    const find = createPositionFinder(text, 'yaml');
    expect(find(['/paths/~1pets/get/b'])[0]).toStrictEqual({ line: 7, column: 7 });
    expect(find(['/paths/~1pets/get/b/1'])[0]).toStrictEqual({ line: 7, column: 14 });
    expect(find(['/paths/~1pets/get/a'])[0]).toStrictEqual({ line: 2, column: 3 });
  });

  it('falls back to the nearest existing ancestor', () => {
    const find = createPositionFinder('{\n  "paths": {\n    "/a": {}\n  }\n}\n', 'json');
    expect(find(['/paths/~1a/get/responses'])[0]).toStrictEqual({ line: 3, column: 5 });
    expect(find(['/paths'])[0]).toStrictEqual({ line: 2, column: 3 });
  });

  it('finds array items in JSON', () => {
    const find = createPositionFinder('{"servers": [{"url": "a"}, {"url": "b"}]}', 'json');
    expect(find(['/servers/1/url'])[0]).toStrictEqual({ line: 1, column: 29 });
  });

  it('finds many JSON pointers in one pass, past skipped objects and arrays', () => {
    const text = '{"a": {"x": [1, {"y": 2}]},\n "b": [[1], [2, 3], {"c": 4}], "d": {"e": {}}}';
    const find = createPositionFinder(text, 'json');
    expect(find(['/b/2/c', '/b/1/1', '/a/x/1/y', '/d/e/missing', '/zzz'])).toStrictEqual([
      { line: 2, column: 22 },
      { line: 2, column: 17 },
      { line: 1, column: 18 },
      { line: 2, column: 38 },
      { line: 1, column: 1 },
    ]);
  });
});

describe('positions of a file read earlier', () => {
  it('come from the file as it was parsed, and are left out once it has changed', () => {
    const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-positions-'));
    const path = join(folder, 'api.yaml');
    writeFileSync(path, 'openapi: 3.0.3\ninfo:\n  title: t\n');
    const file = readSourceFile(path);
    expect(file.findPositions(['/info/title'])).toStrictEqual([{ line: 3, column: 3 }]);
    const changed = readSourceFile(path);
    writeFileSync(path, 'openapi: 3.0.3\n\n\ninfo:\n  title: t\n  version: "1"\n');
    expect(changed.findPositions(['/info/title'])).toStrictEqual([undefined]);
  });
});
