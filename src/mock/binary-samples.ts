/**
 * Bytes a mock answers with for binary media types, which schemas cannot describe: a valid,
 * smallest file of the type where one is known (a 1×1 PNG or GIF), else a few zero bytes.
 */
const SAMPLES: Readonly<Record<string, string>> = {
  'image/png': 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'image/gif': 'R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==',
};

/** A sample of a binary media type, base64-encoded (as a MOCK template writes it). */
export function binarySample(mediaType: string): string {
  return SAMPLES[mediaType.split(';')[0]!.trim().toLowerCase()] ?? 'AAAAAAAAAAAAAAAAAAAAAA==';
}

/**
 * True for media that a mock answers with bytes: binary ones whose type is not text. A JSON
 * response stays JSON even where the API lists `*\/*` as a binary media type.
 */
export function needsBinarySample(media: { mediaType: string; binary: boolean }): boolean {
  return media.binary && !/^text\/|json|xml|javascript|yaml|csv|x-www-form-urlencoded/i.test(media.mediaType);
}
