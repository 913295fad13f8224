import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname) } },
  test: {
    include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'app/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    // Integration tests start real gRPC servers and SQLite files; give them room on 2-core machines.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // 'server-only' throws outside React Server Components; tests run server modules directly.
    alias: { 'server-only': path.resolve(__dirname, 'test/server-only-stub.ts') },
  },
});
