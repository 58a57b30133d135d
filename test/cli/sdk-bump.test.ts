import { mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CommandIo } from '../../src/cli/run-command.js';
import { generate, loadApi } from '../../src/index.js';

/**
 * `sdk --bump`: the first release keeps info.version; each later one raises the version by what
 * changed since the last release and adds a CHANGELOG entry; regenerating between releases
 * changes neither the version nor the changelog.
 */

const API = (petFields: string, extraPath = '') => `openapi: 3.0.3
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
              schema: { $ref: '#/components/schemas/Pet' }
      x-amazon-apigateway-integration: { type: mock, requestTemplates: { application/json: '{"statusCode": 200}' } }
${extraPath}components:
  schemas:
    Pet:
      type: object
      properties:
${petFields}`;

const NAME = '        name: { type: string }\n';
const AGE = '        age: { type: integer }\n';
const OWNERS = `  /owners:
    get:
      operationId: listOwners
      responses: { '200': { description: The owners } }
      x-amazon-apigateway-integration: { type: mock, requestTemplates: { application/json: '{"statusCode": 200}' } }
`;

async function sdk(folder: string, ...args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const io: CommandIo = { stdout: () => {}, stderr: (text) => (stderr += text), color: false };
  const code = await main(['sdk', join(folder, 'api.yaml'), '-o', join(folder, 'sdk'), ...args], io);
  return { code, stderr };
}

describe('sdk --bump', () => {
  it('raises the version by what changed since the last release and lists the changes in CHANGELOG.md', async () => {
    const folder = realpathSync(mkdtempSync(join(tmpdir(), 'apigw-gen-bump-')));
    const version = () => (JSON.parse(readFileSync(join(folder, 'sdk/package.json'), 'utf8')) as { version: string }).version;
    const changelog = () => readFileSync(join(folder, 'sdk/CHANGELOG.md'), 'utf8');

    writeFileSync(join(folder, 'api.yaml'), API(NAME, OWNERS));
    expect((await sdk(folder, '--bump')).code).toBe(0);
    expect(version()).toBe('1.0.0');
    expect(changelog()).toBe('# Changelog\n\n## 1.0.0\n\nFirst release.\n');

    writeFileSync(join(folder, 'api.yaml'), API(NAME + AGE, OWNERS));
    const minor = await sdk(folder, '--bump');
    expect(minor.stderr).toContain('apigw-gen sdk: version 1.1.0 (minor, 1 change(s) since the last release; see CHANGELOG.md)');
    expect(version()).toBe('1.1.0');
    expect(changelog()).toBe(
      '# Changelog\n\n## 1.1.0\n\n### Features\n\n- added the optional field age of schema Pet\n\n## 1.0.0\n\nFirst release.\n',
    );

    writeFileSync(join(folder, 'api.yaml'), API(AGE));
    const released = changelog();
    expect((await sdk(folder)).code).toBe(0);
    expect(version()).toBe('1.1.0');
    expect(changelog()).toBe(released);

    expect((await sdk(folder, '--bump')).code).toBe(0);
    expect(version()).toBe('2.0.0');
    expect(changelog()).toBe(
      `# Changelog\n\n## 2.0.0\n\n### Breaking changes\n\n- removed operation listOwners (GET /owners)\n- removed field name of schema Pet\n\n${released.slice('# Changelog\n\n'.length)}`,
    );
  });

  it('releases the sdk targets of generate --bump, even when nothing changed since the last run', async () => {
    const folder = realpathSync(mkdtempSync(join(tmpdir(), 'apigw-gen-bump-')));
    const version = () => (JSON.parse(readFileSync(join(folder, 'sdk/package.json'), 'utf8')) as { version: string }).version;
    writeFileSync(join(folder, 'api.yaml'), API(NAME));
    writeFileSync(join(folder, 'apigw-gen.config.yaml'), 'targets:\n  - { type: sdk, document: api.yaml, out: sdk }\n');
    await generate({ cwd: folder, bump: true });
    expect(version()).toBe('1.0.0');

    writeFileSync(join(folder, 'api.yaml'), API(NAME + AGE));
    await generate({ cwd: folder });
    expect(version()).toBe('1.0.0');
    const release = await generate({ cwd: folder, bump: true });
    expect(release.cached).toBe(false);
    expect(release.targets[0]!.report).toContain('version 1.1.0 (minor, 1 change(s) since the last release; see CHANGELOG.md)');
    expect(version()).toBe('1.1.0');
    expect(readFileSync(join(folder, 'sdk/CHANGELOG.md'), 'utf8')).toContain(
      '## 1.1.0\n\n### Features\n\n- added the optional field age of schema Pet\n',
    );
  });

  it('keeps the version of a document that $refs other files when nothing changed, and names their schemas in its changes', async () => {
    const folder = realpathSync(mkdtempSync(join(tmpdir(), 'apigw-gen-bump-')));
    const version = () => (JSON.parse(readFileSync(join(folder, 'sdk/package.json'), 'utf8')) as { version: string }).version;
    const changelog = () => readFileSync(join(folder, 'sdk/CHANGELOG.md'), 'utf8');
    // Schemas used only through `$ref`s to other files: bundled, they are inlined where first used.
    writeFileSync(
      join(folder, 'api.yaml'),
      API('').replace("{ $ref: '#/components/schemas/Pet' }", "{ type: array, items: { $ref: 'pet.yaml' } }").split('components:')[0]!,
    );
    const pet = (fields: string) =>
      `type: object\nproperties:\n  name: { type: string }\n  owner: { $ref: 'schemas.yaml#/Owner' }\n${fields}`;
    writeFileSync(join(folder, 'pet.yaml'), pet(''));
    writeFileSync(join(folder, 'schemas.yaml'), 'Owner:\n  type: object\n  properties:\n    name: { type: string }\n');
    expect((await sdk(folder, '--bump')).code).toBe(0);
    const released = changelog();
    for (let run = 0; run < 2; run++) {
      const again = await sdk(folder, '--bump');
      expect(again.stderr).toContain('apigw-gen sdk: version 1.0.0 kept: no change since the last release');
      expect(version()).toBe('1.0.0');
      expect(changelog()).toBe(released);
    }
    const recorded = JSON.parse(readFileSync(join(folder, 'sdk/.apigw-gen/released-openapi.json'), 'utf8')) as {
      components: { schemas: Record<string, unknown> };
    };
    // Under the names the document's own model gives them (Pet from pet.yaml, not ListPetsResponse200Item).
    const { model } = await loadApi(join(folder, 'api.yaml'));
    expect(model.schemas.map((schema) => schema.typeName)).toContain('Pet');
    expect(Object.keys(recorded.components.schemas).sort()).toStrictEqual(model.schemas.map((schema) => schema.typeName).sort());

    writeFileSync(join(folder, 'pet.yaml'), pet('  age: { type: integer }\n'));
    expect((await sdk(folder, '--bump')).stderr).toContain('apigw-gen sdk: version 1.1.0 (minor, 1 change(s)');
    expect(changelog()).toContain('## 1.1.0\n\n### Features\n\n- added the optional field age of schema Pet\n');
  });
});
