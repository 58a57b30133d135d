import { relative } from 'node:path';

/** Shows a path relative to the working directory (absolute when it lies elsewhere). */
export function displayPathOf(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown === '' || shown.startsWith('..') ? path : shown;
}
