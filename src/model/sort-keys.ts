import { isRecord } from '../document/resolve-ref.js';

/** A deep copy with object keys in code-point order, so raw values print the same whatever the document's order. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys(value[key])]),
  );
}

/**
 * Sets `target[key]` to `sortKeys(value)`, copied on first read: examples can be megabytes,
 * and most generators never read them. Scalars are set as they are.
 */
export function setSortedLazily<T extends object>(target: T, key: keyof T & string, value: unknown): void {
  if (value === null || typeof value !== 'object') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
    return;
  }
  let sorted: unknown;
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get: () => (sorted ??= sortKeys(value)),
  });
}
