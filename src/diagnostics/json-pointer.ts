/**
 * RFC 6901 JSON pointers: the one address format every diagnostic and model node uses.
 * @see https://www.rfc-editor.org/rfc/rfc6901
 */

/** Escapes one reference token (`~` → `~0`, `/` → `~1`). */
function escapePointerToken(token: string | number): string {
  const text = String(token);
  return text.includes('~') || text.includes('/') ? text.replaceAll('~', '~0').replaceAll('/', '~1') : text;
}

/** Builds a pointer from reference tokens: `pointerOf(['paths', '/pets'])` → `/paths/~1pets`. */
export function pointerOf(tokens: readonly (string | number)[]): string {
  return tokens.map((token) => '/' + escapePointerToken(token)).join('');
}

/** Appends tokens to an existing pointer. */
export function joinPointer(pointer: string, ...tokens: (string | number)[]): string {
  let joined = pointer;
  for (const token of tokens) joined += '/' + escapePointerToken(token);
  return joined;
}

/** Splits a pointer into its unescaped reference tokens. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '#') return [];
  const fragment = pointer.startsWith('#') ? pointer.slice(1) : undefined;
  // Most pointers have neither percent-encoding nor escapes: those steps are skipped for them.
  const body = fragment === undefined ? pointer : fragment.includes('%') ? decodeURIComponent(fragment) : fragment;
  if (!body.startsWith('/')) throw new Error(`not a JSON pointer: ${pointer}`);
  const tokens = body.slice(1).split('/');
  return body.includes('~') ? tokens.map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~')) : tokens;
}

/** Reads the value at a pointer, or `undefined` when any step is missing. */
export function getAtPointer(root: unknown, pointer: string): unknown {
  let node: unknown = root;
  for (const token of parsePointer(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    if (!Object.hasOwn(node, token)) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}
