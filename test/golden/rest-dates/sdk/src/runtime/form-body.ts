/**
 * Form bodies for generated SDKs: `application/x-www-form-urlencoded` and `multipart/form-data`
 * built from an object as the operation's Encoding Objects say. This file is copied verbatim
 * into every SDK package; operations that send a form name its writers in their spec, so that
 * programs that send none bundle none of it.
 * @see https://spec.openapis.org/oas/v3.1.0#encoding-object
 * @see https://spec.openapis.org/oas/v3.1.0#style-values
 */
import type { OperationSpec, PartEncoding } from './client.js';
import { isPlainObject, writeBody } from './write-body.js';

type Encodings = Readonly<Record<string, PartEncoding>>;

/** Writes a form body: an object is encoded as the operation's encodings say, anything else (a string, `URLSearchParams`) goes as it is. */
export function writeFormBody(body: unknown, spec: OperationSpec, headers: Headers): NonNullable<RequestInit['body']> {
  return writeBody(isPlainObject(body) ? encodeFormBody(body, spec.bodyEncoding) : body, spec, headers);
}

/** Writes a multipart body: an object becomes `FormData` as the operation's encodings say, anything else goes as it is. */
export function writeMultipartBody(body: unknown, spec: OperationSpec, headers: Headers): NonNullable<RequestInit['body']> {
  return writeBody(isPlainObject(body) ? encodeMultipartBody(body, spec.bodyEncoding) : body, spec, headers);
}

/** Values that go into a form as they are (text), as opposed to arrays and objects. */
function isScalar(value: unknown): value is string | number | boolean | bigint {
  return ['string', 'number', 'boolean', 'bigint'].includes(typeof value);
}

/** The binary values the SDK's types accept (`Blob | ArrayBuffer | Uint8Array`). */
function isBinary(value: unknown): value is Blob | ArrayBuffer | Uint8Array {
  return value instanceof Blob || value instanceof ArrayBuffer || value instanceof Uint8Array;
}

function isJsonType(contentType: string): boolean {
  return /[/+]json\b/i.test(contentType);
}

/** The fields of a body object that have a value, own properties only. */
function fields(body: object): [string, unknown][] {
  return Object.entries(body).filter(([, value]) => value !== undefined && value !== null);
}

/**
 * Name/value pairs of one property in a style (`form`, `spaceDelimited`, `pipeDelimited`,
 * `deepObject`). Values nested below what the style table defines (an object in an object, an
 * object in an array) continue in bracket notation, `a[b][c]=v` and `a[0][b]=v`, as Stripe and
 * most form parsers (qs, Rack, PHP) read them.
 */
export function stylePairs(name: string, value: unknown, encoding: PartEncoding = {}): [string, string][] {
  const style = encoding.style ?? 'form';
  const explode = encoding.explode ?? style === 'form';
  if (value === undefined || value === null) return [];
  if (isScalar(value)) return [[name, String(value)]];
  if (style === 'deepObject') return bracketPairs(name, value);
  if (Array.isArray(value)) {
    const items: unknown[] = value;
    if (style === 'form' && explode)
      return items.flatMap((item, index) => (isScalar(item) ? [[name, String(item)]] : bracketPairs(`${name}[${index}]`, item)));
    return [[name, items.map(scalarText).join(DELIMITERS[style] ?? ',')]];
  }
  const entries = fields(value);
  if (explode) return entries.flatMap(([field, item]) => (isScalar(item) ? [[field, String(item)]] : bracketPairs(field, item)));
  return [[name, entries.flatMap(([field, item]) => [field, scalarText(item)]).join(',')]];
}

const DELIMITERS: Record<string, string> = { form: ',', spaceDelimited: ' ', pipeDelimited: '|' };

/** A value inside a delimited (not exploded) list: scalars as they are, anything else as JSON. */
function scalarText(value: unknown): string {
  return isScalar(value) ? String(value) : JSON.stringify(value);
}

function bracketPairs(name: string, value: unknown): [string, string][] {
  if (value === undefined || value === null) return [];
  if (isScalar(value)) return [[name, String(value)]];
  if (Array.isArray(value)) return (value as unknown[]).flatMap((item, index) => bracketPairs(`${name}[${index}]`, item));
  return fields(value).flatMap(([field, item]) => bracketPairs(`${name}[${field}]`, item));
}

/**
 * An `application/x-www-form-urlencoded` body. A property whose encoding names a JSON content type
 * (and no style) is sent as JSON text.
 */
export function encodeFormBody(body: object, encodings: Encodings = {}): string {
  const form = new URLSearchParams();
  for (const [name, value] of fields(body)) {
    const encoding = Object.hasOwn(encodings, name) ? encodings[name] : undefined;
    const pairs =
      encoding?.contentType !== undefined && encoding.style === undefined && isJsonType(encoding.contentType) && !isScalar(value)
        ? [[name, JSON.stringify(value)] as [string, string]]
        : stylePairs(name, value, encoding);
    for (const [key, text] of pairs) form.append(key, text);
  }
  return form.toString();
}

/**
 * A `multipart/form-data` body: one part per property, repeated for each item of an array.
 * Binary values are file parts; objects are JSON (OpenAPI's default part type for objects)
 * unless the property has a style, which splits it into text parts like a form body (3.1); a
 * part's `contentType` is applied to binary and text values given for it.
 */
export function encodeMultipartBody(body: object, encodings: Encodings = {}): FormData {
  const form = new FormData();
  for (const [name, value] of fields(body)) {
    const encoding = Object.hasOwn(encodings, name) ? encodings[name] : undefined;
    if (encoding?.style !== undefined && !isBinary(value)) {
      for (const [key, text] of stylePairs(name, value, encoding)) form.append(key, text);
      continue;
    }
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) appendPart(form, name, item, encoding?.contentType);
  }
  return form;
}

function appendPart(form: FormData, name: string, value: unknown, contentType: string | undefined): void {
  if (value === undefined || value === null) return;
  if (value instanceof Blob)
    form.append(name, contentType !== undefined && value.type === '' ? new Blob([value], { type: contentType }) : value);
  else if (value instanceof ArrayBuffer || value instanceof Uint8Array)
    form.append(name, new Blob([copyBytes(value)], { type: contentType ?? 'application/octet-stream' }));
  else if (contentType !== undefined && !/^text\/plain\b/i.test(contentType))
    form.append(name, new Blob([isScalar(value) ? String(value) : JSON.stringify(value)], { type: contentType }));
  else form.append(name, isScalar(value) ? String(value) : JSON.stringify(value));
}

/** The bytes in a buffer of their own: a Uint8Array may view a SharedArrayBuffer, which a Blob does not take. */
function copyBytes(value: ArrayBuffer | Uint8Array) {
  return value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value);
}
