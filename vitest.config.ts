import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// Vite would load graphql's ESM build for our sources while Node loads its CJS build for
// dependencies: two realms, and "Cannot use GraphQLSchema from another module or realm".
// Point every import of graphql at the one entry Node uses.
const graphqlEntry = createRequire(import.meta.url).resolve('graphql', {
  paths: [new URL('./packages/errors', import.meta.url).pathname],
});
const resolve = { alias: [{ find: /^graphql$/, replacement: graphqlEntry }], dedupe: ['graphql'] };
const globalSetup = ['./packages/testing/src/global-setup.ts'];
// Tests that replace a module (`vi.mock`): a mock applies to the files that import the module
// after it, so they run isolated; every other unit and int test shares its worker's modules.
const mockingUnitTests = ['packages/auth/src/token-verifier.test.ts'];
const mockingIntTests = ['router/test/variable-coercion.int.test.ts'];
const intTimeouts = { globalSetup, testTimeout: 30_000, hookTimeout: 60_000 };

export default defineConfig({
  test: {
    projects: [
      {
        resolve,
        test: {
          name: 'unit',
          include: [
            '{packages,subgraphs,router,schema}/**/src/**/*.test.ts',
            'schema/**/*.test.ts',
            // The benchmark's pure helpers (medians, ratios, /proc parsing); never the bench.
            'bench/src/**/*.test.ts',
            'deploy/**/test/**/*.test.ts',
            // The alert rules and dashboard under deploy/, parsed and checked (no I/O).
            'test/monitoring/**/*.test.ts',
          ],
          exclude: ['**/node_modules/**', '**/*.int.test.ts', ...mockingUnitTests],
          // No side effects at import and no singletons (STYLE): a fresh module graph per file
          // only re-imported the same modules, four fifths of the unit tests' time (and three
          // fifths of the int tests').
          isolate: false,
        },
      },
      {
        resolve,
        test: { name: 'unit-mocking', include: mockingUnitTests },
      },
      {
        resolve,
        test: {
          name: 'int',
          include: ['**/*.int.test.ts'],
          exclude: ['**/node_modules/**', ...mockingIntTests],
          ...intTimeouts,
          // As the unit tests: each file makes its own databases, servers and Redis prefixes.
          isolate: false,
        },
      },
      {
        resolve,
        test: { name: 'int-mocking', include: mockingIntTests, ...intTimeouts },
      },
      {
        resolve,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.ts', 'deploy/**/test/**/*.e2e.ts'],
          globalSetup,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
