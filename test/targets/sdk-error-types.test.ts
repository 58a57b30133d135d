import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writePlan } from '../../src/emit/write-plan.js';
import { loadApi } from '../../src/index.js';
import { planSdk } from '../../src/targets/sdk/index.js';
import { linkDependencies } from '../support/link-dependencies.js';
import { fixturesRoot, repoRoot } from '../support/paths.js';

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
    const out = join(mkdtempSync(join(tmpdir(), 'apigw-gen-sdk-errors-')), 'client');
    writePlan(out, planSdk(model, {}));
    linkDependencies(out);
    writeFileSync(join(out, 'src/consumer.ts'), consumer);
    const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
    // An unused @ts-expect-error is an error too, so each refusal is checked.
    expect(() => execFileSync(process.execPath, [tsc, '-p', join(out, 'tsconfig.json'), '--noEmit'], { encoding: 'utf8' })).not.toThrow();
  });
});
