#!/usr/bin/env node
// Thin shim: the CLI lives in dist/, built by `npm run build`.
import { existsSync } from 'node:fs';

process.setSourceMapsEnabled?.(true);
process.title = 'apigw-gen';
const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('apigw-gen is not built: run `npm run build` in its folder.\n');
  process.exit(3);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
