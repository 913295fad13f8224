const { basePathFromEnv } = require('./scripts/base-path.cjs');

const basePath = basePathFromEnv();

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and protocol libraries run as plain Node modules on the server, not bundled.
  serverExternalPackages: ['better-sqlite3', '@grpc/grpc-js', 'protobufjs', 'long', '@clickhouse/client', '@kubernetes/client-node'],
  poweredByHeader: false,
  // Served under HOLOCRON_BASE_PATH behind an ingress; components/url-state/app-url.ts prefixes
  // the URLs Next does not (fetch, EventSource, downloads, forms) with the same value.
  basePath,
  env: { NEXT_PUBLIC_HOLOCRON_BASE_PATH: basePath },
  // Parallel builds (several worktrees' tests on one machine) can each use their own directory.
  distDir: process.env.HOLOCRON_DIST_DIR || '.next',
  reactStrictMode: true,
  // `npm test` type-checks the whole tree first (tsc --noEmit); the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  // Next copies into memory the body of every request the proxy runs for, up to this size, and
  // cuts it short past it. Kept small (the same 1 MiB as PROXY_BODY_LIMIT_BYTES in
  // lib/server/auth/guard.ts, which refuses larger bodies with 413): /api/import, the one route
  // with large bodies, is outside the proxy and streams its body.
  experimental: { proxyClientMaxBodySize: 1024 * 1024 },
};

module.exports = nextConfig;
