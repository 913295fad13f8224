// The proxy (auth) makes Next buffer request bodies up to this size; past it Next cuts the body
// short. Keep it at the import limit so /api/import can refuse oversized uploads itself (413).
function uploadLimitBytes() {
  const m = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|KiB|MiB|GiB)?$/i.exec((process.env.HOLOCRON_MAX_UPLOAD_SIZE || '').trim());
  if (!m) return 256 * 1024 * 1024;
  const unit = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 }[(m[2] || 'b').toLowerCase()];
  return Math.floor(Number(m[1]) * unit) + 1024 * 1024;
}

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
  experimental: { proxyClientMaxBodySize: uploadLimitBytes() },
};

module.exports = nextConfig;
