import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';

const run = promisify(execFile);
const examples = join(repoRoot, 'examples/library');

/**
 * The README's library examples compile against the built package's declarations (dist/index.d.ts,
 * reached as `apigw-gen` through the package's own `exports`), as a user's project would see them.
 */
describe('the library examples', () => {
  it('type-check against dist/index.d.ts', async () => {
    const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
    const { stdout } = await run(process.execPath, [tsc, '-p', join(examples, 'tsconfig.json'), '--traceResolution'], {
      cwd: repoRoot,
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(stdout, `where 'apigw-gen' resolves`).toContain(
      `Module name 'apigw-gen' was successfully resolved to '${join(repoRoot, 'dist/index.d.ts')}'`,
    );
  });

  it('are the ones the README shows', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('\n## Library\n'), readme.indexOf('\n## ', readme.indexOf('\n## Library\n') + 1));
    const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
    expect(blocks.length, `ts blocks in the README's Library section`).toBeGreaterThanOrEqual(5);
    const source = readFileSync(join(examples, 'library.ts'), 'utf8');
    for (const block of blocks) expect(source, `examples/library/library.ts`).toContain(block);
  });
});
