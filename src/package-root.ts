import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * apigw-gen's own folder, where `templates/` and `src/runtime/` ship. Found by walking up from
 * this module because it runs at different depths: `src/` under tests, `dist/` as a library,
 * `dist/bin/` inside the CLI bundle.
 */
function findPackageRoot(): URL {
  let folder = new URL('./', import.meta.url);
  while (!existsSync(new URL('package.json', folder))) {
    const parent = new URL('../', folder);
    if (parent.href === folder.href) throw new Error(`apigw-gen: no package.json above ${fileURLToPath(import.meta.url)}`);
    folder = parent;
  }
  return folder;
}

const packageRoot = findPackageRoot();

/** The absolute path of a file or folder of apigw-gen's package, from a `/`-separated relative path. */
export function packageFile(relativePath: string): string {
  return fileURLToPath(new URL(relativePath, packageRoot));
}

/** apigw-gen's own version, from its package.json (never the one of the project it runs in). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }).version;
}
