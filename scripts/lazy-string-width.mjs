import { dirname } from 'node:path';

/**
 * An esbuild plugin for the CLI bundle. yargs lays out help text with string-width, whose module
 * start-up (an Intl.Segmenter and a regular expression over every emoji) cost ~35 ms of every run:
 * yargs renders the help of each command it runs, in case it fails. Each
 * `import stringWidth from 'string-width'` gets a stand-in that answers for printable ASCII (one
 * column a character, all of our help text) and otherwise initializes the real module, through
 * esbuild's lazily evaluated `require`.
 */
export const lazyStringWidth = {
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
