// Builds this package with the TypeScript compiler alone, no bundler: ES modules with their
// declarations in dist/, CommonJS with its own in dist/cjs/, marked as CommonJS by the
// package.json written there. `npm pack` and `npm publish` run it first (the `prepack` script).
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  process.stderr.write('build: the devDependency typescript is not installed; run `npm install` first\n');
  process.exit(1);
}
rmSync(join(root, 'dist'), { recursive: true, force: true });
for (const config of ['tsconfig.json', 'tsconfig.cjs.json']) {
  try {
    execFileSync(process.execPath, [tsc, '-p', join(root, config)], { stdio: 'inherit' });
  } catch {
    process.exit(1); // tsc printed why.
  }
}
writeFileSync(join(root, 'dist/cjs/package.json'), '{ "type": "commonjs" }\n');
