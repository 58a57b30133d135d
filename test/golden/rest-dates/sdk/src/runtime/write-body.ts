/**
 * Request bodies for generated SDKs: JSON, text and binary bodies, and the forms `form-body.ts`
 * encodes. This file is copied verbatim into every SDK package; operations with a request body
 * name `writeBody` (or a form's writer) in their spec, so that programs that send no body bundle none of it.
 */
import type { OperationSpec } from './client.js';

/**
 * The fetch body of a call's `body`, with the content type the operation declares (unless the
 * caller's headers set one): binary values, text and forms go as they are, anything else as JSON.
 */
export function writeBody(body: unknown, spec: OperationSpec, headers: Headers): NonNullable<RequestInit['body']> {
  if (body instanceof FormData) {
    // fetch writes the content type itself, with the boundary it separates the parts with.
    if (!/boundary=/i.test(headers.get('content-type') ?? '')) headers.delete('content-type');
    return body;
  }
  if (spec.bodyMediaType !== undefined && !headers.has('content-type')) headers.set('content-type', spec.bodyMediaType);
  if (
    body instanceof Blob ||
    body instanceof ArrayBuffer ||
    body instanceof Uint8Array ||
    body instanceof URLSearchParams ||
    typeof body === 'string'
  )
    return body as NonNullable<RequestInit['body']>;
  return JSON.stringify(body);
}

/** An object literal's kind of value, not a binary, FormData or other platform object. */
export function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
