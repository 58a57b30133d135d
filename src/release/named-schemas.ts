import { getAtPointer, joinPointer, parsePointer } from '../diagnostics/json-pointer.js';
import type { LoadedApi } from '../pipeline/load-api.js';

/**
 * The document a release records, with the schema names of its model. A bundled document has the
 * schemas of other files inlined where they were first used, and loaded alone it would name them
 * from there (`ListPetsResponse200Item`, not `Pet` from `schemas.yaml#/Pet`): the next `--bump`
 * would then see every such schema removed and added again. So every schema the model names
 * inline moves to `components/schemas` under its type name, and `$ref`s to where it was (or into
 * it) follow it. Documents read from one file name their schemas alike either way and are kept as they are.
 */
export function releasedDocument(api: LoadedApi): Record<string, unknown> {
  if (api.files.length <= 1) return api.document;
  const document = structuredClone(api.document);
  const components = ensureRecord(document, 'components');
  const schemas = ensureRecord(components, 'schemas');
  const moves = new Map<string, string>();
  // Deepest first: a schema named inside another one moves out of it before its parent moves.
  const inline = api.model.schemas
    .filter((schema) => schema.origin === 'inline' && !Object.hasOwn(schemas, schema.typeName))
    .sort((a, b) => parsePointer(b.pointer).length - parsePointer(a.pointer).length);
  for (const { pointer, typeName } of inline) {
    const tokens = parsePointer(pointer);
    const parent = getAtPointer(document, joinPointer('', ...tokens.slice(0, -1))) as Record<string, unknown> | unknown[];
    const key = tokens.at(-1)!;
    const target = joinPointer('/components/schemas', typeName);
    schemas[typeName] = (parent as Record<string, unknown>)[key];
    (parent as Record<string, unknown>)[key] = { $ref: `#${target}` };
    moves.set(pointer, target);
  }
  followMoves(document, moves);
  return document;
}

/** Points every local `$ref` at where its target now is: the longest moved pointer it starts with. */
function followMoves(node: unknown, moves: ReadonlyMap<string, string>): void {
  if (Array.isArray(node)) node.forEach((item) => followMoves(item, moves));
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return;
  const record = node as Record<string, unknown>;
  if (typeof record.$ref === 'string' && record.$ref.startsWith('#/')) record.$ref = `#${moved(record.$ref.slice(1), moves)}`;
  for (const value of Object.values(record)) followMoves(value, moves);
}

function moved(pointer: string, moves: ReadonlyMap<string, string>): string {
  for (let prefix = pointer; prefix !== ''; prefix = prefix.slice(0, prefix.lastIndexOf('/'))) {
    const target = moves.get(prefix);
    if (target !== undefined) return target + pointer.slice(prefix.length);
  }
  return pointer;
}

function ensureRecord(parent: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = parent[key];
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  const created: Record<string, unknown> = {};
  parent[key] = created;
  return created;
}
