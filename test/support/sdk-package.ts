import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writePlan } from '../../src/emit/write-plan.js';
import { loadApi } from '../../src/index.js';
import { planSdk } from '../../src/targets/sdk/index.js';
import { linkDependencies } from './link-dependencies.js';
import { repoRoot } from './paths.js';

/** Generates the SDK of a document, builds it with tsc, and imports the built package. */
export async function buildSdk(
  document: string,
  options: {
    /** Extra files of `src/`, compiled with the package: type tests (`@ts-expect-error` lines fail the build when unused). */
    sources?: Record<string, string>;
  } = {},
): Promise<Record<string, unknown>> {
  const { model } = await loadApi(document);
  const out = join(mkdtempSync(join(tmpdir(), 'apigw-gen-sdk-e2e-')), 'client');
  writePlan(out, planSdk(model, {}));
  for (const [name, source] of Object.entries(options.sources ?? {})) writeFileSync(join(out, 'src', name), source);
  linkDependencies(out);
  execFileSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', join(out, 'tsconfig.json')], {
    encoding: 'utf8',
  });
  return (await import(pathToFileURL(join(out, 'dist/index.js')).href)) as Record<string, unknown>;
}
