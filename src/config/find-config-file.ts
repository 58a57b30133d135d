import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError } from '../diagnostics/diagnostic.js';
import { displayPathOf } from '../load/display-path.js';

// Kept apart from load-config.ts (which compiles the schema) so that a `generate` with nothing to do finds its config cheaply.

/** The config files looked for, in this order; `package.json` counts when it has this key. */
const CONFIG_FILE_NAMES = [
  'apigw-gen.config.ts',
  'apigw-gen.config.mts',
  'apigw-gen.config.mjs',
  'apigw-gen.config.js',
  'apigw-gen.config.yaml',
  'apigw-gen.config.yml',
  'apigw-gen.config.json',
] as const;
export const PACKAGE_JSON_KEY = 'apigw-gen';

/** A config written in TypeScript or JavaScript, which is run to get its value. */
export function isCodeConfig(path: string): boolean {
  return /\.(ts|mts|mjs|js)$/.test(path);
}

/**
 * The config file of a project: the first folder from `cwd` upward that has one, as ESLint,
 * Prettier and Vite look for theirs, so that a command run in a sub-folder of the project finds
 * it. Two candidates in that folder are a usage error, since either could be meant.
 */
export function findConfigFile(cwd: string): { path: string; root: string } | undefined {
  for (let folder = cwd; ; folder = dirname(folder)) {
    const found = configFileIn(folder);
    if (found) return found;
    if (dirname(folder) === folder) return undefined;
  }
}

function configFileIn(folder: string): { path: string; root: string } | undefined {
  const candidates: { path: string; root: string }[] = CONFIG_FILE_NAMES.map((name) => join(folder, name))
    .filter((path) => existsSync(path))
    .map((path) => ({ path, root: '' }));
  const packageJson = join(folder, 'package.json');
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
