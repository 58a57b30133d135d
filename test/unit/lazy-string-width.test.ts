import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { lazyStringWidth } from '../../scripts/lazy-string-width.mjs';
import { repoRoot } from '../support/paths.js';

/** Texts and the widths string-width 8 (yargs' copy) gives them: wide characters, emoji, colours, a tab. */
const WIDTHS: [string, number][] = [
  ['', 0],
  ['apigw-gen sdk <document>', 24],
  ['[boolean] [default: false]', 26],
  ['é', 1],
  ['日本語', 6],
  ['😀 ok', 5],
  ['\u001b[31mred\u001b[39m', 3],
  ['a\tb', 2],
];

/** A bundle of one module that imports string-width, built with the CLI bundle's plugin. */
async function bundledStringWidth(): Promise<(text: string) => number> {
  const result = await build({
    stdin: { contents: "export { default } from 'string-width';", resolveDir: repoRoot, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    plugins: [lazyStringWidth],
    logLevel: 'silent',
  });
  const file = join(mkdtempSync(join(tmpdir(), 'apigw-gen-string-width-')), 'bundle.mjs');
  writeFileSync(file, result.outputFiles[0]!.text);
  return ((await import(pathToFileURL(file).href)) as { default: (text: string) => number }).default;
}

describe('the CLI bundle’s string-width stand-in', () => {
  const Segmenter = Intl.Segmenter;
  afterEach(() => {
    Reflect.set(Intl, 'Segmenter', Segmenter);
  });

  it('gives the widths string-width gives', async () => {
    const width = await bundledStringWidth();
    expect(WIDTHS.map(([text]) => [text, width(text)])).toStrictEqual(WIDTHS);
  });

  it('starts the real module (its Intl.Segmenter) only for text other than printable ASCII', async () => {
    let segmenters = 0;
    Reflect.set(
      Intl,
      'Segmenter',
      class extends Segmenter {
        constructor(...args: ConstructorParameters<typeof Segmenter>) {
          super(...args);
          segmenters++;
        }
      },
    );
    const width = await bundledStringWidth();
    const line = 'Options: --out  Output folder of the package  [string] [required]';
    expect(width(line)).toBe(line.length);
    expect(segmenters).toBe(0);
    expect(width('日本語')).toBe(6);
    expect(segmenters).toBeGreaterThan(0);
  });
});
