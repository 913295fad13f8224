/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and protocol libraries run as plain Node modules on the server, not bundled.
  serverExternalPackages: ['better-sqlite3', '@grpc/grpc-js', 'protobufjs', 'long'],
  poweredByHeader: false,
  reactStrictMode: true,
};

module.exports = nextConfig;
