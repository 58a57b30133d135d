/**
 * Turning names from a document into TypeScript identifiers: valid, never reserved, unique, and
 * the same on every run whatever the order of the document's keys.
 */

const RESERVED = new Set(
  [
    // ECMAScript reserved words, strict-mode and future reserved words.
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with',
    'implements interface let package private protected public static yield await arguments eval',
    // TypeScript keywords and global names that generated code must not shadow.
    'any as asserts async bigint boolean constructor declare get infer is keyof module namespace never number object of readonly require set string symbol type undefined unique unknown',
    'Array Blob Date Error Function Map Object Promise Record Request Response Set String Symbol Uint8Array ArrayBuffer',
    // Members every generated class inherits (from Object.prototype, and `request` and `use` from
    // the SDK client's ApiClientCore): a method of the same name would replace them and not compile.
    'hasOwnProperty isPrototypeOf propertyIsEnumerable toLocaleString toString valueOf request use',
    // Functions the SDK client file declares or imports beside the operations' own.
    'createClient isApiError sigv4Auth signerForClient withSigner readEvents readStream writeBody writeFormBody writeMultipartBody',
    'credentialAuth identityAuth iamAuth isoDates reviveDates',
    // The type the SDK's dates.gen.ts imports beside the schemas' shapes, which take the schemas' names.
    'DateShape',
  ]
    .join(' ')
    .split(' '),
);

/** Splits a name into words at separators, case changes and digit boundaries. */
export function splitWords(name: string): string[] {
  // Accents are stripped (`café` → `cafe`); ASCII names, nearly all of them, skip that work.
  const ascii = /^[\x20-\x7e]*$/.test(name) ? name : name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return ascii
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

/** `get /pets/{id}` → `GetPetsId`; never empty, never starting with a digit, never reserved. */
export function toPascalCase(name: string, fallback = 'Unnamed'): string {
  const words = splitWords(name).map((word) => word[0]!.toUpperCase() + word.slice(1));
  return guard(words.join(''), fallback);
}

/** `List-Pets` → `listPets`. */
export function toCamelCase(name: string, fallback = 'unnamed'): string {
  const pascal = splitWords(name)
    .map((word, index) => (index === 0 ? word[0]!.toLowerCase() + word.slice(1) : word[0]!.toUpperCase() + word.slice(1)))
    .join('');
  return guard(pascal, fallback);
}

function guard(identifier: string, fallback: string): string {
  if (identifier === '') return fallback;
  const safe = /^[0-9]/.test(identifier) ? `_${identifier}` : identifier;
  return RESERVED.has(safe) ? `${safe}_` : safe;
}

/** True for names usable as-is as identifiers. */
export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) && !RESERVED.has(name);
}

/**
 * Makes identifiers unique: entries are taken in code-point order of (identifier, key) and a
 * clash gets the next free numeric suffix, so results never depend on input order.
 * Returns identifier by key.
 */
export function assignUniqueNames(
  entries: readonly { key: string; identifier: string }[],
  taken: Iterable<string> = [],
): Map<string, string> {
  const used = new Set(taken);
  const result = new Map<string, string>();
  const sorted = [...entries].sort((a, b) => compare(a.identifier, b.identifier) || compare(a.key, b.key));
  // First every distinct identifier goes to its first owner, then the others get suffixes, so
  // that a name written in the document (`Pet2`) is never taken by a generated suffix.
  const clashing = sorted.filter(({ key, identifier }) => {
    if (used.has(identifier)) return true;
    used.add(identifier);
    result.set(key, identifier);
    return false;
  });
  for (const { key, identifier } of clashing) {
    let candidate = identifier;
    for (let suffix = 2; used.has(candidate); suffix++) candidate = `${identifier}${suffix}`;
    used.add(candidate);
    result.set(key, candidate);
  }
  return result;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
