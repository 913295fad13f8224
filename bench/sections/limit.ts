import { freshCopyBase, startFeeder } from '../feeder/feeder-control';
import type { StreamMix } from '../feeder/templates';
import { startAgent, freePort } from '../support/agent';
import { connectBareClient } from '../support/bare-client';
import type { BenchContext } from '../support/context';
import { sleep } from '../support/stats';

/**
 * (1) The limit: how fast a bare gRPC client receives and decodes the stream Holocron ingests
 * (the feeder's N copies, exactly, nothing dropped), mixed and flows only; and for reference the
 * real agent's unpaced flood source into the same client for a few seconds, losses counted.
 */
export interface DecodeLimit {
  rate: number;
  mbps: number;
  /** Protobuf bytes of the gRPC messages per event (the wire, without HTTP/2 and gRPC framing). */
  wireBytesPerEvent: number;
  /** CPU time of the client's process (the bench's) per event: compare with the hub's per row. */
  cpuUsPerEvent: number;
}

export async function decodeLimit(ctx: BenchContext, mix: StreamMix, count: number): Promise<DecodeLimit> {
  const feeder = await startFeeder();
  const client = connectBareClient(feeder.addr, { tetragon: mix === 'mixed', hubble: true });
  try {
    const cpu0 = process.cpuUsage();
    const startedMs = await feeder.go({ mix, count, copyBase: freshCopyBase() });
    const doneMs = await client.reach(count, 10 * 60_000);
    const cpu = process.cpuUsage(cpu0);
    const seconds = (doneMs - startedMs) / 1000;
    const limit = { rate: count / seconds, mbps: client.bytes / seconds / 1e6, wireBytesPerEvent: client.bytes / count, cpuUsPerEvent: (cpu.user + cpu.system) / count };
    ctx.measured.wire = { ...ctx.measured.wire, [mix]: limit.wireBytesPerEvent };
    return limit;
  } finally {
    client.close();
    await feeder.stop();
  }
}

async function floodLimit(ctx: BenchContext, seconds: number) {
  const addr = `127.0.0.1:${await freePort()}`;
  const agent = await startAgent(addr, ['--source', 'flood:death-star']);
  const client = connectBareClient(addr, { tetragon: true, hubble: true });
  try {
    await sleep(1500); // past the agent's start (it waits for readers, then 300 ms)
    const d0 = client.decoded;
    const l0 = client.lost;
    const t0 = performance.now();
    await sleep(seconds * 1000);
    const elapsed = (performance.now() - t0) / 1000;
    return { rate: (client.decoded - d0) / elapsed, lost: client.lost - l0, seconds: elapsed };
  } finally {
    client.close();
    await agent.stop();
  }
}

export async function runLimit(ctx: BenchContext): Promise<void> {
  const n = ctx.opts.events;
  const { report } = ctx;
  ctx.log(`limit: a bare client decoding ${n.toLocaleString('en-US')} mixed events`);
  const mixed = await decodeLimit(ctx, 'mixed', n);
  ctx.measured.limitMixed = mixed.rate;
  report.add({ section: 'limit', metric: 'decode-only, mixed (feeder → bare gRPC client)', value: mixed.rate, unit: 'ev/s', note: `${mixed.mbps.toFixed(0)} MB/s on the wire (${mixed.wireBytesPerEvent.toFixed(0)} B an event); client CPU ${mixed.cpuUsPerEvent.toFixed(0)} µs an event; 0 lost (the feeder waits, never drops)` });
  ctx.log(`limit: flows only`);
  const flows = await decodeLimit(ctx, 'flows', n);
  report.add({ section: 'limit', metric: 'decode-only, flows only', value: flows.rate, unit: 'ev/s', note: `${flows.mbps.toFixed(0)} MB/s on the wire (${flows.wireBytesPerEvent.toFixed(0)} B an event); client CPU ${flows.cpuUsPerEvent.toFixed(0)} µs an event` });
  const seconds = ctx.opts.quick ? 3 : 8;
  ctx.log(`limit: the agent's flood source for ${seconds} s`);
  const flood = await floodLimit(ctx, seconds);
  report.add({
    section: 'limit',
    metric: 'decode-only, agent flood:death-star unpaced',
    value: flood.rate,
    unit: 'ev/s',
    note: `${flood.lost.toLocaleString('en-US')} reported lost by the agent (lost_events/rate_limit_info) in ${flood.seconds.toFixed(1)} s`,
  });
  report.detail('limit', { mixed, flows, flood });
}
