// Lint is deliberately light: TypeScript's strict mode does the heavy lifting; these rules catch
// the mistakes the compiler does not (unused code, floating promises are left to review).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'test-output'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    // The domain core is pure: no I/O, no imports from the layers below it.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'http', 'pg', 'kysely', '@electric-sql/*', 'fastify*', 'pg-boss'], message: 'src/domain is pure TypeScript without I/O.' },
          { group: ['**/db/**', '**/http/**', '**/jobs/**', '**/graph/**', '**/cli/**'], message: 'src/domain must not depend on outer layers.' },
        ],
      }],
    },
  },
  {
    // Request schemas are pure Zod: the web build imports them (web/src/api/input-schemas.ts) to check forms.
    files: ['src/http/schemas/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          {
            group: ['node:*', 'fs', 'http', 'pg', 'kysely', '@electric-sql/*', 'fastify*', '@fastify/*', 'pg-boss', '**/db/**', '**/use-cases/**', '**/jobs/**', '**/graph/**', '**/security/**', '**/cli/**', '../*.js', '../errors', '../app*', '../plugins/**', '../routes/**', '../presenters/**', '../cursors/**', '../events/**', '../health/**'],
            message: 'src/http/schemas is pure Zod (and src/domain): the web app bundles it.',
          },
        ],
      }],
    },
  },
);
