import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import jsYaml from 'js-yaml';
import { yamlSchema } from './cloudformation-tags.js';
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
  const index = new WeakMap<JsonNode, Map<string, JsonNode>>();
  return (tokens) => {
    let node = root;
    let offset = root?.offset;
    for (const token of tokens) {
      const child = node && jsonChild(node, token, index);
      if (!child) break;
      node = child.node;
      offset = child.keyOffset;
    }
    return offset;
  };
}

function jsonChild(
  parent: JsonNode,
  token: string,
  index: WeakMap<JsonNode, Map<string, JsonNode>>,
): { node: JsonNode; keyOffset: number } | undefined {
  if (parent.type === 'object') {
    let properties = index.get(parent);
    if (!properties) {
      // Later duplicates overwrite earlier ones, as JSON.parse does.
      properties = new Map((parent.children ?? []).map((property) => [String(property.children?.[0]?.value), property]));
      index.set(parent, properties);
    }
    const property = properties.get(token);
    const value = property?.children?.[1];
    return property && value ? { node: value, keyOffset: property.offset } : undefined;
  }
  if (parent.type === 'array') {
    const item = parent.children?.[Number(token)];
    return item ? { node: item, keyOffset: item.offset } : undefined;
  }
  return undefined;
}

/** A node of a YAML document as js-yaml composed it: where it starts, and its children in order. */
interface YamlFrame {
  start: number;
  kind?: string;
  result?: unknown;
  children: YamlFrame[];
}

/**
 * Positions for YAML come from js-yaml's composition events (the same parser that read the
 * document), re-run only when a position is asked for. A mapping's children alternate key,
 * value; a key frame starts where the key is written.
 */
function yamlOffsetFinder(text: string): (tokens: string[]) => number | undefined {
  const stack: YamlFrame[] = [{ start: 0, children: [] }];
  // An alias composes to the very object of its anchor: this finds the anchor's frame for `<<`.
  const anchors = new Map<unknown, YamlFrame>();
  jsYaml.load(text, {
    schema: yamlSchema,
    listener(event, state) {
      if (event === 'open') {
        stack.push({ start: state.position, children: [] });
        return;
      }
      const frame = stack.pop()!;
      frame.kind = state.kind ?? undefined;
      frame.result = state.result;
      if ((frame.kind === 'mapping' || frame.kind === 'sequence') && !anchors.has(frame.result)) anchors.set(frame.result, frame);
      stack.at(-1)!.children.push(frame);
    },
  });
  const root = stack[0]!.children[0];
  return (tokens) => {
    let node = root;
    let offset = root?.start;
    for (const token of tokens) {
      const child = node && yamlChild(node, token, anchors);
      if (!child) break;
      node = child.node;
      offset = child.keyOffset;
    }
    return offset;
  };
}

function yamlChild(parent: YamlFrame, token: string, anchors: Map<unknown, YamlFrame>): { node: YamlFrame; keyOffset: number } | undefined {
  const children = parent.children;
  if (parent.kind === 'mapping') {
    // Duplicate keys: the last one wins, as in the parsed value.
    for (let index = children.length - 2; index >= 0; index -= 2) {
      const key = children[index]!;
      if (String(key.result) === token) return { node: children[index + 1]!, keyOffset: key.start };
    }
    // `<<: *anchor` merges the keys of the anchored mapping: look there.
    for (let index = 0; index < children.length - 1; index += 2) {
      if (children[index]!.result !== '<<') continue;
      const merged = anchors.get(children[index + 1]!.result);
      const found = merged && merged !== parent ? yamlChild(merged, token, anchors) : undefined;
      if (found) return found;
    }
    return undefined;
  }
  if (parent.kind === 'sequence') {
    const item = children[Number(token)];
    return item ? { node: item, keyOffset: item.start } : undefined;
  }
  return undefined;
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
