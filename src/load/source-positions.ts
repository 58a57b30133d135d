import { visit } from 'jsonc-parser';
import jsYaml from 'js-yaml';
import { yamlSchema } from './cloudformation-tags.js';
import { parsePointer } from '../diagnostics/json-pointer.js';

/** A place in a source file, 1-based. */
export interface SourcePosition {
  line: number;
  column: number;
}

/**
 * Finds the positions of JSON pointers in a file's text: for each, the key of the value, or of
 * its nearest existing ancestor. Takes many pointers at once so that one pass serves them all.
 */
export type PositionFinder = (pointers: readonly string[]) => (SourcePosition | undefined)[];

/**
 * Builds a position finder for a file. Nothing is parsed until positions are asked for: most runs
 * have nothing to report and never pay for it.
 */
export function createPositionFinder(text: string, format: 'json' | 'yaml'): PositionFinder {
  if (format === 'json') return (pointers) => findJsonPositions(text, pointers.map(parsePointer));
  let find: ((tokens: string[]) => number | undefined) | undefined;
  let lineStarts: number[] | undefined;
  return (pointers) => {
    find ??= yamlOffsetFinder(text);
    lineStarts ??= computeLineStarts(text);
    return pointers.map((pointer) => {
      const offset = find!(parsePointer(pointer));
      return offset === undefined ? undefined : positionAt(lineStarts!, offset);
    });
  };
}

/** A trie of the requested paths; `position` is set when the scan reaches the node. */
interface PathNode {
  children: Map<string, PathNode>;
  position?: SourcePosition;
}

/** One container being scanned: its trie node (null when nothing below it is requested). */
interface Container {
  node: PathNode | null;
  isArray: boolean;
  nextIndex: number;
  /** The trie node of the property whose value comes next (objects). */
  pending: PathNode | null;
}

/**
 * Scans JSON text once with jsonc-parser's visitor, recording positions only along requested
 * paths and skipping every other object and array.
 */
function findJsonPositions(text: string, paths: string[][]): (SourcePosition | undefined)[] {
  const root: PathNode = { children: new Map() };
  for (const tokens of paths) {
    let node = root;
    for (const token of tokens) {
      let child = node.children.get(token);
      if (!child) node.children.set(token, (child = { children: new Map() }));
      node = child;
    }
  }
  const stack: Container[] = [];
  // The trie node a value about to start belongs to, and marks the start position of array items.
  const claim = (line: number, character: number): PathNode | null => {
    const parent = stack.at(-1);
    if (!parent) {
      root.position ??= { line: line + 1, column: character + 1 };
      return root;
    }
    if (!parent.isArray) {
      const node = parent.pending;
      parent.pending = null;
      return node;
    }
    const node = parent.node?.children.get(String(parent.nextIndex++)) ?? null;
    if (node) node.position = { line: line + 1, column: character + 1 };
    return node;
  };
  const open = (isArray: boolean) => (_offset: number, _length: number, line: number, character: number) => {
    const node = claim(line, character);
    stack.push({ node, isArray, nextIndex: 0, pending: null });
    return node !== null && node.children.size > 0;
  };
  const close = () => {
    stack.pop();
  };
  visit(text, {
    onObjectBegin: open(false),
    onArrayBegin: open(true),
    onObjectEnd: close,
    onArrayEnd: close,
    onObjectProperty: (property, _offset, _length, line, character) => {
      const parent = stack.at(-1);
      const node = parent?.node?.children.get(property) ?? null;
      if (node) node.position = { line: line + 1, column: character + 1 };
      if (parent) parent.pending = node;
    },
    onLiteralValue: (_value, _offset, _length, line, character) => {
      claim(line, character);
    },
  });
  return paths.map((tokens) => {
    let node = root;
    let position = root.position;
    for (const token of tokens) {
      const child = node.children.get(token);
      if (!child?.position) break;
      node = child;
      position = child.position;
    }
    return position;
  });
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
function positionAt(lineStarts: number[], offset: number): SourcePosition {
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
