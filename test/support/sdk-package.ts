import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writePlan, type PlannedFile } from '../../src/emit/write-plan.js';
import { loadApi } from '../../src/index.js';
import { planSdk, type SdkOptions } from '../../src/targets/sdk/index.js';
import { compile } from './handlers-package.js';
import { linkDependencies } from './link-dependencies.js';

/**
 * Writes a planned SDK package to a fresh folder, with extra files of `src/` (type tests, compiled
 * with the package: an unused `@ts-expect-error` fails the build), and links its dependencies as an install would.
 */
export function writeSdk(files: readonly PlannedFile[], options: { sources?: Record<string, string> } = {}): string {
  const out = join(mkdtempSync(join(tmpdir(), 'apigw-gen-sdk-')), 'client');
  writePlan(out, [...files]);
  for (const [name, source] of Object.entries(options.sources ?? {})) writeFileSync(join(out, 'src', name), source);
  linkDependencies(out);
  return out;
}

/** Builds a written SDK package with tsc and imports the built package; throws with tsc's diagnostics when it does not compile. */
export async function importSdk(out: string): Promise<Record<string, unknown>> {
  const diagnostics = await compile(out);
  if (diagnostics !== '') throw new Error(`the SDK in ${out} does not compile:\n${diagnostics}`);
  return (await import(pathToFileURL(join(out, 'dist/index.js')).href)) as Record<string, unknown>;
}

/** Generates the SDK of a document (with `sdk` options), builds it with tsc, and imports the built package. */
export async function buildSdk(
  document: string,
  options: { sources?: Record<string, string>; sdk?: SdkOptions } = {},
): Promise<Record<string, unknown>> {
  const { model } = await loadApi(document);
  return importSdk(writeSdk(planSdk(model, options.sdk ?? {}), options));
}
