import js from '@eslint/js';
import vitest from '@vitest/eslint-plugin';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'out/',
      'node_modules/',
      'fixtures/',
      'coverage/',
      'src/checks/generated/',
      'src/emit/generated/',
      // Generated code, stored as generated (test/targets/golden.test.ts compiles it).
      'test/golden/',
      'vitest.config.ts',
      'eslint.config.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',
      // Document values are `unknown`; rules compare them as strings on purpose, and the schema
      // check reports any object found where a string belongs.
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['bench/**', 'bin/**', 'scripts/**', 'examples/**'],
    rules: { 'no-console': 'off' },
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        structuredClone: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
      },
    },
  },
  {
    files: ['test/**'],
    plugins: { vitest },
    rules: { ...vitest.configs.recommended.rules, 'vitest/no-focused-tests': 'error', 'vitest/no-disabled-tests': 'error' },
  },
);
