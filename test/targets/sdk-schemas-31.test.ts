import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadApi } from '../../src/index.js';
import { planSdk } from '../../src/targets/sdk/index.js';
import { compile } from '../support/handlers-package.js';
import { fixturesRoot } from '../support/paths.js';
import { expectPrettierFormatted } from '../support/prettier.js';
import { writeSdk } from '../support/sdk-package.js';

/**
 * OpenAPI 3.1 schemas in fixtures/specs/features/schemas-31.yaml, as a consumer of the generated
 * SDK sees them (tsc --strict). Expected types:
 * - `prefixItems` make a tuple; elements past `minItems` may be absent, `items` types the rest and
 *   `items: false` allows none (JSON Schema 2020-12 core, 10.3.1.1 and 10.3.1.2:
 *   https://json-schema.org/draft/2020-12/json-schema-core#section-10.3.1.1).
 * - A discriminator without `mapping`: a member is matched by its schema name (OpenAPI 3.1.0
 *   Discriminator Object, "implicit" mapping: https://spec.openapis.org/oas/v3.1.0#discriminator-object),
 *   unless it fixes the property's value itself (`const`, a one-value `enum`), which is then its value.
 */
const consumer = `
import type { Models } from './index.js';

export const point: Models.Point = [1, 2];
// @ts-expect-error items: false closes the tuple
export const tooLong: Models.Point = [1, 2, 3];
// @ts-expect-error minItems: 2
export const tooShort: Models.Point = [1];
export const labelled: Models.Labelled[] = [[], ['a'], ['a', 1], ['a', 1, { any: 'thing' }]];
// @ts-expect-error the second element is an integer
export const badLabel: Models.Labelled = ['a', 'b'];
export const row: Models.Row = ['key', true, false];
// @ts-expect-error the rest are booleans
export const badRow: Models.Row = ['key', 'x'];
// @ts-expect-error the first element is required (minItems: 1)
export const emptyRow: Models.Row = [];

export const pets: Models.Pet[] = [
  { petType: 'cat', meows: true },
  { petType: 'dog', barks: false },
  { petType: 'Lizard', scales: 3 },
];
// @ts-expect-error a cat is matched by its own value, not its schema name
export const named: Models.Pet = { petType: 'Cat', meows: true };

export function sound(pet: Models.Pet): string {
  if (pet.petType === 'cat') return String(pet.meows);
  if (pet.petType === 'dog') return String(pet.barks);
  return String(pet.scales);
}
`;

describe('OpenAPI 3.1 tuples and discriminators without a mapping', () => {
  it('type as JSON Schema and OpenAPI say, in a package that compiles and is laid out as Prettier would', async () => {
    const { model } = await loadApi(join(fixturesRoot, 'features/schemas-31.yaml'));
    const files = planSdk(model, {});
    await expectPrettierFormatted(files.filter((file) => !file.path.startsWith('src/runtime/')));
    const output = await compile(writeSdk(files, { sources: { 'consumer.ts': consumer } }), ['--noEmit']);
    // An unused @ts-expect-error is an error too, so each refusal is checked.
    expect(output).toBe('');
  });
});
