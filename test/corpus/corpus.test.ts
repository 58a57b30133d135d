import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/checks/run-checks.js';
import { DocumentError } from '../../src/diagnostics/diagnostic.js';
import { decideApiKind } from '../../src/document/api-kind.js';
import { loadDocument } from '../../src/load/load-document.js';
import { buildApiModel } from '../../src/model/build-api-model.js';
import { corpusRoot } from '../support/paths.js';

const folders = ['apigw', 'general', 'large'];
const documents = folders.flatMap((folder) =>
  readdirSync(join(corpusRoot, folder))
    .filter((name) => /\.(ya?ml|json)$/.test(name))
    .map((name) => [`${folder}/${name}`, join(corpusRoot, folder, name)] as const),
);

describe('every corpus document loads, checks and models without an internal error', () => {
  it('finds the corpus', () => {
    expect(documents.length).toBeGreaterThan(60);
  });

  it.each(documents)('%s', async (_name, path) => {
    // A document may be broken (a dangling $ref); it must then say so with diagnostics, not crash.
    const outcome = await loadDocument(path).then(
      (loaded) => ({ loaded, error: undefined }),
      (error: unknown) => ({ loaded: undefined, error }),
    );
    expect(outcome.error === undefined || outcome.error instanceof DocumentError).toBe(true);
    const loaded = outcome.loaded;
    if (!loaded) return;
    const kind = decideApiKind(loaded.document);
    const diagnostics = await runChecks(loaded, kind.kind);
    for (const diagnostic of diagnostics) {
      expect(diagnostic.file).not.toBe('');
      expect(diagnostic.message).not.toMatch(/undefined|\[object Object\]/);
    }
    const model = buildApiModel(loaded, kind);
    const operationCount = model.operations.length;
    expect(new Set(model.operations.map((operation) => operation.name)).size).toBe(operationCount);
    expect(new Set(model.schemas.map((schema) => schema.typeName)).size).toBe(model.schemas.length);
    expect(() => JSON.stringify(model)).not.toThrow();
  });
});
