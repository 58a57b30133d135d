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
