import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadApi } from '../../src/index.js';
import { planSdk } from '../../src/targets/sdk/index.js';
import { compile } from '../support/handlers-package.js';
import { fixturesRoot } from '../support/paths.js';
import { writeSdk } from '../support/sdk-package.js';

/** A consumer of the bookstore client: what must compile, and (`@ts-expect-error`) what must not. */
const consumer = `
import { BookstoreAPIClient, isApiError, type Models } from './index.js';

export async function readBook(books: BookstoreAPIClient): Promise<string> {
  try {
    return (await books.getBook({ path: { bookId: '42' } })).title;
  } catch (error) {
    if (isApiError(error, 'getBook') && error.is(404)) {
      const status: 404 = error.status;
      const body: Models.Error_ = error.body;
      return \`\${status} \${body.message}\`;
    }
    if (isApiError(error, 'getBook') && error.is(429)) return error.body.message; // API Gateway's throttling answer
    // @ts-expect-error getBook declares no 418
    if (isApiError(error, 'getBook') && error.is(418)) return 'teapot';
    // @ts-expect-error listBooks declares no 404: its errors are not getBook's
    if (isApiError(error, 'listBooks') && error.is(404)) return 'listed';
    // @ts-expect-error no such operation
    if (isApiError(error, 'getBooks')) return 'typo';
    throw error;
  }
}

export async function cover(books: BookstoreAPIClient): Promise<Blob> {
  await books.putCover({ path: { bookId: '42' }, body: new Uint8Array([1, 2]) });
  // @ts-expect-error a binary body is not an object
  await books.putCover({ path: { bookId: '42' }, body: { bytes: [1, 2] } });
  return books.getCover({ path: { bookId: '42' } });
}
`;

describe('typed errors and binary bodies, as a consumer sees them', () => {
  it('narrow by operation and status, and refuse what the API does not declare', async () => {
    const { model } = await loadApi(join(fixturesRoot, 'valid/rest-lambda-proxy.yaml'));
    const out = writeSdk(planSdk(model, {}), { sources: { 'consumer.ts': consumer } });
    // An unused @ts-expect-error is an error too, so each refusal is checked.
    expect(await compile(out, ['--noEmit'])).toBe('');
  });
});
