import { getAtPointer } from '../diagnostics/json-pointer.js';

/** A value with the pointer where it actually lives after following `$ref`s. */
export interface Resolved<T> {
  value: T;
  pointer: string;
}

/**
 * Follows internal `$ref`s (`#/...`) until a value without one. Returns `undefined` when a
 * reference is missing or circular; the references check reports those.
 */
export function resolveRef<T = unknown>(document: unknown, value: unknown, pointer: string): Resolved<T> | undefined {
  const seen = new Set<string>();
  let current = value;
  let at = pointer;
  while (isRefObject(current)) {
    const ref = current.$ref;
    if (!ref.startsWith('#') || seen.has(ref)) return undefined;
    seen.add(ref);
    at = ref.slice(1);
    current = getAtPointer(document, ref);
    if (current === undefined) return undefined;
  }
  return { value: current as T, pointer: at };
}

/** True for `{ $ref: '...' }` objects. */
export function isRefObject(value: unknown): value is { $ref: string } {
  return typeof value === 'object' && value !== null && typeof (value as { $ref?: unknown }).$ref === 'string';
}

/** True for plain (non-array) objects. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
