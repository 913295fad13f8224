import { defineConfig } from 'vitest/config';
import path from 'node:path';

// Browser tests: real agents, a real `next start`, real Chromium. One file at a time — each
// starts its own servers, and these machines have two cores.
export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname) } },
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
