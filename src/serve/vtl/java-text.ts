import { setOwn } from '../own-fields.js';

/**
 * How API Gateway's Velocity engine (Java) turns values into template text and compares them:
 * a missing or null reference is empty text, a map prints as `{key=value}` (Java's
 * `AbstractMap.toString`), a list as `[a, b]`; the lists of a request or response body
 * (`$input.path`, `$util.parseJson`) print as JSON, as their JSON library's `toString` does.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html
 */

/** Text of a value in template output. */
export function javaText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value !== 'object') return typeof value === 'function' ? '' : String(value);
  // A body's list or map (fromJson), or an object velocityjs gave a `toString`; a key named toString is no such function.
  if (Object.hasOwn(value, 'toString') && typeof (value as { toString: unknown }).toString === 'function') return String(value);
  if (Array.isArray(value)) return `[${value.map(javaText).join(', ')}]`;
  return `{${Object.entries(value)
    .map(([key, entry]) => `${key}=${javaText(entry)}`)
    .join(', ')}}`;
}

/**
 * Velocity's `==`: null equals null, and API Gateway's engine also takes a missing value as
 * equal to `""` (recorded: `$input.path('$.nonExisting') == ""` is true); values of different
 * types compare by their text, as Velocity does.
 */
export function javaEquals(left: unknown, right: unknown): boolean {
  const blank = (value: unknown) => value === undefined || value === null || value === '';
  if (left === undefined || left === null || right === undefined || right === null) return blank(left) && blank(right);
  if (typeof left === typeof right && typeof left !== 'object') return left === right;
  return javaText(left) === javaText(right);
}

/**
 * A body's JSON value as a template sees it: walkable like any map or list, but lists print as
 * JSON and maps as `{key=value}` whose list values print as JSON (recorded by AWS:
 * `{foo=[{"nested":"bar"}]}`).
 */
export function fromJson(value: unknown): unknown {
  if (Array.isArray(value)) {
    const list = value.map(fromJson);
    Object.defineProperty(list, 'toString', { value: () => JSON.stringify(value), enumerable: false });
    return list;
  }
  if (typeof value === 'object' && value !== null) {
    const map: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) setOwn(map, key, fromJson(entry));
    // A body's key named toString stays a key: javaText prints such a map the same way.
    if (Object.hasOwn(map, 'toString')) return map;
    Object.defineProperty(map, 'toString', {
      value: () =>
        `{${Object.entries(map)
          .map(([key, entry]) => `${key}=${javaText(entry)}`)
          .join(', ')}}`,
      enumerable: false,
      // A template's `$map.put('toString', …)` replaces it.
      configurable: true,
    });
    return map;
  }
  return value;
}

/**
 * `StringEscapeUtils.escapeJavaScript` (commons-lang 2), which `$util.escapeJavaScript` is:
 * quotes, `\` and `/` get a backslash, control characters their short escape or `\u00XX`, and
 * every character above U+007F a `\uXXXX` escape in upper-case hex.
 * @see https://commons.apache.org/proper/commons-lang/javadocs/api-2.6/org/apache/commons/lang/StringEscapeUtils.html#escapeJavaScript(java.lang.String)
 */
export function escapeJavaScript(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = javaText(value);
  let out = '';
  // By UTF-16 unit, as Java's `char`: a character outside the BMP is two `\uXXXX` escapes.
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const short = SHORT_ESCAPES[code];
    if (short !== undefined) out += short;
    else if (code < 0x20 || code > 0x7f) out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += text[index];
  }
  return out;
}

const SHORT_ESCAPES: Record<number, string> = {
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0c: '\\f',
  0x0d: '\\r',
  0x22: '\\"',
  0x27: "\\'",
  0x2f: '\\/',
  0x5c: '\\\\',
};

/**
 * `java.net.URLEncoder.encode(text, "UTF-8")`, which `$util.urlEncode` is: letters, digits and
 * `.-*_` stay, a space becomes `+`, everything else (`!'()~` too) is `%XX` of its UTF-8 bytes.
 * @see https://docs.oracle.com/javase/8/docs/api/java/net/URLEncoder.html
 */
export function urlEncode(value: unknown): string {
  if (value === undefined || value === null) return '';
  return encodeURIComponent(javaText(value))
    .replace(/[!'()~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** `java.net.URLDecoder.decode(text, "UTF-8")`: `+` is a space. */
export function urlDecode(value: unknown): string {
  if (value === undefined || value === null) return '';
  return decodeURIComponent(javaText(value).replace(/\+/g, ' '));
}
