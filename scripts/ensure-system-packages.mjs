// Installs the Debian packages the test suite drives for real (Chromium for browser tests, jq
// to read exports as users do, bpftrace and friends for the live eBPF source, ClickHouse for the
// scale-out store) when they are
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
  // demo:live's container runtime and deathstar service are python3; the attack runs /usr/bin/kill.
  { pkg: 'python3', file: '/usr/bin/python3' },
  { pkg: 'procps', file: '/usr/bin/kill' },
  // Discovery tests (tetragon+dns://) answer a headless Service's name with a real resolver on
  // loopback: dnsmasq's binary alone (dnsmasq-base starts no system service).
  { pkg: 'dnsmasq-base', file: '/usr/sbin/dnsmasq' },
  // The ClickHouse store's contract and scale-out tests start their own clickhouse-server (18.16
  // in Debian) on free ports in a scratch directory; the packaged service is not used. Optional
  // when not root: those tests skip and say why.
  { pkg: 'clickhouse-server', file: '/usr/sbin/clickhouse-server', optional: true },
];

export function ensureSystemPackages() {
  const root = process.getuid?.() === 0;
  const absent = NEEDED.filter((n) => !fs.existsSync(n.file));
  const missing = absent.filter((n) => root || !n.optional).map((n) => n.pkg);
  const skipped = absent.filter((n) => !root && n.optional).map((n) => n.pkg);
  if (skipped.length) console.warn(`holocron: ${skipped.join(' ')} not installed: the tests that need it are skipped (sudo apt-get install -y ${skipped.join(' ')})`);
  if (missing.length === 0) return;
  if (!root) {
    console.error(`holocron: missing Debian packages: ${missing.join(' ')} — install them with: sudo apt-get install -y ${missing.join(' ')}`);
    process.exit(1);
  }
  console.log(`holocron: installing ${missing.join(' ')} (apt-get)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
}

if (import.meta.url === `file://${process.argv[1]}`) ensureSystemPackages();
