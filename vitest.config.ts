import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Generated outputs (handlers packages may hold test stubs of their own).
    exclude: [...configDefaults.exclude, 'test/golden/**'],
    // Corpus tests load multi-megabyte documents.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
