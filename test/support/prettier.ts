import { format } from 'prettier';
import { expect } from 'vitest';
import type { PlannedFile } from '../../src/emit/write-plan.js';

/** The options generated code is laid out for (see src/emit/layout.ts). */
const OPTIONS = { printWidth: 140, singleQuote: true, trailingComma: 'all', endOfLine: 'lf', parser: 'typescript' } as const;

/** Asserts that Prettier would leave every TypeScript file of a plan as it is. */
export async function expectPrettierFormatted(files: readonly PlannedFile[]): Promise<void> {
  for (const file of files.filter((planned) => planned.path.endsWith('.ts'))) {
    expect({ path: file.path, contents: await format(file.contents, OPTIONS) }).toStrictEqual({ path: file.path, contents: file.contents });
  }
}

/** Prettier's layout of TypeScript source, for comparisons in tests. */
export function prettier(source: string): Promise<string> {
  return format(source, OPTIONS);
}
