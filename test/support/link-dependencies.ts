import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from './paths.js';

/**
 * Links the runtime `dependencies` a generated package declares (the SigV4 signer), and with
 * `dev` its `devDependencies` too (the type packages of handlers), from this repository's
 * node_modules into the package, as an install would, so that tsc and node resolve them there.
 * Only declared dependencies are linked: an undeclared import fails to resolve.
 */
export function linkDependencies(packageRoot: string, options: { dev?: boolean } = {}): void {
  const { dependencies = {}, devDependencies = {} } = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  for (const name of Object.keys({ ...dependencies, ...(options.dev ? devDependencies : {}) })) {
    const link = join(packageRoot, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(repoRoot, 'node_modules', name), link, 'dir');
  }
}
