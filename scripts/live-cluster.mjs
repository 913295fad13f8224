// The live demo's "cluster" on this one machine: three network namespaces as pods (deathstar,
// tiefighter, xwing with SCENARIO.md's labels) on a bridge, an nftables rule in the deathstar
// namespace that drops the xwing (the L3/L4 policy), and the pods file the ebpf agent reads.
// Everything it creates carries the `holocron-` / `hc-` prefix, and teardown() removes it all,
// also what a previous run left behind after a crash.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const BRIDGE = 'hc-br0';
export const SUBNET = '10.244.250';
export const GATEWAY = `${SUBNET}.1`;

const STARWARS = 'quay.io/cilium/starwars:v2.1';
const SPACESHIP = 'quay.io/cilium/json-mock:v1.3.8';

export const PODS = [
  { key: 'deathstar', netns: 'holocron-deathstar', veth: 'hc-ds', ip: `${SUBNET}.10`, name: 'deathstar-live-0',
    labels: { org: 'empire', class: 'deathstar' }, workload: 'deathstar', workload_kind: 'Deployment', container: 'deathstar', image: STARWARS },
  { key: 'tiefighter', netns: 'holocron-tiefighter', veth: 'hc-tf', ip: `${SUBNET}.20`, name: 'tiefighter',
    labels: { org: 'empire', class: 'tiefighter' }, workload: 'tiefighter', workload_kind: 'Pod', container: 'spaceship', image: SPACESHIP },
  { key: 'xwing', netns: 'holocron-xwing', veth: 'hc-xw', ip: `${SUBNET}.30`, name: 'xwing',
    labels: { org: 'alliance', class: 'xwing' }, workload: 'xwing', workload_kind: 'Pod', container: 'spaceship', image: SPACESHIP },
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
  for (const [bin, pkg] of [['/usr/sbin/ip', 'iproute2'], ['/usr/sbin/nft', 'nftables'], ['/usr/bin/curl', 'curl'], ['/usr/bin/bpftrace', 'bpftrace']]) {
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

/** The deathstar service: lands ships, and has the vulnerable exhaust port of SCENARIO.md. */
export function writeDeathstarServer(dir, logFile) {
  const file = path.join(dir, 'deathstar.py');
  fs.writeFileSync(
    file,
    `# The deathstar service of the live demo (SCENARIO.md), deliberately vulnerable.
import os, subprocess, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOG = ${JSON.stringify(logFile)}

class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def reply(self, code, text):
        body = text.encode()
        self.send_response(code)
        self.send_header('Content-Type', 'text/plain')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):
        with open(LOG, 'a') as f:
            f.write('%s %s\\n' % (time.strftime('%Y-%m-%dT%H:%M:%S'), fmt % args))

    def do_GET(self):
        self.reply(200, 'ok\\n' if self.path == '/healthz' else 'Death Star\\n')

    def do_POST(self):
        self.reply(200, 'Ship landed\\n' if self.path == '/v1/request-landing' else 'unknown\\n')

    def do_PUT(self):
        if self.path == '/v1/exhaust-port':
            # The vulnerability: the handler runs a shell that wipes the log and kills the server.
            subprocess.run(['/bin/sh', '-c', 'truncate -s 0 %s; /usr/bin/kill -9 %d' % (LOG, os.getpid())])
        self.reply(404, 'unknown\\n')

ThreadingHTTPServer(('0.0.0.0', 80), Handler).serve_forever()
`,
  );
  return file;
}
