import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asciiJsonText } from '../../src/load/ascii-json.js';
import { readSourceFile } from '../../src/load/source-file.js';
import { DocumentError } from '../../src/diagnostics/diagnostic.js';

/** Characters of every UTF-8 length, a few of them next to what JSON escapes. */
const SAMPLES = ['é', '’', '€', '中文', '😀', 'a\u0085b', '\u2028', '"é"', '\\é', 'é\\', '\ufeff', 'ÿ\u0100', '𝄞x😀'];

/** A deterministic pseudo-random generator (no flaky tests). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function randomString(next: () => number): string {
  let text = '';
  const length = Math.floor(next() * 200);
  for (let index = 0; index < length; index++) {
    const roll = next();
    text += roll < 0.7 ? String.fromCharCode(32 + Math.floor(next() * 95)) : SAMPLES[Math.floor(next() * SAMPLES.length)]!;
  }
  return text;
}

describe('asciiJsonText', () => {
  it('gives an ASCII text that JSON.parse reads as the original values', () => {
    const next = random(7);
    for (let round = 0; round < 200; round++) {
      const value = { [randomString(next)]: [randomString(next), { nested: randomString(next) }, 1.5, null, true] };
      const bytes = Buffer.from(JSON.stringify(value, null, round % 3), 'utf8');
      const text = asciiJsonText(bytes);
      expect(text).toBeDefined();
      expect(Buffer.byteLength(text!, 'utf8')).toBe(text!.length); // ASCII only
      expect(JSON.parse(text!)).toStrictEqual(value);
    }
  });

  it('finds non-ASCII characters anywhere in a large text, across the halving boundaries', () => {
    const filler = 'x'.repeat(100_000);
    const value = { a: `é${filler}😀`, b: `${filler.slice(0, 65)}中`, c: filler, d: `${filler}’` };
    expect(JSON.parse(asciiJsonText(Buffer.from(JSON.stringify(value)))!)).toStrictEqual(value);
  });

  it('leaves an all-ASCII text as it is', () => {
    const text = '{"a": "b\\u00e9", "c": [1, 2]}';
    expect(asciiJsonText(Buffer.from(text))).toBe(text);
  });

  it('gives up where an escape would change the meaning: a backslash right before a non-ASCII character', () => {
    // `"\é"` is malformed; escaping é would make it the valid `"\\u00e9"`.
    expect(asciiJsonText(Buffer.from('{"a": "\\é"}'))).toBeUndefined();
    expect(asciiJsonText(Buffer.from('{"a": "\\\\é"}'))).toBe('{"a": "\\\\\\u00e9"}');
  });
});

describe('readSourceFile on JSON with non-ASCII text', () => {
  const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-ascii-json-'));
  const write = (name: string, text: string) => {
    const path = join(folder, name);
    writeFileSync(path, text);
    return path;
  };

  it('reads the same values, with or without a byte order mark', () => {
    const value = { info: { title: 'Café ’API’ 😀' }, paths: { '/ünïcode': {} } };
    expect(readSourceFile(write('plain.json', JSON.stringify(value))).value).toStrictEqual(value);
    expect(readSourceFile(write('bom.json', `\ufeff${JSON.stringify(value)}`)).value).toStrictEqual(value);
  });

  it('reports malformed JSON at its place in the text as written', () => {
    const cases = [
      ['escaped.json', '{\n  "a": "\\é",\n  "b": 1\n}', 2],
      ['outside.json', '{\n  "title": "Café",\n  é: 1\n}', 3],
      ['comma.json', '{\n  "title": "😀😀",\n  "b": 1,\n}', 4],
    ] as const;
    for (const [name, text, line] of cases) {
      let error: unknown;
      try {
        readSourceFile(write(name, text));
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(DocumentError);
      expect({ name, ...(error as DocumentError).diagnostics[0] }).toMatchObject({ name, code: 'APIGW_PARSE_ERROR', line });
    }
  });
});
