import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 has no exports map: Vite would pick index.mjs while Node-loaded libraries
    // (Pothos, yoga) get index.js, and two copies of graphql cannot share a schema.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file starts its own server on its own database; two at a time suits 2 cores.
    pool: 'forks',
    maxWorkers: 2,
  },
});
