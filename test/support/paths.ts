import { fileURLToPath } from 'node:url';

/** The repository root. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** The shared corpus of real documents, beside the repository. */
export const corpusRoot = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
export const fixturesRoot = fileURLToPath(new URL('../../fixtures/specs/', import.meta.url));
