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
  // Most values are not references: the set of visited ones is made only when one is.
  let seen: Set<string> | undefined;
  let current = value;
  let at = pointer;
  while (isRefObject(current)) {
    const ref = current.$ref;
    if (!ref.startsWith('#') || seen?.has(ref)) return undefined;
    (seen ??= new Set()).add(ref);
    at = ref.slice(1);
    current = targetOf(document, ref);
    if (current === undefined) return undefined;
  }
  return { value: current as T, pointer: at };
}

/** Targets by `$ref` text per document: large documents point at the same few components thousands of times. */
const targets = new WeakMap<object, Map<string, unknown>>();

function targetOf(document: unknown, ref: string): unknown {
  if (typeof document !== 'object' || document === null) return getAtPointer(document, ref);
  let cache = targets.get(document);
  if (!cache) targets.set(document, (cache = new Map<string, unknown>()));
  if (!cache.has(ref)) cache.set(ref, getAtPointer(document, ref));
  return cache.get(ref);
}

/** True for `{ $ref: '...' }` objects. */
export function isRefObject(value: unknown): value is { $ref: string } {
  return typeof value === 'object' && value !== null && typeof (value as { $ref?: unknown }).$ref === 'string';
}

/** True for plain (non-array) objects. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
