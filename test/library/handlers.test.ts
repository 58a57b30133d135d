import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { handlers, type HandlersOptions } from '../../src/index.js';
import { fixturesRoot } from '../support/paths.js';

const document = join(fixturesRoot, 'valid/rest-handlers.yaml');

describe('handlers()', () => {
  it('with dryRun, returns generated files and scaffolds and writes nothing', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'apigw-gen-lib-handlers-')), 'handlers');
    const options: HandlersOptions = { document, out, dryRun: true };
    const run = await handlers(options);
    expect(existsSync(out), `the output folder after a dry run`).toBe(false);
    expect(run.written, `what a dry run wrote`).toBeUndefined();
    const ownership = new Set(run.files.map((file) => file.ownership));
    expect([...ownership].sort(), `ownership of the planned files`).toEqual(['generated', 'scaffold']);
    expect(
      run.files.some((file) => file.path.startsWith('src/functions/') && file.ownership === 'scaffold'),
      `a scaffolded implementation among ${run.files.map((file) => file.path).join(', ')}`,
    ).toBe(true);
  });

  it('writes once, then keeps the implementations the user edited', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'apigw-gen-lib-handlers-')), 'handlers');
    const first = await handlers({ document, out });
    const scaffold = first.files.find((file) => file.ownership === 'scaffold' && file.path.startsWith('src/functions/'))!;
    writeFileSync(join(out, scaffold.path), '// my implementation\n');
    const second = await handlers({ document, out });
    expect(second.written?.kept, `scaffolds kept by the second run`).toContain(scaffold.path);
    expect(second.written?.written, `files rewritten by the second run`).toEqual([]);
    expect(readFileSync(join(out, scaffold.path), 'utf8'), `the user's implementation`).toBe('// my implementation\n');
    expect(second.report[0], `first report line`).toMatch(/^.+: 0 written, \d+ unchanged, 0 removed, \d+ of your files kept$/);
  });
});
