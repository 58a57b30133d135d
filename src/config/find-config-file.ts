import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../diagnostics/diagnostic.js';
import { displayPathOf } from '../load/display-path.js';

// Kept apart from load-config.ts (which compiles the schema) so that a `generate` with nothing to do finds its config cheaply.

/** The config files looked for in the working directory, in this order; `package.json` counts when it has this key. */
export const CONFIG_FILE_NAMES = ['apigw-gen.config.yaml', 'apigw-gen.config.yml', 'apigw-gen.config.json'] as const;
export const PACKAGE_JSON_KEY = 'apigw-gen';

/** The config file in a folder, if any; two candidates are a usage error, since either could be meant. */
export function findConfigFile(cwd: string): { path: string; root: string } | undefined {
  const candidates: { path: string; root: string }[] = CONFIG_FILE_NAMES.map((name) => join(cwd, name))
    .filter((path) => existsSync(path))
    .map((path) => ({ path, root: '' }));
  const packageJson = join(cwd, 'package.json');
  if (existsSync(packageJson) && hasConfigKey(packageJson)) candidates.push({ path: packageJson, root: `/${PACKAGE_JSON_KEY}` });
  if (candidates.length > 1) {
    const names = candidates.map(({ path, root }) => (root ? `${displayPathOf(path)} ("${PACKAGE_JSON_KEY}")` : displayPathOf(path)));
    throw new UsageError(`found several config files: ${names.join(', ')}; keep one, or name it with --config.`);
  }
  return candidates[0];
}

function hasConfigKey(packageJson: string): boolean {
  try {
    const value = JSON.parse(readFileSync(packageJson, 'utf8')) as unknown;
    return value !== null && typeof value === 'object' && Object.hasOwn(value, PACKAGE_JSON_KEY);
  } catch {
    return false; // A broken package.json is not ours to report.
  }
}
