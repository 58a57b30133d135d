/** Identity sources as a list: a comma-separated string, or (as SAM writes them for HTTP APIs) an array. */
export function identitySources(value: unknown): string[] {
  const list = Array.isArray(value)
    ? value.filter((entry) => typeof entry === 'string')
    : typeof value === 'string'
      ? value.split(',')
      : [];
  return list.map((entry) => entry.trim()).filter(Boolean);
}
