import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import jsYaml from 'js-yaml';
import { beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CommandIo } from '../../src/cli/run-command.js';
import { linkDependencies } from '../support/link-dependencies.js';
import { compile } from '../support/handlers-package.js';
import { fixturesRoot } from '../support/paths.js';

/**
 * `apigw-gen handlers` run again on an output folder: implementations the user wrote stay byte
 * for byte (even with --force), unchanged generated files keep their modification time, a
 * changed document updates the generated types and adds stubs for new operations, and stubs
 * whose operation left the document are reported and kept.
 */

async function run(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const io: CommandIo = { stdout: () => undefined, stderr: (text) => (stderr += text), color: false };
  return { code: await main(args, io), stderr };
}

/** Every file under a folder with its bytes, by path relative to it (linked node_modules aside). */
function readTree(root: string): Map<string, string> {
  return new Map(
    readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && !join(entry.parentPath, entry.name).includes(`${sep}node_modules${sep}`))
      .map((entry) => join(entry.parentPath, entry.name))
      .sort()
      .map((path) => [relative(root, path).split(sep).join('/'), readFileSync(path, 'utf8')]),
  );
}

interface Document {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, { required?: string[]; properties: Record<string, unknown> }> };
}

const original = jsYaml.load(readFileSync(join(fixturesRoot, 'valid/rest-lambda-proxy.yaml'), 'utf8')) as Document;

/** The bookstore with one operation more (`listReviews`), one less (`deleteBook`), and a new required property of Book. */
function changedDocument(): Document {
  const document = structuredClone(original);
  const books = document.paths['/books/{bookId}']!;
  const integration = (books.get as Record<string, unknown>)['x-amazon-apigateway-integration'];
  delete books.delete;
  document.paths['/books/{bookId}/reviews'] = {
    parameters: [{ name: 'bookId', in: 'path', required: true, schema: { type: 'string' } }],
    get: {
      operationId: 'listReviews',
      parameters: [{ name: 'stars', in: 'query', schema: { type: 'integer' } }],
      responses: {
        '200': { description: 'The reviews.', content: { 'application/json': { schema: { type: 'array', items: { type: 'string' } } } } },
      },
      'x-amazon-apigateway-integration': integration,
    },
  };
  const book = document.components.schemas.Book!;
  book.properties.pages = { type: 'integer' };
  book.required = [...(book.required ?? []), 'pages'];
  return document;
}

const MY_GET_BOOK = `import type { GetBookHandler } from './operations.gen.js';

// Mine: a real implementation.
export const getBook: GetBookHandler = ({ path }) => ({ statusCode: 200, body: { id: path.bookId, title: 'Tehanu', author: 'Ursula K. Le Guin' } });
`;

const functionFolder = 'src/functions/bookstore-books';

describe('handlers regenerated over an earlier output', () => {
  let parent = '';
  let out = '';
  let documentPath = '';

  /** A config file whose one target is these handlers. */
  const writeConfig = () => {
    const path = join(parent, 'apigw-gen.config.json');
    writeFileSync(path, JSON.stringify({ targets: [{ type: 'handlers', document: 'openapi.yaml', out: 'services/api' }] }));
    return path;
  };

  beforeEach(async () => {
    parent = mkdtempSync(join(tmpdir(), 'apigw-gen-handlers-regen-'));
    out = join(parent, 'services/api');
    documentPath = join(parent, 'openapi.yaml');
    writeFileSync(documentPath, jsYaml.dump(original));
    const first = await run(['handlers', documentPath, '-o', out]);
    if (first.code !== 0) throw new Error(`the first generation failed: ${first.stderr}`);
    writeFileSync(join(out, functionFolder, 'get-book.ts'), MY_GET_BOOK);
  });

  it('leaves edited stubs byte for byte and unchanged files with their modification time, with and without --force', async () => {
    const old = new Date('2020-01-01T00:00:00Z');
    const generated = join(out, functionFolder, 'operations.gen.ts');
    utimesSync(generated, old, old);
    const before = readTree(out);
    for (const args of [[], ['--force']]) {
      const { code, stderr } = await run(['handlers', documentPath, '-o', out, ...args]);
      expect(code).toBe(0);
      expect(stderr).toMatch(/: 0 written, \d+ unchanged, 0 removed, \d+ of your files kept\n$/);
      expect(readTree(out)).toStrictEqual(before);
      expect(readFileSync(join(out, functionFolder, 'get-book.ts'), 'utf8')).toBe(MY_GET_BOOK);
      expect(statSync(generated).mtime.toISOString()).toBe(old.toISOString());
    }
  });

  it('leaves a deleted example test deleted (the user’s decision), and a deleted stub, which the router imports, comes back; --force restores both', async () => {
    const example = join(out, functionFolder, 'get-book.test.ts');
    const stub = join(out, functionFolder, 'update-book.ts');
    const exampleSource = readFileSync(example, 'utf8');
    const stubSource = readFileSync(stub, 'utf8');
    rmSync(example);
    rmSync(stub);
    const again = await run(['handlers', documentPath, '-o', out]);
    expect(again.code, `run`).toBe(0);
    expect(again.stderr, `report`).toMatch(/: 1 written, \d+ unchanged, 0 removed, \d+ of your files kept\n$/);
    expect(existsSync(example), `the example test`).toBe(false);
    expect(readFileSync(stub, 'utf8'), `the stub`).toBe(stubSource);
    expect((await run(['generate', '--check', '--config', writeConfig()])).code, `--check sees nothing stale`).toBe(0);
    expect((await run(['handlers', documentPath, '-o', out, '--force'])).code, `forced run`).toBe(0);
    expect(readFileSync(example, 'utf8'), `restored by --force`).toBe(exampleSource);
  });

  it('updates generated types for a changed document, adds stubs for new operations, and reports stubs whose operation left', async () => {
    const before = readTree(out);
    writeFileSync(documentPath, jsYaml.dump(changedDocument()));
    const { code, stderr } = await run(['handlers', documentPath, '-o', out]);
    expect(code).toBe(0);
    const orphan = join(out, functionFolder, 'delete-book.ts');
    expect(stderr).toContain(
      `apigw-gen handlers: ${orphan}: what it implements (an operation, function or authorizer) is no longer in the document; kept, delete it when you no longer need it.\n`,
    );
    const after = readTree(out);
    // Kept: the edited stub and the orphaned one, byte for byte.
    expect(after.get(`${functionFolder}/get-book.ts`)).toBe(MY_GET_BOOK);
    expect(after.get(`${functionFolder}/delete-book.ts`)).toBe(before.get(`${functionFolder}/delete-book.ts`));
    // Added: the new operation's stub, typed, routed and answering 501.
    expect(before.has(`${functionFolder}/list-reviews.ts`)).toBe(false);
    expect(after.get(`${functionFolder}/list-reviews.ts`)).toContain(
      'export const listReviews: ListReviewsHandler = () => Runtime.notImplemented();',
    );
    const types = after.get(`${functionFolder}/operations.gen.ts`)!;
    expect(types).toContain('export interface ListReviewsRequest {');
    expect(types).not.toContain('DeleteBook');
    expect(after.get(`${functionFolder}/handler.gen.ts`)).toContain("import { listReviews } from './list-reviews.js';");
    expect(after.get(`${functionFolder}/handler.gen.ts`)).not.toContain('delete-book');
    expect(after.get('src/models.gen.ts')).toContain('pages: number;');
    // Reported again on the next run, until the user deletes it.
    expect((await run(['handlers', documentPath, '-o', out])).stderr).toContain(
      `${orphan}: what it implements (an operation, function or authorizer) is no longer in the document`,
    );

    // The contract change shows as compile errors in the user's files, never as an overwrite.
    linkDependencies(out, { dev: true });
    const errors = (await compile(out)).split('\n').filter((line) => /^\S.*error TS/.test(line));
    expect(errors.map((line) => line.replace(/\(.*$/, ''))).toStrictEqual([
      `${functionFolder}/delete-book.ts`,
      `${functionFolder}/get-book.ts`,
    ]);
  });

  it('writes only sources into a folder with a package.json of the user’s, and says which dev dependencies to add', async () => {
    const theirs = join(parent, 'theirs');
    mkdirSync(theirs);
    const packageJson = `${JSON.stringify({ name: 'theirs', devDependencies: { typescript: '5.9.3' } }, null, 2)}\n`;
    writeFileSync(join(theirs, 'package.json'), packageJson);
    const { code, stderr } = await run(['handlers', documentPath, '-o', theirs]);
    expect(code).toBe(0);
    expect(readFileSync(join(theirs, 'package.json'), 'utf8')).toBe(packageJson);
    expect(readdirSync(theirs).sort()).toStrictEqual(['.apigw-gen-manifest.json', 'package.json', 'src']);
    expect(stderr).toContain(
      `${join(theirs, 'package.json')} is yours, so only sources were written; add what they need to build: npm install --save-dev @types/aws-lambda@^8.10.164 @types/node@^20.19.43\n`,
    );
    // The package.json written into a fresh folder is apigw-gen's scaffold: later runs keep planning it, and never rewrite it.
    const scaffolded = join(out, 'package.json');
    writeFileSync(scaffolded, readFileSync(scaffolded, 'utf8').replace('"version": "0.0.0"', '"version": "1.0.0"'));
    const again = await run(['handlers', documentPath, '-o', out]);
    expect(again.stderr).not.toContain('is yours');
    expect(readFileSync(scaffolded, 'utf8')).toContain('"version": "1.0.0"');
    expect(readTree(out).has('tsconfig.json')).toBe(true);
  });

  it('refuses to overwrite a file at a generated path that it did not write, unless --force, which still spares the stubs', async () => {
    const fresh = join(parent, 'fresh');
    const catalogRouter = join(fresh, 'src/functions/catalog/handler.gen.ts');
    mkdirSync(join(fresh, 'src/functions/catalog'), { recursive: true });
    writeFileSync(catalogRouter, '// mine\n');
    writeFileSync(join(fresh, 'src/functions/catalog/catalog-proxy.ts'), '// my implementation\n');
    const refused = await run(['handlers', documentPath, '-o', fresh]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('handler.gen.ts exists and was not generated by apigw-gen');
    expect(readdirSync(fresh)).toStrictEqual(['src']);
    const forced = await run(['handlers', documentPath, '-o', fresh, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(catalogRouter, 'utf8')).toContain('Runtime.restHandler(');
    expect(readFileSync(join(fresh, 'src/functions/catalog/catalog-proxy.ts'), 'utf8')).toBe('// my implementation\n');
  });
});
