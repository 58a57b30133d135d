import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from './paths.js';

/**
 * Links the runtime `dependencies` a generated package declares (the SigV4 signer) from this
 * repository's node_modules into the package, as an install would, so that tsc and node resolve
 * them there. Only declared dependencies are linked: an undeclared import fails to resolve.
 */
export function linkDependencies(packageRoot: string): void {
  const { dependencies = {} } = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  for (const name of Object.keys(dependencies)) {
    const link = join(packageRoot, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(repoRoot, 'node_modules', name), link, 'dir');
  }
}
