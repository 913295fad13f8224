/**
 * The bench feeder: a node agent (the real gRPC server of lib/agent, both upstream APIs on one
 * port) that sends exactly what the orchestrator asks for, without dropping:
 *
 *   burst    N patched copies of the Death Star cycle as fast as the readers take them
 *   stamped  copies whose times are the emit time, paced at a rate (end-to-end latency, live tail)
 *
 * Run as a child of bench/run.ts (IPC channel); messages are FeederCommand / FeederReport.
 */
import { createAgentServer, serverCredentials } from '@/lib/agent/agent-server';
import { RatePacer } from '@/lib/agent/sources/source';
import { BenchBus } from './bench-bus';
import type { FeederCommand, FeederReport } from './feeder-protocol';
import { buildTemplates, patchCopy, stampedCopy, type StreamMix, type Template } from './templates';

const HIGH_WATER = 2048; // queued messages per reader before the feeder waits
const LOW_WATER = 256;

const send = (r: FeederReport) => process.send?.(r);
const nowMs = () => performance.timeOrigin + performance.now();

const bus = new BenchBus(1024);
const templates = new Map<StreamMix, Template[]>();
let stopRequested = false;

function pool(mix: StreamMix): Template[] {
  let t = templates.get(mix);
  if (!t) templates.set(mix, (t = buildTemplates(mix)));
  return t;
}

async function burst(mix: StreamMix, count: number, copyBase: number): Promise<number> {
  const p = pool(mix);
  let i = 0;
  for (; i < count && !stopRequested; i++) {
    const t = p[i % p.length]!;
    bus.emit({ stream: t.stream, json: t.json, bytes: patchCopy(t, copyBase + Math.floor(i / p.length)), timeUs: t.timeUs } as Parameters<BenchBus['emit']>[0]);
    if ((i & 63) === 63) {
      // Let the sockets flush; wait for the slowest reader rather than queue without bound.
      if (bus.backlog() > HIGH_WATER) await bus.drained(LOW_WATER);
      else await new Promise((r) => setImmediate(r));
    }
  }
  return i;
}

async function stamped(mix: StreamMix, count: number, rate: number, copyBase: number): Promise<number> {
  const p = pool(mix);
  const pacer = new RatePacer(rate);
  const signal = new AbortController().signal;
  let i = 0;
  for (; i < count && !stopRequested; i++) {
    const t = p[i % p.length]!;
    bus.emit(stampedCopy(t, copyBase + Math.floor(i / p.length), Math.round(nowMs() * 1000)));
    if (bus.backlog() > HIGH_WATER) await bus.drained(LOW_WATER);
    await pacer.tick(signal);
  }
  return i;
}

async function run(cmd: Extract<FeederCommand, { type: 'go' }>): Promise<void> {
  stopRequested = false;
  pool(cmd.mix); // encode before the clock starts
  await bus.waitForReaders(cmd.mix === 'mixed' ? 1 : 0, 1);
  const startedMs = nowMs();
  send({ type: 'started', atMs: startedMs });
  const sent = cmd.rate === null ? await burst(cmd.mix, cmd.count, cmd.copyBase) : await stamped(cmd.mix, cmd.count, cmd.rate, cmd.copyBase);
  await bus.drained(0);
  send({ type: 'sent', count: sent, startedMs, atMs: nowMs() });
}

async function main(): Promise<void> {
  const listen = process.argv[2] ?? '127.0.0.1:0';
  const server = createAgentServer(bus, Date.now());
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(listen, serverCredentials(null), (err, p) => (err ? reject(err) : resolve(p))),
  );
  let running: Promise<void> = Promise.resolve();
  process.on('message', (cmd: FeederCommand) => {
    if (cmd.type === 'go') running = running.then(() => run(cmd)).catch((e) => void send({ type: 'error', message: String(e) }));
    else if (cmd.type === 'stop') stopRequested = true;
    else if (cmd.type === 'readers') send({ type: 'readers', ...bus.streams });
  });
  process.on('disconnect', () => {
    server.forceShutdown();
    process.exit(0);
  });
  send({ type: 'listening', port });
}

main().catch((e) => {
  console.error(`bench feeder: ${(e as Error).stack ?? e}`);
  process.exit(1);
});
