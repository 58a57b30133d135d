#!/usr/bin/env node
// Thin shim: the CLI is bundled into dist/bin/ by `npm run build`.
import { existsSync } from 'node:fs';

// Source maps cost start-up time on every run; stack traces only matter with --debug.
if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);
process.title = 'apigw-gen';
const entry = new URL('../dist/bin/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('apigw-gen is not built: run `npm run build` in its folder.\n');
  process.exit(3);
}
const args = process.argv.slice(2);
// `generate` with nothing to do answers without loading the CLI: a prebuild hook runs it on every build.
const noOp = args[0] === 'generate' && (await import(new URL('../dist/bin/no-op-generate.js', import.meta.url).href)).noOpGenerate;
if (noOp && (await noOp(args))) {
  process.exitCode = 0;
} else {
  const { main } = await import(entry.href);
  process.exitCode = await main(args);
}
