import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { validate } from '../../src/index.js';
import { corpusRoot } from '../support/paths.js';

/**
 * What `validate` finds in the real API Gateway documents of the corpus (fixtures/corpus). Each finding was
 * reviewed by hand against the AWS developer guide once (see the closing note of issue 2); a
 * change in a rule shows up here as a diff to review again.
 */
it('pins the findings of validate over corpus/apigw', async () => {
  const folder = join(corpusRoot, 'apigw');
  const findings: Record<string, string[]> = {};
  for (const name of readdirSync(folder).sort()) {
    const result = await validate(join(folder, name));
    findings[name] = [
      `kind: ${result.apiKind?.kind ?? 'not loaded'}`,
      ...result.diagnostics.map((diagnostic) => `${diagnostic.severity} ${diagnostic.code} ${diagnostic.pointer}`),
    ];
  }
  await expect(JSON.stringify(findings, null, 2) + '\n').toMatchFileSnapshot('./__snapshots__/apigw-findings.json');
});
