import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { writePlan, type PlannedFile } from '../../src/emit/write-plan.js';
import { loadApi } from '../../src/index.js';
import { planHandlers, type HandlersOptions } from '../../src/targets/handlers/index.js';
import { linkDependencies } from './link-dependencies.js';
import { repoRoot } from './paths.js';

/** The handlers package of a document, written to a fresh folder, with its type packages linked. */
export async function writeHandlers(
  path: string,
  options: { lenient?: boolean } & Pick<HandlersOptions, 'validation' | 'skipValidation' | 'responseValidation'> = {},
): Promise<{ out: string; files: PlannedFile[] }> {
  const { lenient, ...handlers } = options;
  const { model, document } = await loadApi(path, { lenient: lenient ?? false });
  const files = planHandlers(model, { document, ...handlers });
  return { out: writeHandlerFiles(files), files };
}

/** Writes planned handlers to a fresh folder and links their type packages, as an install would; resolves to the folder. */
export function writeHandlerFiles(files: readonly PlannedFile[]): string {
  const out = join(mkdtempSync(join(tmpdir(), 'apigw-gen-handlers-')), 'handlers');
  writePlan(out, [...files]);
  linkDependencies(out, { dev: true });
  return out;
}

/** Replaces files of a package (implementations of stubs, say). */
export function replaceFiles(out: string, sources: Record<string, string>): void {
  for (const [path, source] of Object.entries(sources)) writeFileSync(join(out, path), source);
}

/** Runs tsc with a package's tsconfig; resolves to its diagnostics, one per line (empty when it compiles). */
export async function compile(out: string, extraArgs: string[] = []): Promise<string> {
  const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
  return promisify(execFile)(process.execPath, [tsc, '-p', join(out, 'tsconfig.json'), '--pretty', 'false', ...extraArgs], {
    cwd: out,
  }).then(
    ({ stdout }) => stdout,
    (error: { stdout?: string }) => error.stdout ?? String(error),
  );
}
