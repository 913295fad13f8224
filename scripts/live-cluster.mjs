// The live demo's "cluster" on this one machine: three network namespaces as pods (deathstar,
// tiefighter, xwing with SCENARIO.md's labels) on a bridge, an nftables rule in the deathstar
// namespace that drops the xwing (the L3/L4 policy), and the pods file the ebpf agent reads.
// Each pod's container runs under a minimal runtime (live/container-shim.py, installed as
// containerd-shim-runc-v2): its main process is pid 1 of its own pid namespace, and
// `kubectl exec` is a child of the shim that joins the container's namespaces.
// Everything it creates carries the `holocron-` / `hc-` prefix, and teardown() removes it all,
// also what a previous run left behind after a crash.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BRIDGE = 'hc-br0';
export const SUBNET = '10.244.250';
export const GATEWAY = `${SUBNET}.1`;

const STARWARS = 'quay.io/cilium/starwars:v2.1';
const SPACESHIP = 'quay.io/cilium/json-mock:v1.3.8';
export const DEATHSTAR_FQDN = 'deathstar.default.svc.cluster.local';
export const DEFAULT_LOG = '/var/log/deathstar/access.log';

/** The runtime's files: shim and deathstar binaries, the pods' /etc/hosts, container state. */
export const LIVE_DIR = '/run/holocron-live';
export const SHIM = path.join(LIVE_DIR, 'bin', 'containerd-shim-runc-v2');
const DEATHSTAR_BIN = path.join(LIVE_DIR, 'bin', 'deathstar');
const HOSTS = path.join(LIVE_DIR, 'hosts');
const SOURCES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'live');

// containerd's default capabilities for a container; the deathstar also gets NET_ADMIN and
// SYS_ADMIN (SCENARIO.md), so the capability sets the agent reports differ per pod.
const DEFAULT_CAPS = ['CAP_CHOWN', 'DAC_OVERRIDE', 'CAP_FSETID', 'CAP_FOWNER', 'CAP_MKNOD', 'CAP_NET_RAW', 'CAP_SETGID', 'CAP_SETUID',
  'CAP_SETFCAP', 'CAP_SETPCAP', 'CAP_NET_BIND_SERVICE', 'CAP_SYS_CHROOT', 'CAP_KILL', 'CAP_AUDIT_WRITE'];
const landingLoop = (timeoutS, everyS) =>
  `while true; do curl -s -o /dev/null -m ${timeoutS} -XPOST ${DEATHSTAR_FQDN}/v1/request-landing; sleep ${everyS}; done`;

export const PODS = [
  { key: 'deathstar', netns: 'holocron-deathstar', veth: 'hc-ds', ip: `${SUBNET}.10`, name: 'deathstar-live-0',
    labels: { org: 'empire', class: 'deathstar' }, workload: 'deathstar', workload_kind: 'Deployment', container: 'deathstar', image: STARWARS,
    caps: [...DEFAULT_CAPS, 'CAP_NET_ADMIN', 'CAP_SYS_ADMIN'], entrypoint: (logFile) => [DEATHSTAR_BIN, ...(logFile === DEFAULT_LOG ? [] : [logFile])] },
  // The spaceships' main process lands every few seconds (SCENARIO.md's background traffic); the
  // xwing's attempts are dropped by the policy.
  { key: 'tiefighter', netns: 'holocron-tiefighter', veth: 'hc-tf', ip: `${SUBNET}.20`, name: 'tiefighter',
    labels: { org: 'empire', class: 'tiefighter' }, workload: 'tiefighter', workload_kind: 'Pod', container: 'spaceship', image: SPACESHIP,
    caps: DEFAULT_CAPS, entrypoint: () => ['/bin/sh', '-c', landingLoop(3, 4)] },
  { key: 'xwing', netns: 'holocron-xwing', veth: 'hc-xw', ip: `${SUBNET}.30`, name: 'xwing',
    labels: { org: 'alliance', class: 'xwing' }, workload: 'xwing', workload_kind: 'Pod', container: 'spaceship', image: SPACESHIP,
    caps: DEFAULT_CAPS, entrypoint: () => ['/bin/sh', '-c', landingLoop(2, 7)] },
];
export const pod = (key) => PODS.find((p) => p.key === key);

function sh(cmd, args, { quiet = false } = {}) {
  try {
    return execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  } catch (e) {
    if (quiet) return '';
    throw new Error(`${cmd} ${args.join(' ')}: ${(e.stderr || e.message).trim()}`);
  }
}

/** Refuses to run where it would get in the way: not root, tools missing, subnet in use. */
export function preflight() {
  if (process.getuid?.() !== 0) throw new Error('demo:live needs root (network namespaces, nftables, eBPF): run it as root, e.g. sudo npm run demo:live');
  for (const [bin, pkg] of [['/usr/sbin/ip', 'iproute2'], ['/usr/sbin/nft', 'nftables'], ['/usr/bin/curl', 'curl'], ['/usr/bin/bpftrace', 'bpftrace'],
    ['/usr/bin/truncate', 'coreutils'], ['/usr/bin/kill', 'procps']]) {
    if (!fs.existsSync(bin)) throw new Error(`${bin} is missing: apt-get install -y ${pkg}`);
  }
  const python = ['/usr/bin/python3', '/usr/local/bin/python3'].find((p) => fs.existsSync(p)) ?? sh('sh', ['-c', 'command -v python3'], { quiet: true }).trim();
  if (!python) throw new Error('python3 is missing (it runs the deathstar service): apt-get install -y python3');
  const routes = sh('ip', ['-4', 'route', 'show', `${SUBNET}.0/24`], { quiet: true }).trim();
  if (routes && !routes.includes(BRIDGE)) throw new Error(`${SUBNET}.0/24 is already routed on this machine (${routes}); the demo will not touch it`);
  return { python };
}

/** Removes everything the demo may have created (safe to call when nothing exists). */
export function teardown() {
  for (const p of PODS) {
    const pids = sh('ip', ['netns', 'pids', p.netns], { quiet: true }).split('\n').filter(Boolean);
    for (const pid of pids) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    sh('ip', ['netns', 'del', p.netns], { quiet: true }); // takes its veth end (and so the pair) along
    sh('ip', ['link', 'del', p.veth], { quiet: true });
  }
  sh('ip', ['link', 'del', BRIDGE], { quiet: true });
  fs.rmSync(LIVE_DIR, { recursive: true, force: true });
}

export function setup() {
  teardown();
  sh('ip', ['link', 'add', BRIDGE, 'type', 'bridge']);
  sh('ip', ['addr', 'add', `${GATEWAY}/24`, 'dev', BRIDGE]);
  sh('ip', ['link', 'set', BRIDGE, 'up']);
  for (const p of PODS) {
    sh('ip', ['netns', 'add', p.netns]);
    sh('ip', ['link', 'add', p.veth, 'type', 'veth', 'peer', 'name', `${p.veth}-p`]);
    sh('ip', ['link', 'set', `${p.veth}-p`, 'netns', p.netns]);
    sh('ip', ['link', 'set', p.veth, 'master', BRIDGE]);
    sh('ip', ['link', 'set', p.veth, 'up']);
    const inNs = (...args) => sh('ip', ['netns', 'exec', p.netns, ...args]);
    inNs('ip', 'link', 'set', 'lo', 'up');
    inNs('ip', 'link', 'set', `${p.veth}-p`, 'name', 'eth0');
    inNs('ip', 'addr', 'add', `${p.ip}/24`, 'dev', 'eth0');
    inNs('ip', 'link', 'set', 'eth0', 'up');
    inNs('ip', 'route', 'add', 'default', 'via', GATEWAY);
  }
  // The L3/L4 policy: the deathstar's ingress drops the alliance's xwing.
  const ds = pod('deathstar');
  const nft = (...args) => sh('ip', ['netns', 'exec', ds.netns, 'nft', ...args]);
  nft('add', 'table', 'inet', 'holocron_policy');
  nft('add', 'chain', 'inet', 'holocron_policy', 'ingress', '{ type filter hook input priority 0; policy accept; }');
  nft('add', 'rule', 'inet', 'holocron_policy', 'ingress', 'ip', 'saddr', pod('xwing').ip, 'tcp', 'dport', '80', 'drop');
}

/** The pods file for `--pods-file`, with fresh container ids like a real runtime would give. */
export function writePodsFile(file) {
  const pods = PODS.map((p) => ({
    netns: `/run/netns/${p.netns}`,
    namespace: 'default',
    name: p.name,
    labels: p.labels,
    workload: p.workload,
    workload_kind: p.workload_kind,
    container: { name: p.container, id: `containerd://${crypto.randomBytes(32).toString('hex')}`, image: p.image },
    ip: p.ip,
  }));
  fs.writeFileSync(file, `${JSON.stringify(pods, null, 2)}\n`);
}

/**
 * Installs the runtime (shim) and the deathstar binary with this machine's python3 on their
 * shebang lines — so the kernel's exec events name them, not python — and the pods' /etc/hosts
 * that resolves the deathstar Service name, as cluster DNS would.
 */
export function installRuntime(python) {
  fs.mkdirSync(path.dirname(SHIM), { recursive: true, mode: 0o755 });
  for (const [src, dest] of [['container-shim.py', SHIM], ['deathstar.py', DEATHSTAR_BIN]]) {
    fs.writeFileSync(dest, `#!${python}\n${fs.readFileSync(path.join(SOURCES, src), 'utf8')}`, { mode: 0o755 });
  }
  fs.writeFileSync(HOSTS, `127.0.0.1\tlocalhost\n${pod('deathstar').ip}\t${DEATHSTAR_FQDN} deathstar\n`);
}

const stateFile = (p) => path.join(LIVE_DIR, `${p.key}.pid`);

/** Arguments of the shim that runs `key`'s container (its entrypoint as pid 1 of a new pid namespace). */
export function runArgs(key, { logFile = DEFAULT_LOG } = {}) {
  const p = pod(key);
  return ['run', '--name', p.name, '--netns', `/run/netns/${p.netns}`, '--state', stateFile(p), '--hosts', HOSTS,
    '--caps', p.caps.join(','), '--', ...p.entrypoint(logFile)];
}

/** Arguments of the shim for `kubectl exec [-it] POD -- argv…`. */
export function execArgs(key, argv, { tty = false } = {}) {
  const p = pod(key);
  return ['exec', '--state', stateFile(p), ...(tty ? ['--tty'] : []), '--caps', p.caps.join(','), '--', ...argv];
}

/** The container of `key` is up (its shim wrote pid 1's host pid). */
export const running = (key) => fs.existsSync(stateFile(pod(key)));
