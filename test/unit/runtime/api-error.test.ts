import { describe, expect, it, vi } from 'vitest';
import type * as ClientModule from '../../../src/runtime/client.js';

/** A fresh evaluation of the runtime client: a second `ApiError` class, as the other build of a package gives. */
async function loadCopy(): Promise<typeof ClientModule> {
  vi.resetModules();
  return import('../../../src/runtime/client.js');
}

const init = { operation: 'getBook', status: 404, headers: new Headers(), body: { message: 'no such book' }, declared: ['404'] };

describe('ApiError across copies of the runtime', () => {
  it('is an instance of every copy of the class, both ways, and keeps its own is()', async () => {
    const first = await loadCopy();
    const second = await loadCopy();
    expect(first.ApiError, `two evaluations give two classes`).not.toBe(second.ApiError);
    const fromFirst = new first.ApiError(init);
    const fromSecond = new second.ApiError(init);
    expect(fromFirst instanceof second.ApiError, `first's error, second's class`).toBe(true);
    expect(fromSecond instanceof first.ApiError, `second's error, first's class`).toBe(true);
    expect(fromSecond.is(404) && fromSecond.body, `narrowed body`).toStrictEqual({ message: 'no such book' });
  });

  it('is no instance for other errors, look-alikes and non-objects', async () => {
    const { ApiError } = await loadCopy();
    const lookAlike = Object.assign(new Error('getBook: HTTP 404'), { name: 'ApiError', operation: 'getBook', status: 404 });
    for (const value of [lookAlike, new TypeError('x'), { status: 404 }, null, undefined, 'ApiError', 404])
      expect(value instanceof ApiError, `${String(value)}`).toBe(false);
  });

  it('keeps the prototype check for subclasses: an ApiError is no instance of a subclass', async () => {
    const { ApiError } = await loadCopy();
    class BookError extends ApiError {}
    expect(new ApiError(init) instanceof BookError, `base instance, subclass`).toBe(false);
    expect(new BookError(init) instanceof BookError, `subclass instance, subclass`).toBe(true);
    expect(new BookError(init) instanceof ApiError, `subclass instance, base`).toBe(true);
  });

  it('does not show its mark among the error’s own enumerable properties', async () => {
    const { ApiError } = await loadCopy();
    const error = new ApiError(init);
    const symbols = Object.getOwnPropertySymbols(error);
    expect(symbols, `the mark is there`).toHaveLength(1);
    expect(Object.getOwnPropertyDescriptor(error, symbols[0]!)?.enumerable, `enumerable`).toBe(false);
  });
});
