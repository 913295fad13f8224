// Installs the Debian packages the test suite drives for real (Chromium for browser tests, jq
// to read exports as users do, bpftrace and friends for the live eBPF source) when they are
// missing and we are root; otherwise says what to do.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const NEEDED = [
  { pkg: 'chromium', file: '/usr/bin/chromium' },
  { pkg: 'jq', file: '/usr/bin/jq' },
  // The compact event lines use emoji (🚀 💥 🔌) as `tetra getevents -o compact` does.
  { pkg: 'fonts-noto-color-emoji', file: '/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf' },
  // Live eBPF collection: `--source ebpf`, its integration test and `npm run demo:live`.
  { pkg: 'bpftrace', file: '/usr/bin/bpftrace' },
  { pkg: 'iproute2', file: '/usr/sbin/ip' },
  { pkg: 'nftables', file: '/usr/sbin/nft' },
  { pkg: 'curl', file: '/usr/bin/curl' },
];

export function ensureSystemPackages() {
  const missing = NEEDED.filter((n) => !fs.existsSync(n.file)).map((n) => n.pkg);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    console.error(`holocron: missing Debian packages: ${missing.join(' ')} — install them with: sudo apt-get install -y ${missing.join(' ')}`);
    process.exit(1);
  }
  console.log(`holocron: installing ${missing.join(' ')} (apt-get)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
}

if (import.meta.url === `file://${process.argv[1]}`) ensureSystemPackages();
