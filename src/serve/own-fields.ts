/**
 * Fields a request or a document names: query parameters, headers, body keys, stage variables,
 * mapping targets. A client or a document may name one like a member of Object.prototype
 * (`__proto__`, `constructor`, `toString`...), and API Gateway treats it as any other name: a
 * lookup finds only the object's own field, and `__proto__` is set as a field of the object's
 * own (an assignment would set the object's prototype instead).
 */

/** The object's own field of that name, or undefined (never a member of Object.prototype). */
export function ownField<T>(record: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}

/** Sets a field as the object's own, `__proto__` too. */
export function setOwn<T>(record: Record<string, T>, name: string, value: T): void {
  if (name === '__proto__') Object.defineProperty(record, name, { value, enumerable: true, writable: true, configurable: true });
  else record[name] = value;
}

/** The value at a path of own fields (`identity.sourceIp` of `$context`), or undefined. */
export function ownPathValue(root: unknown, path: readonly string[]): unknown {
  let value = root;
  for (const key of path) value = typeof value === 'object' && value !== null ? ownField(value as Record<string, unknown>, key) : undefined;
  return value;
}
