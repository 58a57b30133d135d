import { format, type Options } from 'prettier';
import type { PlannedFile } from './write-plan.js';

/**
 * Formats generated files with the pinned Prettier and fixed options, never the user's
 * configuration, so that output is the same on every machine.
 */
const OPTIONS: Options = { printWidth: 120, singleQuote: true, trailingComma: 'all', endOfLine: 'lf' };

const PARSERS: Record<string, string> = { '.ts': 'typescript', '.json': 'json', '.md': 'markdown' };

/** Formats `.ts`, `.json` and `.md` files; leaves the rest as they are. A parse failure is a generator bug: it names the file. */
export async function formatFiles(files: readonly PlannedFile[]): Promise<PlannedFile[]> {
  return Promise.all(
    files.map(async (file) => {
      const extension = /\.[^./]+$/.exec(file.path)?.[0] ?? '';
      const parser = PARSERS[extension];
      if (!parser) return file;
      try {
        return { ...file, contents: await format(file.contents, { ...OPTIONS, parser }) };
      } catch (error) {
        throw new Error(`generated ${file.path} does not parse as ${parser}: ${(error as Error).message}`, { cause: error });
      }
    }),
  );
}
