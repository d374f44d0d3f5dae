import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    testTimeout: 60_000,
    pool: 'forks',
    // Stress tests validate IR thousands of levels deep with ajv, which recurses per level: Node's default
    // stack (~1 MB) overflows at random depending on what else is on it. 3 MB stays well inside the 8 MB
    // main-thread stack the OS gives a forked process.
    execArgv: ['--stack-size=3000'],
    // Data snapshots written by the commands under test go to a folder of this run, not the user's cache.
    env: { LUOSHI_CACHE_DIR: join(tmpdir(), `luoshi-test-cache-${process.pid}`) },
  },
});
