import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { loadApi } from '../../src/index.js';
import { yamlSchema } from '../../src/load/cloudformation-tags.js';
import { fixturesRoot } from '../support/paths.js';

/** The same document with every object's keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .reverse()
      .map((key) => [key, reverseKeys((value as Record<string, unknown>)[key])]),
  );
}

const valid = readdirSync(join(fixturesRoot, 'valid')).filter((name) => /\.(ya?ml|json)$/.test(name));

describe('the model does not depend on key order', () => {
  it.each(valid)('%s', async (name) => {
    const path = join(fixturesRoot, 'valid', name);
    const original = await loadApi(path);
    const reordered = join(mkdtempSync(join(tmpdir(), 'apigw-gen-')), name.replace(/\.ya?ml$/, '.json'));
    writeFileSync(reordered, JSON.stringify(reverseKeys(jsYaml.load(readFileSync(path, 'utf8'), { schema: yamlSchema })), null, 2));
    const again = await loadApi(reordered);
    expect(JSON.stringify(again.model)).toBe(JSON.stringify(original.model));
  });
});
