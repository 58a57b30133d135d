import { fileURLToPath } from 'node:url';

/** The repository root. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** Real public documents vendored from the shared corpus (fixtures/corpus/MANIFEST.tsv gives each one's source and license). */
export const corpusRoot = fileURLToPath(new URL('../../fixtures/corpus/', import.meta.url));
export const fixturesRoot = fileURLToPath(new URL('../../fixtures/specs/', import.meta.url));
