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
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
