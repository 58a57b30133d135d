import { describe, expect, it } from 'vitest';
import { isoDates, reviveDates, type DateShape } from '../../../src/runtime/dates.js';

/**
 * The dates runtime of generated SDKs (src/runtime/dates.ts), on hand-made shapes. ISO strings are
 * ECMAScript's `toISOString()` format (https://tc39.es/ecma262/multipage/numbers-and-dates.html#sec-date-time-string-format).
 */

describe('reviveDates', () => {
  it('revives tuple positions by prefix and the elements after them by items', () => {
    // Prepare: [string, date-time, ...date-time[]]
    const shape: DateShape = { items: Date, prefix: [null, Date] };
    // Act
    const revived = reviveDates(['1999-01-01T00:00:00Z', '1999-01-02T00:00:00Z', '1999-01-03T00:00:00Z'], shape);
    // Assess
    expect(revived).toStrictEqual(['1999-01-01T00:00:00Z', new Date('1999-01-02T00:00:00Z'), new Date('1999-01-03T00:00:00Z')]);
  });

  it('applies every member of a union without discriminator, each only where its kind fits', () => {
    const shape: DateShape = { each: [Date, { items: Date }, { properties: { at: Date } }] };
    expect(reviveDates('1999-01-01T00:00:00Z', shape)).toStrictEqual(new Date('1999-01-01T00:00:00Z'));
    expect(reviveDates(['1999-01-01T00:00:00Z'], shape)).toStrictEqual([new Date('1999-01-01T00:00:00Z')]);
    expect(reviveDates({ at: '1999-01-01T00:00:00Z' }, shape)).toStrictEqual({ at: new Date('1999-01-01T00:00:00Z') });
  });

  it('revives the declared properties by their shape and the others by additional', () => {
    const shape: DateShape = { properties: { name: { properties: {} } }, additional: Date };
    expect(reviveDates({ name: 'x', a: '1999-01-01T00:00:00Z' }, shape)).toStrictEqual({ name: 'x', a: new Date('1999-01-01T00:00:00Z') });
  });

  it('leaves values of another kind than the shape as they are: null, numbers, arrays for objects, objects for arrays', () => {
    expect(reviveDates(null, { properties: { at: Date } })).toBeNull();
    expect(reviveDates(42, Date)).toBe(42);
    expect(reviveDates(['1999-01-01T00:00:00Z'], { properties: { 0: Date } })).toStrictEqual(['1999-01-01T00:00:00Z']);
    expect(reviveDates({ 0: '1999-01-01T00:00:00Z' }, { items: Date })).toStrictEqual({ 0: '1999-01-01T00:00:00Z' });
  });

  it('follows named shapes lazily, so a schema may refer to itself', () => {
    const node = (): DateShape => ({ properties: { at: Date, children: { items: node } } });
    const revived = reviveDates({ at: '1999-01-01T00:00:00Z', children: [{ at: '1999-01-02T00:00:00Z', children: [] }] }, node);
    expect(revived).toStrictEqual({
      at: new Date('1999-01-01T00:00:00Z'),
      children: [{ at: new Date('1999-01-02T00:00:00Z'), children: [] }],
    });
  });
});

describe('isoDates', () => {
  it('sends Dates as ISO strings at any depth, without changing the caller’s objects', () => {
    const params = {
      query: { since: new Date(Date.UTC(1999, 0, 1)) },
      body: { items: [{ at: new Date(Date.UTC(1999, 0, 2, 3, 4, 5, 6)) }] },
    };
    expect(isoDates(params)).toStrictEqual({
      query: { since: '1999-01-01T00:00:00.000Z' },
      body: { items: [{ at: '1999-01-02T03:04:05.006Z' }] },
    });
    expect(params.query.since).toBeInstanceOf(Date);
  });

  it('passes files and other objects that are not plain as they are', () => {
    const file = new Blob(['x']);
    const form = new FormData();
    const copied = isoDates({ body: { file, form, bytes: new Uint8Array([1]) } });
    expect(copied.body.file).toBe(file);
    expect(copied.body.form).toBe(form);
    expect(copied.body.bytes).toStrictEqual(new Uint8Array([1]));
  });

  it('throws a RangeError for an Invalid Date rather than sending something', () => {
    expect(() => isoDates({ query: { since: new Date('no date') } })).toThrow(RangeError);
  });
});
