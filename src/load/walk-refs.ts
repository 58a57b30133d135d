import { joinPointer } from '../diagnostics/json-pointer.js';

/** One `$ref` found in a document. */
export interface RefOccurrence {
  /** Pointer of the object that holds the `$ref`. */
  pointer: string;
  ref: string;
}

/**
 * Lists every `$ref` in a document, skipping example values: those are literal data, and real
 * documents (GitHub's, for one) carry `$ref` keys with URLs inside them.
 */
export function collectRefs(root: unknown): RefOccurrence[] {
  const found: RefOccurrence[] = [];
  const visit = (node: unknown, pointer: string, parentKey: string | undefined): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, joinPointer(pointer, index), parentKey));
      return;
    }
    const record = node as Record<string, unknown>;
    if (typeof record.$ref === 'string') found.push({ pointer, ref: record.$ref });
    for (const key of Object.keys(record)) {
      if (isLiteralData(key, record[key], parentKey)) continue;
      visit(record[key], joinPointer(pointer, key), key);
    }
  };
  visit(root, '', undefined);
  return found;
}

function isLiteralData(key: string, value: unknown, parentKey: string | undefined): boolean {
  if (key === 'example' || key === 'default' || key === 'enum' || key === 'const') return true;
  // Schema `examples` (3.1) is an array of literal values; an Example object's `value` is literal.
  if (key === 'examples' && Array.isArray(value)) return true;
  return key === 'value' && parentKey !== undefined && parentKey !== 'properties';
}
