import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/**
 * The sync suites: the server (on PGlite, or on PostgreSQL when DATABASE_URL is set) and the
 * client against it. Separate from the unit config because they start a database.
 */
export default defineConfig({
  root,
  resolve: { alias: { '@shared': resolve(root, 'src/shared') } },
  test: {
    include: ['tests/server/**/*.test.ts', 'tests/sync/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['tests/unit/setup.ts'],
    // Generous: starting PGlite (WebAssembly Postgres) takes seconds on a quiet machine and
    // over a minute on a loaded one; a slow start is not what these suites test.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // One database per file; files in parallel would fight for the 2 cores.
    fileParallelism: false,
  },
});
