/**
 * Limits that keep every later stage bounded in stack, time and memory, whatever a file holds.
 * Every walk of the pipeline is recursive, and a parsed YAML value can be far larger than its
 * text: aliases share nodes, so ten lines of `&a`/`*a` can stand for 10^11 values (an "alias
 * bomb"). Both are refused right after parsing, before anything walks the value.
 */

/**
 * The deepest nesting accepted: js-yaml's own limit for YAML text, applied to JSON and to what
 * YAML aliases build as well. Real documents stay far below it (23 levels in Stripe's).
 */
export const MAX_NESTING = 100;

/**
 * How many values (object members and array items, counted once per place they appear) a file
 * may expand to: ten for each character of its text, and never less than a million. Without
 * aliases a file cannot exceed this; with them, ordinary reuse (`*error` for ten responses) stays
 * far below it.
 */
export function maxExpandedValues(textLength: number): number {
  return Math.max(1_000_000, 10 * textLength);
}

export type ShapeProblem = { kind: 'too-deep'; path: string[] } | { kind: 'too-large'; values: number };

/** Walks a parsed value once, without recursion, and stops at the first limit it passes. */
export function checkShape(root: unknown, textLength: number): ShapeProblem | undefined {
  const budget = maxExpandedValues(textLength);
  let values = 0;
  // Each entry: a node to visit, its depth and (to report where) its parent entry and key.
  interface Entry {
    node: object;
    depth: number;
    parent: Entry | undefined;
    key: string;
  }
  const stack: Entry[] = [];
  if (root !== null && typeof root === 'object') stack.push({ node: root, depth: 1, parent: undefined, key: '' });
  while (stack.length > 0) {
    const entry = stack.pop()!;
    if (entry.depth > MAX_NESTING) return { kind: 'too-deep', path: pathOf(entry) };
    const keys = Object.keys(entry.node);
    values += keys.length;
    if (values > budget) return { kind: 'too-large', values };
    const record = entry.node as Record<string, unknown>;
    for (let index = 0; index < keys.length; index++) {
      const child = record[keys[index]!];
      if (child !== null && typeof child === 'object')
        stack.push({ node: child, depth: entry.depth + 1, parent: entry, key: keys[index]! });
    }
  }
  return undefined;
}

function pathOf(entry: { parent: typeof entry | undefined; key: string }): string[] {
  const path: string[] = [];
  for (let current: typeof entry | undefined = entry; current?.parent; current = current.parent) path.push(current.key);
  return path.reverse();
}
