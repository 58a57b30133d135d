import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import jsYaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringLiteral } from '../../src/emit/layout.js';
import { MANIFEST, writePlan, type PlannedFile } from '../../src/emit/write-plan.js';
import { loadApi } from '../../src/index.js';
import { planSdk } from '../../src/targets/sdk/index.js';
import { expectPrettierFormatted } from '../support/prettier.js';
import { fixturesRoot, repoRoot } from '../support/paths.js';

/**
 * An SDK generated from a document whose names and texts try to break out of comments, strings,
 * identifiers and the output folder (fixtures/specs/hostile/hostile-names.yaml) compiles, runs,
 * and sends the document's names and values unchanged.
 */

const documentPath = join(fixturesRoot, 'hostile/hostile-names.yaml');

interface HostileDocument {
  paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown>; enum?: string[] }> };
}
/** The names and values the document holds, read independently of the generator. */
const document = jsYaml.load(readFileSync(documentPath, 'utf8')) as HostileDocument;
const queryNames = (document.paths['/items/{class}']!.get!.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
const propertyNames = Object.keys(document.components.schemas.class!.properties!);
const modes = document.components.schemas.Mode!.enum!;

/** Client methods, by operationId: reserved words and inherited member names get a `_`. */
const METHODS = [
  'aB',
  'class_',
  'constructor_',
  'default_',
  'delete_',
  'escape',
  'evil',
  'hasOwnProperty_',
  'injection',
  'proto',
  'request_',
  'toString_',
];

/** Checks, with the compiler, that the generated types hold exactly the document's keys and enum values. */
function typeConsumer(): string {
  const keys = (names: readonly string[]) => `{ ${names.map((name) => `${stringLiteral(name)}: true`).join(', ')} }`;
  return [
    `import type { DeleteParams, Models } from './index.js';`,
    `export const modes: Record<Models.Mode, true> = ${keys(modes)};`,
    `export const properties: Record<keyof Models.Class, true> = ${keys(propertyNames)};`,
    `export const query: Record<keyof NonNullable<DeleteParams['query']>, true> = ${keys(queryNames)};`,
    '',
  ].join('\n');
}

interface Received {
  method: string;
  url: string;
  body: string;
}

describe('SDK of a document with hostile names', () => {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ method: request.method ?? '', url: request.url ?? '', body });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
  });
  let files: PlannedFile[] = [];
  let parent = '';
  let out = '';
  let client: Record<string, (params?: object) => Promise<unknown>> = {};
  let Client: { prototype: object; name: string } | undefined;

  beforeAll(async () => {
    const { model } = await loadApi(documentPath, { lenient: true });
    files = planSdk(model, {});
    parent = mkdtempSync(join(tmpdir(), 'apigw-gen-sdk-hostile-'));
    out = join(parent, 'client');
    writePlan(out, files);
    writeFileSync(join(out, 'src/type-consumer.ts'), typeConsumer());
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  }, 60_000);

  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('plans and writes every file inside the output folder', () => {
    for (const { path } of files) {
      expect(path).toMatch(/^([a-z][a-z0-9./-]*|README\.md)$/);
      expect(isAbsolute(path) || path.split('/').includes('..')).toBe(false);
      expect(resolve(out, path).startsWith(out + sep)).toBe(true);
    }
    expect(readdirSync(parent)).toStrictEqual(['client']);
    const written = readdirSync(out, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(out, join(entry.parentPath, entry.name)).split(sep).join('/'))
      .sort();
    expect(written).toStrictEqual([...files.map((file) => file.path), MANIFEST, 'src/type-consumer.ts'].sort());
  });

  it('is laid out as Prettier would, and compiles under tsc --strict with exactly the document’s keys and enum values', async () => {
    await expectPrettierFormatted(files);
    const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
    expect(execFileSync(process.execPath, [tsc, '-p', join(out, 'tsconfig.json'), '--pretty', 'false'], { encoding: 'utf8' })).toBe('');
    const module = (await import(pathToFileURL(join(out, 'dist/index.js')).href)) as Record<string, unknown>;
    const name = Object.keys(module).find((key) => /^[A-Z]\w*Client$/.test(key))!;
    Client = module[name] as typeof Client;
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    client = new (Client as unknown as new (options: object) => typeof client)({ baseUrl: `http://127.0.0.1:${port}/prod` });
  });

  it('has one method per operation, none replacing an inherited member', () => {
    expect(Object.getOwnPropertyNames(Client!.prototype).sort()).toStrictEqual(['constructor', ...METHODS].sort());
    expect(String(client)).toBe('[object Object]');
    expect((client as object).valueOf()).toBe(client);
    expect(received).toStrictEqual([]);
  });

  it('sends hostile query names and enum values unchanged, and only the parameters given', async () => {
    received.length = 0;
    for (const mode of modes) {
      const query = Object.fromEntries(
        queryNames.map((name) => [name, name === 'mode' ? mode : name === 'delete' ? 7 : `${name}=${mode}&`]),
      );
      await client.delete_!({ path: { class: '../x y' }, query });
    }
    await client.delete_!({ path: { class: 'c' }, query: { mode: modes[0] } });
    expect(received).toHaveLength(modes.length + 1);
    modes.forEach((mode, index) => {
      const url = new URL(received[index]!.url, 'http://127.0.0.1');
      expect(url.pathname).toBe('/prod/items/..%2Fx%20y');
      // In the generator's order (sorted by name), which the comparison ignores.
      expect(new Map(url.searchParams)).toStrictEqual(
        new Map(queryNames.map((name) => [name, name === 'mode' ? mode : name === 'delete' ? '7' : `${name}=${mode}&`])),
      );
      expect(url.searchParams.size).toBe(queryNames.length);
    });
    // Parameters named constructor, toString or __proto__ are not sent when not given.
    expect(received.at(-1)!.url).toBe(`/prod/items/c?mode=${encodeURIComponent(modes[0]!)}`);
  });

  it('sends bodies with hostile property keys unchanged, and calls every method', async () => {
    received.length = 0;
    const body = Object.fromEntries(propertyNames.map((name) => [name, name]));
    await client.class_!({ path: { class: 'k' }, body });
    expect(JSON.parse(received[0]!.body)).toStrictEqual(body);
    for (const method of METHODS.filter((name) => !['delete_', 'class_'].includes(name))) {
      await client[method]!({ path: { class: 'k', id: 'i' } });
    }
    expect(received.map((request) => `${request.method} ${request.url}`)).toStrictEqual([
      'PUT /prod/items/k',
      'GET /prod/things/i',
      'GET /prod/things',
      'DELETE /prod/items/k',
      'PATCH /prod/things',
      'POST /prod/things/i',
      'PATCH /prod/things/i',
      'PUT /prod/things/i',
      'POST /prod/things',
      'DELETE /prod/things',
      'PUT /prod/things',
    ]);
  });
});

describe('writePlan with paths named after hostile document names', () => {
  it.each([
    'src/../../escape.ts',
    '../escape.ts',
    'src/../../../etc/passwd',
    'a/./../../b.ts',
    '..',
    '.',
    'src/..',
    '/tmp/escape.ts',
    './',
  ])('refuses %j and writes nothing anywhere', (path) => {
    const parent = mkdtempSync(join(tmpdir(), 'apigw-gen-hostile-plan-'));
    const out = join(parent, 'nested', 'client');
    mkdirSync(join(parent, 'nested'));
    const plan: PlannedFile[] = [
      { path: 'src/ok.ts', contents: 'ok', ownership: 'generated' },
      { path, contents: 'escaped', ownership: 'generated' },
    ];
    expect(() => writePlan(out, plan)).toThrow(/refusing to write outside the output folder/);
    expect(readdirSync(parent, { recursive: true })).toStrictEqual(['nested']);
    expect(relative(parent, out)).toBe(join('nested', 'client'));
  });
});
