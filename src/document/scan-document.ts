import { pointerOf } from '../diagnostics/json-pointer.js';
import { EXTENSION_PREFIX } from './extensions.js';

/** One `$ref` found in a document. */
export interface RefOccurrence {
  /** Pointer of the object that holds the `$ref`. */
  pointer: string;
  ref: string;
}

/** One `x-amazon-apigateway-*` key found in a document. */
export interface ExtensionOccurrence {
  name: string;
  value: unknown;
  /** Pointer of the extension's value. */
  pointer: string;
  /** Reference tokens of the object that holds it. */
  holder: string[];
}

/** What one walk over a document finds. */
export interface DocumentScan {
  refs: RefOccurrence[];
  extensions: ExtensionOccurrence[];
}

/**
 * Walks a document once and lists its `$ref`s and API Gateway extensions. Example values are
 * skipped: they are literal data, and real documents (GitHub's, for one) carry `$ref` keys with
 * URLs inside them.
 */
export function scanDocument(root: unknown): DocumentScan {
  const scan: DocumentScan = { refs: [], extensions: [] };
  // Pointers are built from the token stack only for what is recorded: most nodes are neither.
  const tokens: string[] = [];
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (let index = 0; index < node.length; index++) {
        tokens.push(String(index));
        visit(node[index]);
        tokens.pop();
      }
      return;
    }
    const record = node as Record<string, unknown>;
    if (typeof record.$ref === 'string') scan.refs.push({ pointer: pointerOf(tokens), ref: record.$ref });
    const parentKey = tokens.at(-1);
    // Indexed loops: this visits every value of the document, and `for...of` allocates an
    // iterator result per step until the optimizing compiler catches up.
    const keys = Object.keys(record);
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index]!;
      const value = record[key];
      if (isLiteralData(key, value, parentKey)) continue;
      if (key.startsWith(EXTENSION_PREFIX))
        scan.extensions.push({ name: key, value, pointer: pointerOf([...tokens, key]), holder: [...tokens] });
      tokens.push(key);
      visit(value);
      tokens.pop();
    }
  };
  visit(root);
  return scan;
}

function isLiteralData(key: string, value: unknown, parentKey: string | undefined): boolean {
  if (key === 'example' || key === 'default' || key === 'enum' || key === 'const') return true;
  // Schema `examples` (3.1) is an array of literal values; an Example object's `value` is literal.
  if (key === 'examples' && Array.isArray(value)) return true;
  return key === 'value' && parentKey !== undefined && parentKey !== 'properties';
}
