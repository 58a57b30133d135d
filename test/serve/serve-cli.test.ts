import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

  it('runs handlers in workers from the bundle: config environment, handler logs on stderr, process.exit() fails one request', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-serve-cli-'));
    writeFileSync(join(folder, 'package.json'), '{ "type": "module" }\n');
    const modules = {
      'env-function':
        'export const handler = async () => { console.log("log line"); return { statusCode: 200, body: process.env.GREETING }; };',
      'exit-function': 'export const handler = async () => process.exit(1);',
    };
    for (const [name, source] of Object.entries(modules)) {
      mkdirSync(join(folder, 'dist/functions', name), { recursive: true });
      writeFileSync(join(folder, 'dist/functions', name, 'index.js'), source);
    }
    writeFileSync(join(folder, 'apigw-gen.config.yaml'), 'api:\n  functions:\n    EnvFunction: { environment: { GREETING: hi } }\n');
    const child = spawn(
      process.execPath,
      [join(repoRoot, 'bin/apigw-gen.js'), 'serve', join(fixturesRoot, 'serve/rest-functions.yaml'), '--port', '0', '--handlers', folder],
      { cwd: folder, stdio: ['ignore', 'pipe', 'pipe'] },
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
    expect(await (await fetch(`${url}/env`)).text()).toBe('hi');
    const exited = await fetch(`${url}/exit`);
    expect(exited.status).toBe(502);
    expect(await (await fetch(`${url}/env`)).text()).toBe('hi');
    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(stdout).not.toContain('log line');
    expect(stderr).toContain('log line');
    expect(stderr).toMatch(/^GET \/exit 502 lambda [\d.]+ ms$/m);
  });
});
