// Regenerates the golden outputs in test/golden/ (`npm run golden:update`, which builds first):
// each case of test/support/golden-cases.json is generated through the built library, from the
// repository root, into a cleared folder, so that scaffolds (written only when absent) are
// regenerated too and a file the generator no longer writes disappears. Review the diff and commit
// it. test/support/golden-case.ts generates the cases the same way for test/targets/golden.test.ts.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { cfn, handlers, mock, sdk } from '../dist/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const cases = JSON.parse(readFileSync('test/support/golden-cases.json', 'utf8'));

// Folders of cases removed from the list go too: test/golden holds only generated files.
for (const fixture of readdirSync('test/golden', { withFileTypes: true })) {
  if (fixture.isDirectory()) rmSync(join('test/golden', fixture.name), { recursive: true, force: true });
}
for (const golden of cases) {
  const folder = `test/golden/${golden.folder}`;
  const out = golden.file ? `${folder}/${golden.file}` : folder;
  const { document } = golden;
  const generators = {
    sdk: () => sdk({ document, out, ...(golden.dates ? { dates: true } : {}) }),
    handlers: () => handlers({ document, out }),
    mock: () => mock({ document, out, all: golden.all ?? false }),
    // An empty folder to look for a config in: no config file of the machine changes the template.
    cfn: () => cfn({ document, out, cwd: mkdtempSync(join(tmpdir(), 'apigw-gen-golden-config-')) }),
  };
  const { report } = await generators[golden.target]();
  for (const line of report) process.stdout.write(`${line}\n`);
}
