import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cfn, handlers, mock, sdk, type TargetRunResult } from '../../src/index.js';

/** One golden output: a target of a fixture (test/support/golden-cases.json), stored in test/golden/<folder>. */
export interface GoldenCase {
  folder: string;
  target: 'sdk' | 'handlers' | 'mock' | 'cfn';
  /** Relative to the repository root, the working directory of the run (mock names it in its header). */
  document: string;
  /** The file a mock or cfn output is written to, in the folder. */
  file?: string;
  /** mock: every operation. */
  all?: boolean;
  /** sdk: `format: date-time` strings as `Date`s. */
  dates?: boolean;
}

/**
 * Generates a case into `folder` through the library, as scripts/update-golden.mjs does (keep
 * them alike). cfn looks for its config in an empty folder, so that no config file of the
 * machine's changes the template.
 */
export function generateCase(golden: GoldenCase, folder: string): Promise<TargetRunResult> {
  const { document } = golden;
  const out = golden.file ? join(folder, golden.file) : folder;
  switch (golden.target) {
    case 'sdk':
      return sdk({ document, out, ...(golden.dates ? { dates: true } : {}) });
    case 'handlers':
      return handlers({ document, out });
    case 'mock':
      return mock({ document, out, all: golden.all ?? false });
    case 'cfn':
      return cfn({ document, out, cwd: mkdtempSync(join(tmpdir(), 'apigw-gen-golden-config-')) });
  }
}
