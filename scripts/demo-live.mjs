// npm run demo:live (root): the Death Star incident for real on this machine. Network-namespace
// "pods" on a bridge, a real (vulnerable) deathstar HTTP service, real curls from the tiefighter,
// the xwing dropped by a real nftables rule, our agent collecting it all with eBPF (bpftrace),
// and the Holocron server showing it. The attack is played every few minutes; the deathstar is
// restarted after it is killed. Everything is removed on exit, Ctrl-C or error.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildIfNeeded } from './build-if-needed.mjs';
import { PODS, pod, preflight, setup, teardown, writeDeathstarServer, writePodsFile } from './live-cluster.mjs';
import { freePort, nextBin, portIsFree, run, stopAll, tsxBin, waitForHttp } from './processes.mjs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
const INCIDENT_EVERY_MS = Number(process.env.HOLOCRON_LIVE_INCIDENT_EVERY_S ?? 120) * 1000;

let python;
try {
  ({ python } = preflight());
} catch (e) {
  console.error(`holocron demo:live: ${e.message}`);
  process.exit(2);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-live-'));
// The deathstar logs under /var/log like the real one; only a directory the demo created is removed.
const logDir = fs.existsSync('/var/log/deathstar') ? fs.mkdtempSync('/var/log/deathstar-holocron-') : '/var/log/deathstar';
fs.mkdirSync(logDir, { recursive: true });
const logFile = path.join(logDir, 'access.log');
const timers = [];
let stopping = false;

function cleanup() {
  for (const t of timers) clearInterval(t);
  stopAll('SIGKILL');
  teardown();
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.rmSync(logDir, { recursive: true, force: true });
}
process.on('exit', () => {
  stopping = true;
  cleanup();
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    console.log('\nholocron demo:live: stopping and removing the namespaces, bridge and rules…');
    stopAll('SIGTERM');
    setTimeout(() => process.exit(0), 1500).unref();
  });
}
process.on('uncaughtException', (e) => {
  console.error(`holocron demo:live: ${e.stack ?? e}`);
  process.exit(1);
});

buildIfNeeded();
setup();
const podsFile = path.join(tmp, 'pods.json');
writePodsFile(podsFile);
const serverPy = writeDeathstarServer(tmp, logFile);
console.log(`holocron demo:live: pods ${PODS.map((p) => `${p.key}=${p.ip}`).join(' ')} on bridge; xwing dropped by nftables in the deathstar namespace`);

const inPod = (key, args, opts = {}) => spawn('ip', ['netns', 'exec', pod(key).netns, ...args], { stdio: 'ignore', ...opts });

// The deathstar "container": restarted like Kubernetes would after its process is killed.
function startDeathstar() {
  if (stopping) return;
  const ds = run('deathstar', 'ip', ['netns', 'exec', pod('deathstar').netns, python, serverPy]);
  ds.on('exit', (code, signal) => {
    if (stopping) return;
    console.log(`holocron demo:live: the deathstar exited (${signal ?? code}); restarting it in 2 s`);
    setTimeout(startDeathstar, 2000);
  });
}
startDeathstar();

const host = process.env.HOLOCRON_HOST ?? '127.0.0.1';
let port = Number(process.env.PORT ?? 3000);
if (!(await portIsFree(port, host))) port = await freePort();
const token = process.env.HOLOCRON_TOKEN || crypto.randomBytes(24).toString('base64url');
const agentPort = await freePort();
const agentAddr = `127.0.0.1:${agentPort}`;

const agent = run('agent', tsxBin, [
  'lib/agent/cli.ts', '--source', 'ebpf', '--listen', agentAddr, '--node-name', os.hostname(), '--pods-file', podsFile,
  '--ignore-port', String(port),
]);
agent.on('exit', (code) => {
  if (stopping) return;
  console.error(`holocron demo:live: the ebpf agent exited (${code}); stopping`);
  process.exit(1);
});

const server = run('server', process.execPath, [nextBin, 'start', '-H', host, '-p', String(port)], {
  env: {
    ...process.env,
    HOLOCRON_AGENTS: `tetragon://${agentAddr},hubble://${agentAddr}`,
    HOLOCRON_DB: process.env.HOLOCRON_DB ?? './data/holocron-live.db',
    HOLOCRON_TOKEN: token,
    PORT: String(port),
    HOLOCRON_HOST: host,
  },
});
server.on('exit', (code) => {
  if (stopping) return;
  console.error(`holocron demo:live: the server exited (${code})`);
  process.exit(code ?? 1);
});

await waitForHttp(`http://${host}:${port}/api/health`, 90_000, { authorization: `Bearer ${token}` });

// Background traffic of SCENARIO.md: landings from the tiefighter, the xwing's attempts that the
// policy drops, and health probes from the host.
const ds = pod('deathstar').ip;
timers.push(setInterval(() => inPod('tiefighter', ['curl', '-s', '-m', '3', '-XPOST', `http://${ds}/v1/request-landing`]), 4000));
timers.push(setInterval(() => inPod('xwing', ['curl', '-s', '-m', '2', '-XPOST', `http://${ds}/v1/request-landing`]), 9000));
timers.push(setInterval(() => spawn('curl', ['-s', '-m', '2', `http://${ds}/healthz`], { stdio: 'ignore' }), 10_000));

// The incident: someone with a shell in the tiefighter reads /etc/shadow and hits the exhaust port.
function incident() {
  if (stopping) return;
  console.log('holocron demo:live: ▶ the incident: a shell in tiefighter reads /etc/shadow and PUTs /v1/exhaust-port');
  inPod('tiefighter', ['/bin/sh', '-c', `cat /etc/shadow > /dev/null; sleep 2; curl -s -m 3 -XPUT http://${ds}/v1/exhaust-port`]);
}
setTimeout(incident, 15_000);
timers.push(setInterval(incident, INCIDENT_EVERY_MS));

console.log(`\n  Holocron live demo (real eBPF events from this machine). Open (this link logs you in):\n\n    http://${host}:${port}/api/login?token=${token}\n\n  The incident plays in 15 s, then every ${INCIDENT_EVERY_MS / 1000} s. Ctrl-C stops and removes the namespaces, bridge and rules.\n`);
