import { atom, type TypeTree } from '../../emit/layout.js';
import { bodyKind } from '../../emit/media.js';
import { typeTree, type Direction } from '../../emit/type-expressions.js';
import type { MediaTypeModel } from '../../model/types.js';
import type { NamespaceUse } from './namespaces.js';

/** The type of a body: bytes for binary media types, a string for text, the schema's type for JSON. */
export function bodyTree(media: MediaTypeModel, direction: Direction, types: NamespaceUse): TypeTree {
  const kind = bodyKind(media);
  if (kind === 'binary') return atom('Uint8Array');
  if (kind === 'text') return atom('string');
  return media.schema ? typeTree(media.schema, { direction, refName: types.refName }) : atom('unknown');
}
