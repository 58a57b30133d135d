import { describe, expect, it } from 'vitest';
import { formatFiles } from '../../../src/emit/format-code.js';

describe('formatFiles', () => {
  it('formats TypeScript, JSON and Markdown with fixed options, and leaves other files alone', async () => {
    const [ts, json, other] = await formatFiles([
      { path: 'src/a.gen.ts', contents: 'export const a = {b:"c"}', ownership: 'generated' },
      { path: 'package.json', contents: '{"name":"x"}', ownership: 'generated' },
      { path: 'LICENSE', contents: 'as  is', ownership: 'generated' },
    ]);
    expect(ts?.contents).toBe("export const a = { b: 'c' };\n");
    expect(json?.contents).toBe('{ "name": "x" }\n');
    expect(other?.contents).toBe('as  is');
  });

  it('names the file when generated code does not parse', async () => {
    await expect(formatFiles([{ path: 'src/broken.gen.ts', contents: 'export const = ;', ownership: 'generated' }])).rejects.toThrow(
      /generated src\/broken\.gen\.ts does not parse as typescript/,
    );
  });
});
