import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DocumentError, inspect, type InspectOptions } from '../../src/index.js';
import { fixturesRoot } from '../support/paths.js';

describe('inspect()', () => {
  it('returns the API model of a document', async () => {
    const options: InspectOptions = { document: join(fixturesRoot, 'valid/rest-lambda-proxy.yaml') };
    const { model } = await inspect(options);
    expect(model.title, `title`).toBe('Bookstore API');
    expect(model.kind, `kind of API`).toBe('rest');
    expect(
      model.operations.map((operation) => operation.path),
      `paths of the operations`,
    ).toContain('/books/{bookId}');
  });

  it('throws a DocumentError with every diagnostic of a document with errors', async () => {
    const error: unknown = await inspect({ document: join(fixturesRoot, 'invalid/APIGW_AUTHORIZER_FIELD_MISSING.yaml') }).catch(
      (caught: unknown) => caught,
    );
    expect(error, `what inspect() throws`).toBeInstanceOf(DocumentError);
    expect((error as DocumentError).diagnostics[0]?.line, `line of the first diagnostic`).toBeTypeOf('number');
  });
});
