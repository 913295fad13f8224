import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { AgentBus } from '@/lib/agent/agent-bus';
import { createEbpfSource } from './ebpf-source';

/**
 * For `npm run bench`: how many real kernel events per second the ebpf collector turns into
 * encoded upstream messages, and what that costs in CPU. A separate python3 process offers a
 * steady load (short-lived processes and TCP connections to a local listener) so the load
 * generator's CPU is not counted as ours. Needs root and bpftrace, like the source.
 *
 * Result (all rates per second over the measured window, after bpftrace attached):
 *   { durationS, offered: { execs, connects },             // what the generator did
 *     seen: { execs, connects },                           // of those, events we emitted
 *     emitted: { tetragon, hubble, total },                // everything emitted (incl. background)
 *     lost: { kernel, shed },                              // counts over the window
 *     cpu: { bpftracePct, agentPct },                      // % of one core (bpftrace; our process)
 *     attachMs }
 */
export interface EbpfBenchOptions {
  durationS?: number;
  execsPerSecond?: number;
  connectsPerSecond?: number;
  log?: (m: string) => void;
}

export interface EbpfBenchResult {
  durationS: number;
  offered: { execs: number; connects: number };
  seen: { execs: number; connects: number };
  emitted: { tetragon: number; hubble: number; total: number };
  lost: { kernel: number; shed: number };
  cpu: { bpftracePct: number; agentPct: number };
  attachMs: number;
}

const CLK_TCK = 100;

function cpuTicks(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(rest[11]) + Number(rest[12]); // utime + stime
  } catch {
    return 0;
  }
}

// Spawns `execs` /bin/true per second and opens `connects` TCP connections per second to `port`.
const GENERATOR = `
import os, socket, sys, time
execs, connects, port, dur = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
t0 = time.monotonic(); ne = nc = 0
while True:
    t = time.monotonic() - t0
    if t >= dur: break
    while ne < execs * t:
        pid = os.posix_spawn('/bin/true', ['/bin/true', 'holocron-bench'], {}); os.waitpid(pid, 0); ne += 1
    while nc < connects * t:
        s = socket.create_connection(('127.0.0.1', port)); s.close(); nc += 1
    time.sleep(0.002)
print(ne, nc)
`;

export async function measureEbpfCollector(opts: EbpfBenchOptions = {}): Promise<EbpfBenchResult> {
  const durationS = opts.durationS ?? 10;
  const log = opts.log ?? (() => {});
  const listener = net.createServer((s) => s.destroy());
  const port = await new Promise<number>((r) => listener.listen(0, '127.0.0.1', () => r((listener.address() as net.AddressInfo).port)));
  const source = createEbpfSource({ log });
  const abort = new AbortController();
  let measuring = false;
  const counts = { tetragon: 0, hubble: 0, execs: 0, connects: 0 };
  const t0 = Date.now();
  const running = source.run((line) => {
    AgentBus.encode(line.stream, line.json, 0); // the real agent's cost includes encoding
    if (!measuring) return;
    counts[line.stream]++;
    const j = line.json as { process_exec?: { process?: { arguments?: string } }; process_kprobe?: { function_name?: string; args?: { sock_arg?: { dport?: number } }[] } };
    if (j.process_exec?.process?.arguments === 'holocron-bench') counts.execs++;
    if (j.process_kprobe?.function_name === 'tcp_connect' && j.process_kprobe.args?.[0]?.sock_arg?.dport === port) counts.connects++;
  }, abort.signal);
  try {
    await Promise.race([source.attached, running.then(() => Promise.reject(new Error('the ebpf source stopped before attaching')))]);
    const attachMs = Date.now() - t0;
    await new Promise((r) => setTimeout(r, 500));
    const bpfPid = source.stats.bpftracePid ?? 0;
    const before = { bpf: cpuTicks(bpfPid), self: process.cpuUsage(), kernel: source.stats.kernelLost, shed: source.stats.shed.tetragon + source.stats.shed.hubble };
    const started = performance.now();
    measuring = true;
    const gen = spawn('python3', ['-c', GENERATOR, String(opts.execsPerSecond ?? 200), String(opts.connectsPerSecond ?? 100), String(port), String(durationS)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let genOut = '';
    gen.stdout.on('data', (b: Buffer) => (genOut += b.toString()));
    await new Promise((r) => gen.on('exit', r));
    await new Promise((r) => setTimeout(r, 500)); // let the last events drain
    measuring = false;
    const elapsed = (performance.now() - started) / 1000;
    const self = process.cpuUsage(before.self);
    const [offeredExecs = 0, offeredConnects = 0] = genOut.trim().split(/\s+/).map(Number);
    const rate = (n: number) => Math.round((n / elapsed) * 10) / 10;
    return {
      durationS: Math.round(elapsed * 10) / 10,
      offered: { execs: rate(offeredExecs), connects: rate(offeredConnects) },
      seen: { execs: rate(counts.execs), connects: rate(counts.connects) },
      emitted: { tetragon: rate(counts.tetragon), hubble: rate(counts.hubble), total: rate(counts.tetragon + counts.hubble) },
      lost: { kernel: source.stats.kernelLost - before.kernel, shed: source.stats.shed.tetragon + source.stats.shed.hubble - before.shed },
      cpu: {
        bpftracePct: Math.round(((cpuTicks(bpfPid) - before.bpf) / CLK_TCK / elapsed) * 1000) / 10,
        agentPct: Math.round(((self.user + self.system) / 1e6 / elapsed) * 1000) / 10,
      },
      attachMs,
    };
  } finally {
    abort.abort();
    await running.catch(() => {});
    listener.close();
  }
}
