// Lint is deliberately light: TypeScript's strict mode does the heavy lifting; these rules catch
// the mistakes the compiler does not (unused code, floating promises are left to review).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Each layer of src, as an import path names it.
const layerPatterns = {
  domain: ['**/domain', '**/domain/**'],
  db: ['**/db', '**/db/**'],
  security: ['**/security/**'],
  observability: ['**/observability/**'],
  config: ['**/config', '**/config.js'],
  runtime: ['**/runtime/**'],
  'use-cases': ['**/use-cases/**'],
  graph: ['**/graph/**'],
  'graph-sim': ['**/graph-sim', '**/graph-sim/**'],
  jobs: ['**/jobs/**'],
  http: ['**/http/**'],
  demo: ['**/demo/**'],
  cli: ['**/cli/**'],
};

// What each layer may import (docs/ARCHITECTURE.md's table); src/cli may import everything.
const layerImports = {
  domain: [],
  db: ['domain'],
  security: ['config'],
  observability: ['config'],
  graph: ['observability'],
  'graph-sim': [],
  runtime: ['config', 'db', 'security'],
  'use-cases': ['db', 'domain', 'security', 'observability'],
  jobs: ['use-cases', 'db', 'domain', 'graph', 'security', 'observability', 'config', 'runtime'],
  http: ['use-cases', 'db', 'domain', 'jobs', 'security', 'observability', 'config'],
  // start-server.ts composes a whole server process: the runtime, the operations engine and, with --demo, the demo.
  'http/start-server.ts': ['use-cases', 'db', 'domain', 'jobs', 'security', 'observability', 'config', 'runtime', 'demo'],
  demo: ['use-cases', 'db', 'domain', 'security', 'graph-sim'],
};

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
  // The layers of docs/ARCHITECTURE.md ("Layers and the one direction of dependency"): each folder of src may import
  // only the layers its row names; every other layer is refused here, so the table and the code cannot drift apart.
  ...Object.entries(layerImports).map(([layer, allowed]) => ({
    files: [layer.endsWith('.ts') ? `src/${layer}` : `src/${layer}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          ...(layer === 'domain'
            ? [{ group: ['node:*', 'fs', 'http', 'pg', 'kysely', '@electric-sql/*', 'fastify*', '@fastify/*', 'pg-boss'], message: 'src/domain is pure TypeScript without I/O.' }]
            : []),
          {
            group: Object.keys(layerPatterns).filter((other) => other !== layer.split('/')[0] && !allowed.includes(other)).flatMap((other) => layerPatterns[other]),
            message: `src/${layer} may import only ${allowed.length ? allowed.join(', ') : 'nothing outside itself'} (docs/ARCHITECTURE.md, layers).`,
          },
        ],
      }],
    },
  })),
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
