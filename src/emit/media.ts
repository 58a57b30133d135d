import type { MediaTypeModel } from '../model/types.js';

/** How a body is read and written: parsed as JSON, taken as text, or kept as bytes. */
export type BodyKind = 'json' | 'text' | 'binary';

/** JSON when the operation offers it, else the first media type. */
export function preferredMedia(content: readonly MediaTypeModel[]): MediaTypeModel | undefined {
  return content.find((media) => isJson(media.mediaType)) ?? content[0];
}

/** How a body of this media type is read: JSON unless binary, bytes for binary media types, else text. */
export function bodyKind(media: MediaTypeModel): BodyKind {
  if (isJson(media.mediaType) && !media.binary) return 'json';
  if (media.binary) return 'binary';
  return 'text';
}

function isJson(mediaType: string): boolean {
  return /[/+]json\b/i.test(mediaType);
}
