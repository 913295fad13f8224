// npm run demo:live (root): the Death Star incident for real on this machine. Network-namespace
// "pods" on a bridge whose containers run under a minimal runtime (each main process is pid 1
// of its own pid namespace), a real (vulnerable) deathstar HTTP service, real curls from the
// spaceships, the xwing dropped by a real nftables rule, our agent collecting it all with eBPF
// (bpftrace), and the Holocron server showing it. The attack of SCENARIO.md is played through a
// real `kubectl exec -it`-style terminal in the tiefighter; the deathstar container is restarted
// when its pid 1 dies. Everything is removed on exit, Ctrl-C, SIGTERM or error.
//
// HOLOCRON_LIVE_INCIDENT_AFTER_S (default 15): when the first incident plays, counted from the
// moment the agent's probes are attached and the server answers.
// HOLOCRON_LIVE_INCIDENT_EVERY_S (default 120; 0 = only once): how often it plays again.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildIfNeeded } from './build-if-needed.mjs';
import {
  DEATHSTAR_FQDN, DEFAULT_LOG, PODS, SHIM, execArgs, installRuntime, pod, preflight, runArgs, running, setup, teardown, writePodsFile,
} from './live-cluster.mjs';
import { freePort, nextBin, portIsFree, run, stopAll, tsxBin, waitForHttp } from './processes.mjs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
const seconds = (name, fallback) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(v) || v < 0) {
    console.error(`holocron demo:live: ${name} must be a number of seconds`);
    process.exit(2);
  }
  return v * 1000;
};
const INCIDENT_AFTER_MS = seconds('HOLOCRON_LIVE_INCIDENT_AFTER_S', 15);
const INCIDENT_EVERY_MS = seconds('HOLOCRON_LIVE_INCIDENT_EVERY_S', 120);
const RESTART_DELAY_MS = 2000;

let python;
try {
  ({ python } = preflight());
} catch (e) {
  console.error(`holocron demo:live: ${e.message}`);
  process.exit(2);
}

const say = (m) => console.log(`holocron demo:live: ${m}`);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-live-'));
// The deathstar logs under /var/log like the real one; only a directory the demo created is removed.
const ownLogDir = !fs.existsSync(path.dirname(DEFAULT_LOG));
const logDir = ownLogDir ? path.dirname(DEFAULT_LOG) : fs.mkdtempSync('/var/log/deathstar-holocron-');
fs.mkdirSync(logDir, { recursive: true });
const logFile = ownLogDir ? DEFAULT_LOG : path.join(logDir, 'access.log');
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
    console.log('\nholocron demo:live: stopping and removing the pods, namespaces, bridge and rules…');
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
installRuntime(python);
const podsFile = path.join(tmp, 'pods.json');
writePodsFile(podsFile);
say(`pods ${PODS.map((p) => `${p.key}=${p.ip}`).join(' ')} on a bridge; xwing dropped by nftables in the deathstar namespace`);

// Each container runs under its own shim; like the kubelet with restartPolicy Always, a container
// whose main process ends is started again (a new pid 1, a new exec_id).
function startContainer(key) {
  if (stopping) return;
  const shim = run(key, SHIM, runArgs(key, { logFile }));
  shim.on('exit', (code, signal) => {
    if (stopping) return;
    say(`the ${key} container exited (${signal ?? `status ${code}`}); restarting it in ${RESTART_DELAY_MS / 1000} s`);
    setTimeout(() => startContainer(key), RESTART_DELAY_MS);
  });
}

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
// The agent attaches its probes once Holocron subscribes; anything played before is not seen.
const attached = new Promise((resolve) => {
  let seen = '';
  agent.stderr.on('data', (b) => {
    seen = (seen + b.toString()).slice(-4096);
    if (/attached \d+ probes/.test(seen)) resolve();
  });
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
await attached;
// The containers start once the probes watch: their runtime, pid 1 and first requests are then
// exec and network events like everything after, not processes found in /proc.
for (const p of PODS) startContainer(p.key);

// Kubelet health probes to the deathstar, from the host.
timers.push(setInterval(() => spawn('curl', ['-s', '-o', '/dev/null', '-m', '2', `http://${pod('deathstar').ip}/healthz`], { stdio: 'ignore' }), 10_000));

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// SCENARIO.md's incident, typed into a terminal in the tiefighter like `kubectl exec -it
// tiefighter -- /bin/sh`: T+6 s read /etc/shadow, T+15 s PUT the exhaust port, whose handler
// truncates the deathstar's access log and kills its pid 1.
async function incident() {
  if (stopping || !running('tiefighter')) return;
  say('▶ the incident: a terminal in tiefighter reads /etc/shadow, then PUTs /v1/exhaust-port');
  const shell = run('kubectl exec -it tiefighter', SHIM, execArgs('tiefighter', ['/bin/sh'], { tty: true }), { stdio: ['pipe', 'pipe', 'pipe'] });
  shell.stdin.on('error', () => {}); // the shell may be gone when the demo stops
  const type = (line) => !stopping && shell.exitCode === null && shell.stdin.write(`${line}\n`);
  await sleep(6000);
  type('cat /etc/shadow > /dev/null');
  await sleep(9000);
  type(`curl -s -m 3 -XPUT ${DEATHSTAR_FQDN}/v1/exhaust-port`);
  await sleep(4000);
  type('exit');
}
setTimeout(incident, INCIDENT_AFTER_MS);
if (INCIDENT_EVERY_MS > 0) timers.push(setInterval(incident, INCIDENT_EVERY_MS));

console.log(
  `\n  Holocron live demo (real eBPF events from this machine). Open (this link logs you in):\n\n    http://${host}:${port}/api/login?token=${token}\n\n` +
    `  The incident plays in ${INCIDENT_AFTER_MS / 1000} s${INCIDENT_EVERY_MS > 0 ? `, then every ${INCIDENT_EVERY_MS / 1000} s` : ''}. ` +
    'Ctrl-C stops and removes the pods, namespaces, bridge and rules.\n',
);
