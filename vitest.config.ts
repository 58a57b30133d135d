import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Corpus tests load multi-megabyte documents.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
