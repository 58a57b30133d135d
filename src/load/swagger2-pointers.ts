/** Where OpenAPI 3 keeps what Swagger 2.0 kept elsewhere, to map pointers of a converted document back. */
const MOVED_SECTIONS: readonly [string, string][] = [
  ['/components/schemas/', '/definitions/'],
  ['/components/securitySchemes/', '/securityDefinitions/'],
  ['/components/parameters/', '/parameters/'],
  ['/components/responses/', '/responses/'],
];

/** Maps a pointer of the converted document back to the Swagger 2.0 file, where the two differ. */
export function swagger2PointerFor(pointer: string): string {
  for (const [converted, original] of MOVED_SECTIONS) {
    if (pointer.startsWith(converted)) return original + pointer.slice(converted.length);
  }
  return pointer;
}
