/** The media type to answer with: the first the Accept header names that we have, else JSON, else the first. */
export function chooseMediaType(available: string[], accept: string | undefined): string | undefined {
  const wanted = (accept ?? '').split(',').map((part) => mediaTypeEssence(part));
  const exact = wanted.map((type) => available.find((candidate) => mediaTypeEssence(candidate) === type)).find(Boolean);
  return exact ?? available.find((candidate) => mediaTypeEssence(candidate) === 'application/json') ?? available[0];
}

/** `application/json; charset=utf-8` → `application/json`. */
export function mediaTypeEssence(mediaType: string): string {
  return mediaType.split(';')[0]!.trim().toLowerCase();
}
