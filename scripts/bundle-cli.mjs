// Bundles the CLI into dist/bin/ (run after tsc). Loading ~100 ES modules one by one (ours,
// yargs, handlebars, the parsers) costs Node 20 ~150 ms on every `apigw-gen` start; one bundle
// with lazily loaded chunks per pipeline stage costs a fraction of that. The library entry
// (dist/index.js) stays tsc's output.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist/bin');

/**
 * yargs lays out help text with string-width, whose module start-up (an Intl.Segmenter and a
 * regular expression over every emoji) cost ~35 ms of every run: yargs renders the help of each
 * command it runs, in case it fails. In the bundle, each `import stringWidth from 'string-width'`
 * gets a stand-in that answers for printable ASCII (one column a character, all of our help text)
 * and otherwise initializes the real module, through esbuild's lazily evaluated `require`.
 */
const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(build) {
    build.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData?.real) return undefined;
      const real = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: { real: true } });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, namespace: 'lazy-string-width' };
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy-string-width' }, (args) => ({
      contents: [
        'let real;',
        'export default function stringWidth(text, options) {',
        "  if (typeof text === 'string' && /^[\\x20-\\x7e]*$/.test(text)) return text.length;",
        `  real ??= require(${JSON.stringify(args.path)}).default;`,
        '  return real(text, options);',
        '}',
      ].join('\n'),
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

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
  // The CommonJS dependencies (handlebars, swagger-parser...) `require` Node built-ins.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
});
