// Bundles the CLI into dist/bin/ (run after tsc). Loading ~100 ES modules one by one (ours,
// yargs, handlebars, the parsers) costs Node 20 ~150 ms on every `apigw-gen` start; one bundle
// with lazily loaded chunks per pipeline stage costs a fraction of that. The library entry
// (dist/index.js) stays tsc's output.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { lazyStringWidth } from './lazy-string-width.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist/bin');

rmSync(outdir, { recursive: true, force: true });
await build({
  plugins: [lazyStringWidth],
  // no-op-generate: the prebuild hook's usual path, loaded by bin/apigw-gen.js without the CLI.
  entryPoints: { cli: join(root, 'dist/cli/main.js'), 'no-op-generate': join(root, 'dist/cli/no-op-generate.js') },
  outdir,
  bundle: true,
  splitting: true, // The dynamic imports of each command stay lazy, as chunks.
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // jsonc-parser's `main` is a UMD build with dynamic requires; its `module` build is plain ESM.
  mainFields: ['module', 'main'],
  chunkNames: 'chunks/[name]-[hash]',
  // jiti (configs in TypeScript) loads its compiler from files beside its own: it stays in node_modules.
  external: ['jiti'],
  // The CommonJS dependencies (handlebars, swagger-parser...) `require` Node built-ins.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
});
