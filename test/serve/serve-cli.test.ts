import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesRoot, repoRoot } from '../support/paths.js';

describe('apigw-gen serve (the built bin)', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    '--port 0 picks a free port, prints the URL, answers, and stops cleanly on %s',
    async (signal) => {
      const child = spawn(
        process.execPath,
        [join(repoRoot, 'bin/apigw-gen.js'), 'serve', join(fixturesRoot, 'serve/rest-gateway.yaml'), '--port', '0'],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const found = /on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
          if (found) resolve(found[1]!);
        });
        child.once('exit', () => reject(new Error(`serve exited early: ${stderr}`)));
      });
      expect(stdout).toMatch(/^apigw-gen serve: REST API "Local gateway behaviour", stage prod, on http:\/\/127\.0\.0\.1:\d+\n$/);
      const response = await fetch(`${url}/pets/mine`);
      expect(await response.json()).toStrictEqual({ route: 'pets/mine' });
      child.kill(signal);
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(0);
      expect(stderr).toMatch(/^GET \/pets\/mine 200 mock [\d.]+ ms$/m);
    },
  );
});
