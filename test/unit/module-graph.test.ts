import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCircular, parseDependencyTree, type Dependency, type DependencyTree } from 'dpdm';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';

/**
 * The layering of src/: no import cycles (type-only imports and lazy `import()`s included), the
 * serve command below the targets, and `src/index.ts` nothing but the public exports.
 */
describe('the module graph of src/', () => {
  let tree: DependencyTree;
  beforeAll(async () => {
    tree = await parseDependencyTree('src/**/*.ts', { context: repoRoot, cwd: repoRoot, transform: false });
  });

  it('reads every module of src/ and resolves every relative import', () => {
    const modules = Object.keys(tree).filter((id) => id.startsWith('src/'));
    expect(modules.length, `modules read`).toBeGreaterThan(150);
    const unresolved = modules.flatMap((id) =>
      (tree[id] ?? [])
        .filter((dependency) => dependency.request.startsWith('.') && dependency.id === null)
        .map((d) => `${id} → ${d.request}`),
    );
    expect(unresolved, `unresolved relative imports`).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(
      parseCircular(tree).map((cycle) => cycle.join(' → ')),
      `cycles`,
    ).toEqual([]);
  });

  it('keeps serve off the targets: what both need lives in src/model or below', () => {
    const fromServe = Object.entries(tree)
      .filter(([id]) => id.startsWith('src/serve/'))
      .flatMap(([id, dependencies]) =>
        (dependencies ?? []).filter((d) => d.id?.startsWith('src/targets/')).map((d) => `${id} → ${d.id ?? ''}`),
      );
    expect(fromServe, `serve modules importing a target`).toEqual([]);
  });

  it('finds a cycle when there is one (the check above can fail)', () => {
    const kind = 'StaticImport' as Dependency['kind']; // dpdm's enum of kinds is a type only
    const cyclic: DependencyTree = {
      'a.ts': [{ issuer: 'a.ts', request: './b.js', kind, id: 'b.ts' }],
      'b.ts': [{ issuer: 'b.ts', request: './a.js', kind, id: 'a.ts' }],
    };
    expect(parseCircular(cyclic), `cycles of a two-module loop`).toEqual([['a.ts', 'b.ts']]);
  });
});

describe('src/index.ts', () => {
  it('only re-exports: the library functions live in their own modules', () => {
    const path = join(repoRoot, 'src/index.ts');
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest);
    const other = source.statements
      .filter((statement) => !ts.isExportDeclaration(statement) || statement.moduleSpecifier === undefined)
      .map((statement) => statement.getText(source).split('\n')[0]);
    expect(other, `statements of src/index.ts other than export … from`).toEqual([]);
  });
});
