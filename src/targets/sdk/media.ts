import { atom, type TypeTree } from '../../emit/layout.js';
import { bodyKind } from '../../emit/media.js';
import { BINARY, typeTree, type TypeOptions } from '../../emit/type-expressions.js';
import type { MediaTypeModel } from '../../model/types.js';

/** The type of a body: binary ones are sent as any binary value and read as a Blob, text ones are strings. */
export function mediaTree(media: MediaTypeModel, options: TypeOptions): TypeTree {
  const kind = bodyKind(media);
  if (kind === 'binary') return options.direction === 'request' ? BINARY : atom('Blob');
  if (kind === 'text') return atom('string');
  return media.schema ? typeTree(media.schema, options) : atom('unknown');
}
