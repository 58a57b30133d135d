import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadApi } from '../../../src/index.js';
import { bumpVersion, changelogEntry, prependEntry } from '../../../src/release/changelog.js';
import { bumpFor, compareApis } from '../../../src/release/compare-apis.js';

/** Pairs of documents with known changes give the expected bump and changelog lines. */

const MOCK = {
  type: 'mock',
  requestTemplates: { 'application/json': '{"statusCode": 200}' },
  responses: { default: { statusCode: '200' } },
};

interface Schema {
  type?: string;
  required?: string[];
  properties?: Record<string, Schema>;
  enum?: string[];
  items?: Schema;
  $ref?: string;
}
interface Operation {
  operationId: string;
  summary?: string;
  parameters: object[];
  responses: object;
  'x-amazon-apigateway-integration': object;
}
interface PetsDocument {
  openapi: string;
  info: object;
  paths: Record<string, { get: Operation }>;
  components: { schemas: Record<string, Schema> };
}

function petsApi(): PetsDocument {
  return {
    openapi: '3.0.3',
    info: { title: 'Pets', version: '1.0.0' },
    paths: {
      '/pets': {
        get: {
          operationId: 'listPets',
          summary: 'List pets',
          parameters: [{ name: 'limit', in: 'query', required: false, schema: { type: 'integer' } }],
          responses: {
            '200': {
              description: 'The pets',
              content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Pet' } } } },
            },
          },
          'x-amazon-apigateway-integration': MOCK,
        },
      },
    },
    components: {
      schemas: {
        Pet: {
          type: 'object',
          required: ['name'],
          properties: { name: { type: 'string' }, kind: { type: 'string', enum: ['cat', 'dog'] } },
        },
      },
    },
  };
}

async function modelOf(document: unknown) {
  const path = join(mkdtempSync(join(tmpdir(), 'apigw-gen-compare-')), 'openapi.json');
  writeFileSync(path, JSON.stringify(document));
  return (await loadApi(path, { lenient: true })).model;
}

async function changesFor(edit: (document: PetsDocument) => void) {
  const next = petsApi();
  edit(next);
  const changes = compareApis(await modelOf(petsApi()), await modelOf(next));
  return { bump: bumpFor(changes), lines: changes.map((change) => `${change.level}: ${change.message}`) };
}

describe('compareApis', () => {
  it.each([
    [
      'a summary: documentation only',
      (d: PetsDocument) => (d.paths['/pets']!.get.summary = 'All the pets'),
      'patch',
      ['patch: updated the description of listPets (GET /pets)'],
    ],
    [
      'a new operation',
      (d: PetsDocument) =>
        (d.paths['/pets/{id}'] = {
          get: {
            operationId: 'getPet',
            parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
            responses: { '200': { description: 'A pet' } },
            'x-amazon-apigateway-integration': MOCK,
          },
        }),
      'minor',
      ['minor: added operation getPet (GET /pets/{id})'],
    ],
    [
      'a new optional field',
      (d: PetsDocument) => (d.components.schemas.Pet!.properties!.age = { type: 'integer' }),
      'minor',
      ['minor: added the optional field age of schema Pet'],
    ],
    [
      'a removed operation',
      (d: PetsDocument) => {
        d.paths['/cats'] = d.paths['/pets']!;
        d.paths['/cats'].get.operationId = 'listCats';
        delete d.paths['/pets'];
      },
      'major',
      ['minor: added operation listCats (GET /cats)', 'major: removed operation listPets (GET /pets)'],
    ],
    [
      'a new required parameter',
      (d: PetsDocument) =>
        d.paths['/pets']!.get.parameters.push({ name: 'owner', in: 'query', required: true, schema: { type: 'string' } }),
      'major',
      ['major: added the required query owner parameter of listPets (GET /pets)'],
    ],
    [
      'a removed field and a removed enum value',
      (d: PetsDocument) => {
        delete d.components.schemas.Pet!.properties!.name;
        d.components.schemas.Pet!.required = [];
        d.components.schemas.Pet!.properties!.kind!.enum = ['cat'];
      },
      'major',
      ['major: removed "dog" from field kind of schema Pet', 'major: removed field name of schema Pet'],
    ],
    ['nothing', () => {}, 'patch', []],
  ])('%s', async (_name, edit, bump, lines) => {
    expect(await changesFor(edit)).toStrictEqual({ bump, lines });
  });
});

describe('the changelog', () => {
  it('bumps versions by level', () => {
    expect([
      bumpVersion('1.4.2', 'major'),
      bumpVersion('1.4.2', 'minor'),
      bumpVersion('1.4.2', 'patch'),
      bumpVersion('2.0.0-rc.1', 'patch'),
    ]).toStrictEqual(['2.0.0', '1.5.0', '1.4.3', '2.0.1']);
  });

  it('groups an entry by level and puts it on top of the earlier ones', () => {
    const entry = changelogEntry('2.0.0', [
      { level: 'minor', message: 'added operation getPet (GET /pets/{id})' },
      { level: 'major', message: 'removed operation listPets (GET /pets)' },
    ]);
    expect(entry).toBe(
      '## 2.0.0\n\n### Breaking changes\n\n- removed operation listPets (GET /pets)\n\n### Features\n\n- added operation getPet (GET /pets/{id})\n',
    );
    const first = prependEntry(undefined, changelogEntry('1.0.1', []));
    expect(first).toBe('# Changelog\n\n## 1.0.1\n\nNo change to the API.\n');
    expect(prependEntry(first, entry)).toBe(`# Changelog\n\n${entry}\n## 1.0.1\n\nNo change to the API.\n`);
  });
});
