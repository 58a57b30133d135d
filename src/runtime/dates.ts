/**
 * `Date`s for SDKs generated with the `dates` option: success bodies get `Date`s where the
 * schema says `format: date-time`, and requests send the `Date`s they are given as ISO 8601
 * strings. This file is copied into an SDK package only when some operation needs it; each
 * operation passes its own shape, so a program bundles the shapes of the operations it calls.
 * @see https://spec.openapis.org/oas/v3.0.3#data-types
 */

/**
 * Where a value holds `date-time` strings: `Date` marks one (the constructor, not a string
 * literal, which TypeScript widens under some property names, `constructor` among them); another
 * function is a named schema's shape (a function, as schemas may refer to themselves); objects describe properties (and every other
 * property: `additional`), arrays (`items`, and tuple positions: `prefix`), all of a union's or
 * intersection's members (`each`), or the member a discriminator property names (`tag`, `by`).
 */
export type DateShape =
  | DateConstructor
  | (() => DateShape)
  | { readonly properties?: Readonly<Record<string, DateShape>>; readonly additional?: DateShape }
  | { readonly items?: DateShape; readonly prefix?: readonly (DateShape | null)[] }
  | { readonly each: readonly DateShape[] }
  | { readonly tag: string; readonly by: Readonly<Record<string, DateShape>> };

/**
 * A parsed JSON body with its `date-time` strings replaced by `Date`s, in place. A string that
 * does not parse becomes an Invalid Date (`getTime()` is `NaN`), as hey-api's transformers do:
 * the value keeps the type it is declared with. Values of another type than the schema says
 * (`null` of a nullable property, a server's mistake) stay as they are.
 */
export function reviveDates(value: unknown, shape: DateShape): unknown {
  if (shape === Date) return typeof value === 'string' ? new Date(value) : value;
  if (typeof shape === 'function') return reviveDates(value, (shape as () => DateShape)());
  // A union's members may be strings (`oneOf: [date-time, integer]`): before the object check.
  if ('each' in shape) return shape.each.reduce((current: unknown, member) => reviveDates(current, member), value);
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  if ('tag' in shape) {
    const tag = record[shape.tag];
    return typeof tag === 'string' && Object.hasOwn(shape.by, tag) ? reviveDates(value, shape.by[tag]!) : value;
  }
  if (Array.isArray(value) !== ('items' in shape || 'prefix' in shape)) return value;
  for (const key of Object.keys(record)) {
    const inner = pick(shape, key, Array.isArray(value));
    // defineProperty: a `__proto__` key of JSON.parse is an own property, which assignment would not set.
    if (inner)
      Object.defineProperty(record, key, { value: reviveDates(record[key], inner), writable: true, enumerable: true, configurable: true });
  }
  return value;
}

/** The shape of one property or element (`null` or `undefined`: it holds no dates). */
function pick(shape: Exclude<DateShape, DateConstructor | (() => DateShape)>, key: string, array: boolean): DateShape | null | undefined {
  if (array) {
    const prefix = 'prefix' in shape ? shape.prefix : undefined;
    if (prefix && Number(key) < prefix.length) return prefix[Number(key)];
    return 'items' in shape ? shape.items : undefined;
  }
  if (!('properties' in shape || 'additional' in shape)) return undefined;
  return shape.properties && Object.hasOwn(shape.properties, key) ? shape.properties[key] : shape.additional;
}

/**
 * Request parameters with every `Date` given as its ISO 8601 string (`toISOString()`), in path,
 * query and header values and in bodies, form bodies included (JSON bodies would get the same
 * from `JSON.stringify`). Only plain objects and arrays are copied: files and other objects
 * pass as they are. An Invalid Date throws a RangeError, as `toISOString()` does.
 */
export function isoDates<T>(value: T): T {
  if (value instanceof Date) return value.toISOString() as T;
  if (Array.isArray(value)) return value.map(isoDates) as T;
  if (typeof value !== 'object' || value === null) return value;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    Object.defineProperty(copy, key, { value: isoDates(item), writable: true, enumerable: true, configurable: true });
  }
  return copy as T;
}

/**
 * A response type as JSON carries it, every `Date` a string: the type of `ApiError` bodies,
 * which the client does not revive.
 */
export type DateStrings<T> = T extends Date ? string : T extends object ? { [K in keyof T]: DateStrings<T[K]> } : T;
