import { mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { GenerateResult } from '../../src/generate/generate-types.js';
import { watchGenerate } from '../../src/generate/watch.js';

/**
 * `generate --watch`: one run at start, one run for a burst of changes to a `$ref`ed file, a
 * failed run that keeps watching, and a run again once the mistake is fixed.
 */

const API = `openapi: 3.0.3
info: { title: Pets, version: 1.0.0 }
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        '200':
          description: The pets
          content:
            application/json:
              schema: { $ref: './schemas/pet.yaml' }
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: { application/json: '{"statusCode": 200}' }
        responses: { default: { statusCode: '200' } }
`;

const petWith = (field: string) => `type: object\nproperties:\n  ${field}: { type: string }\n`;

/** Waits for a condition, polling, for at most 10 s: a bound on the test, not a measurement. */
async function until(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 200 && !condition(); attempt++) await sleep(50);
  expect(condition()).toBe(true);
}

describe('generate --watch', () => {
  it('runs once per burst of changes, survives a broken document and runs again when it is fixed', async () => {
    const folder = realpathSync(mkdtempSync(join(tmpdir(), 'apigw-gen-watch-')));
    mkdirSync(join(folder, 'schemas'));
    writeFileSync(join(folder, 'api.yaml'), API);
    writeFileSync(join(folder, 'schemas/pet.yaml'), petWith('name'));
    writeFileSync(join(folder, 'apigw-gen.config.yaml'), 'targets:\n  - { type: sdk, document: api.yaml, out: sdk }\n');
    const outcomes: ({ result: GenerateResult } | { error: unknown })[] = [];
    const controller = new AbortController();
    const watching = watchGenerate({
      cwd: folder,
      debounceMs: 200,
      signal: controller.signal,
      onRun: (outcome) => void outcomes.push(outcome),
    });
    const models = () => readFileSync(join(folder, 'sdk/src/models.gen.ts'), 'utf8');
    try {
      await until(() => outcomes.length === 1);
      expect(models()).toContain('name');

      for (const field of ['colour', 'size', 'weight']) writeFileSync(join(folder, 'schemas/pet.yaml'), petWith(field));
      await until(() => outcomes.length === 2);
      expect(models()).toContain('weight');
      expect(models()).not.toContain('colour');

      writeFileSync(join(folder, 'schemas/pet.yaml'), 'type: [object\n');
      await until(() => outcomes.length === 3);
      expect(outcomes[2]).toHaveProperty('error');
      expect(models()).toContain('weight');

      writeFileSync(join(folder, 'schemas/pet.yaml'), petWith('age'));
      await until(() => outcomes.length === 4);
      expect(models()).toContain('age');
      expect(
        outcomes
          .slice(0, 2)
          .concat(outcomes[3]!)
          .every((outcome) => 'result' in outcome),
      ).toBe(true);
    } finally {
      controller.abort();
      await watching;
    }
    expect(outcomes).toHaveLength(4);
  });
});
