import { atom, type TypeTree } from '../../emit/layout.js';
import { bodyKind } from '../../emit/media.js';
import { BINARY, typeTree, type TypeOptions } from '../../emit/type-expressions.js';
import type { MediaTypeModel, OperationModel, RequestBodyModel } from '../../model/types.js';

/**
 * The type of a body: binary ones are sent as any binary value and read as a Blob, text ones
 * are strings; form and multipart requests are objects the client encodes (see
 * `runtime/form-body.ts`), and JSON bodies have their schema's type. A body declared without a
 * schema has no type to give: `undefined` for responses (the client drops it), `unknown` for
 * requests.
 */
export function mediaTree(media: MediaTypeModel, options: TypeOptions): TypeTree {
  if (options.direction === 'request' && isFormEncoded(media)) {
    return media.schema ? typeTree(media.schema, options) : { kind: 'generic', name: 'Record', args: [atom('string'), atom('unknown')] };
  }
  const kind = bodyKind(media);
  if (kind === 'binary') return options.direction === 'request' ? BINARY : atom('Blob');
  if (kind === 'text') return atom('string');
  if (media.schema) return typeTree(media.schema, options);
  return options.direction === 'request' ? atom('unknown') : atom('undefined');
}

/** True for the bodies the client builds from an object: `application/x-www-form-urlencoded` and `multipart/*`. */
export function isFormEncoded(media: MediaTypeModel): boolean {
  // A multipart type may be one of API Gateway's binary media types: that says how the gateway passes it on, not what it is.
  return /^(application\/x-www-form-urlencoded|multipart\/)/i.test(media.mediaType) && media.schema?.kind !== 'string';
}

/** True when a JSON response is declared without a schema: the client reads no body from it. */
export function hasNoBody(media: MediaTypeModel | undefined): boolean {
  return media === undefined || (bodyKind(media) === 'json' && media.schema === undefined);
}

/**
 * The request body the client sends: none for `GET` and `HEAD`, with which fetch refuses to send
 * one (its `Request` constructor throws); Stripe's document declares an empty form body on every `GET`.
 * @see https://fetch.spec.whatwg.org/#dom-request
 */
export function clientRequestBody(operation: OperationModel): RequestBodyModel | undefined {
  return operation.method === 'GET' || operation.method === 'HEAD' ? undefined : operation.requestBody;
}
