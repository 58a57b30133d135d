import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { parsePointer } from '../diagnostics/json-pointer.js';

/** A place in a source file, 1-based. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** Finds the position of a JSON pointer in a file's text: the key of the value, or of its nearest existing ancestor. */
export type PositionFinder = (pointer: string) => SourcePosition | undefined;

/**
 * Builds a position finder for a file. The syntax tree is built on first use only: most runs
 * have nothing to report and never pay for it.
 */
export function createPositionFinder(text: string, format: 'json' | 'yaml'): PositionFinder {
  let find: ((tokens: string[]) => number | undefined) | undefined;
  let lineStarts: number[] | undefined;
  return (pointer) => {
    find ??= format === 'json' ? jsonOffsetFinder(text) : yamlOffsetFinder(text);
    lineStarts ??= computeLineStarts(text);
    const offset = find(parsePointer(pointer));
    return offset === undefined ? undefined : positionAt(lineStarts, offset);
  };
}

function jsonOffsetFinder(text: string): (tokens: string[]) => number | undefined {
  const root = parseTree(text);
  return (tokens) => {
    let node = root;
    let offset = root?.offset;
    for (const token of tokens) {
      const child = node && jsonChild(node, token);
      if (!child) break;
      node = child.node;
      offset = child.keyOffset;
    }
    return offset;
  };
}

function jsonChild(parent: JsonNode, token: string): { node: JsonNode; keyOffset: number } | undefined {
  if (parent.type === 'object') {
    // Duplicate keys: JSON.parse keeps the last one, so look from the end.
    const property = parent.children?.findLast((candidate) => candidate.children?.[0]?.value === token);
    const value = property?.children?.[1];
    return property && value ? { node: value, keyOffset: property.offset } : undefined;
  }
  if (parent.type === 'array') {
    const item = parent.children?.[Number(token)];
    return item ? { node: item, keyOffset: item.offset } : undefined;
  }
  return undefined;
}

function yamlOffsetFinder(text: string): (tokens: string[]) => number | undefined {
  const document = parseDocument(text, { lineCounter: new LineCounter(), uniqueKeys: false, merge: true });
  return (tokens) => {
    let node: unknown = document.contents;
    let offset = rangeStart(node);
    for (const token of tokens) {
      const step = yamlChild(node, token, document);
      if (!step) break;
      node = step.node;
      offset = step.keyOffset ?? rangeStart(node) ?? offset;
    }
    return offset;
  };
}

function yamlChild(
  parent: unknown,
  token: string,
  document: ReturnType<typeof parseDocument>,
): { node: unknown; keyOffset?: number } | undefined {
  const node = isAlias(parent) ? parent.resolve(document) : parent;
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === token) return { node: pair.value, keyOffset: rangeStart(pair.key) };
    }
    // `<<: *anchor` merges keys from elsewhere (yaml reads the `<<` key as a symbol): look there too.
    for (const pair of node.items) {
      if (isScalar(pair.key) && (pair.key.value === '<<' || typeof pair.key.value === 'symbol')) {
        const merged = yamlChild(pair.value, token, document);
        if (merged) return merged;
      }
    }
    return undefined;
  }
  if (isSeq(node)) {
    const item = node.items[Number(token)];
    return item === undefined ? undefined : { node: item };
  }
  return undefined;
}

function rangeStart(node: unknown): number | undefined {
  return (node as YamlNode | null)?.range?.[0];
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

/** Converts a character offset into a 1-based line and column. */
export function positionAt(lineStarts: number[], offset: number): SourcePosition {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((lineStarts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
}

/** Converts a character offset of `text` into a 1-based line and column. */
export function positionInText(text: string, offset: number): SourcePosition {
  return positionAt(computeLineStarts(text), offset);
}
