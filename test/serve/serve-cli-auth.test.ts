import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { fixturesRoot, repoRoot } from '../support/paths.js';

/** Runs the built bin's `serve` on the authorizers fixture, calls it, and stops it; resolves to what it printed. */
async function serve(extraArgs: string[], token: string): Promise<{ status: number; stderr: string }> {
  const child = spawn(
    process.execPath,
    [join(repoRoot, 'bin/apigw-gen.js'), 'serve', join(fixturesRoot, 'serve/rest-authorizers.yaml'), '--port', '0', ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'] },
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
  const { status } = await fetch(`${url}/profile`, { headers: { authorization: token } });
  child.kill('SIGINT');
  await once(child, 'exit');
  return { status, stderr };
}

describe('apigw-gen serve --no-verify-tokens (the built bin)', () => {
  const unsigned = new UnsecuredJWT({
    sub: 'dev',
    iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Vault1234',
    token_use: 'id',
    exp: Math.floor(Date.now() / 1000) + 600,
  }).encode();

  it('accepts an unsigned test token and warns loudly that tokens are not verified', async () => {
    const { status, stderr } = await serve(['--no-verify-tokens'], unsigned);
    // No --handlers: the operation answers from the document once authorized.
    expect(status).toBe(200);
    expect(stderr).toContain('WARNING: token signatures are NOT verified (--no-verify-tokens or serve.verifyTokens: false)');
  });

  it('refuses the same token by default, without the warning', async () => {
    const { status, stderr } = await serve([], unsigned);
    expect(status).toBe(401);
    expect(stderr).not.toContain('NOT verified');
  });
});
