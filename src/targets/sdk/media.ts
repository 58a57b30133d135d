import { atom, type TypeTree } from '../../emit/layout.js';
import { BINARY, typeTree, type TypeOptions } from '../../emit/type-expressions.js';
import type { MediaTypeModel } from '../../model/types.js';
import type { OperationSpec } from '../../runtime/client.js';

/** JSON when the operation offers it, else the first media type. */
export function preferredMedia(content: readonly MediaTypeModel[]): MediaTypeModel | undefined {
  return content.find((media) => isJson(media.mediaType)) ?? content[0];
}

/** The type of a body: binary ones are sent as any binary value and read as a Blob, text ones are strings. */
export function mediaTree(media: MediaTypeModel, options: TypeOptions): TypeTree {
  const kind = bodyKind(media);
  if (kind === 'binary') return options.direction === 'request' ? BINARY : atom('Blob');
  if (kind === 'text') return atom('string');
  return media.schema ? typeTree(media.schema, options) : atom('unknown');
}

/** How the runtime reads a body of this media type. */
export function bodyKind(media: MediaTypeModel): Exclude<OperationSpec['response'], 'none'> {
  if (isJson(media.mediaType) && !media.binary) return 'json';
  if (media.binary) return 'binary';
  return 'text';
}

function isJson(mediaType: string): boolean {
  return /[/+]json\b/i.test(mediaType);
}
