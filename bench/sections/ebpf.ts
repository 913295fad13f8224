import { findOnPath } from '@/lib/agent/sources/ebpf/preflight';
import type { BenchContext } from '../support/context';

/**
 * The eBPF collector (--source ebpf): real kernel events per second turned into upstream
 * messages, and its CPU (bpftrace and ours) — measureEbpfCollector from the collector's own
 * bench hook. Needs root and bpftrace; otherwise the row says why it was skipped.
 */
export async function runEbpf(ctx: BenchContext): Promise<void> {
  const why = process.getuid?.() !== 0 ? 'not root' : !findOnPath('bpftrace') ? 'bpftrace is not installed (apt-get install -y bpftrace)' : null;
  if (why) {
    ctx.report.skip('ebpf', 'collector events/s and CPU', `skipped: ${why}`);
    return;
  }
  const { measureEbpfCollector } = await import('@/lib/agent/sources/ebpf/bench-hooks');
  const durationS = ctx.opts.quick ? 4 : 15;
  ctx.log(`ebpf: the collector under a generated load for ${durationS} s`);
  const r = await measureEbpfCollector({ durationS, execsPerSecond: 200, connectsPerSecond: 100, log: () => {} });
  const seenPct = (seen: number, offered: number) => (offered > 0 ? `${((seen / offered) * 100).toFixed(0)} %` : 'n/a');
  ctx.report.add({
    section: 'ebpf',
    metric: 'collector: events emitted (tetragon + hubble)',
    value: r.emitted.total,
    unit: 'ev/s',
    note: `offered ${r.offered.execs} execs/s + ${r.offered.connects} connects/s; seen ${seenPct(r.seen.execs, r.offered.execs)} of execs, ${seenPct(r.seen.connects, r.offered.connects)} of connects; lost ${r.lost.kernel} in kernel, ${r.lost.shed} shed; attach ${(r.attachMs / 1000).toFixed(1)} s`,
  });
  ctx.report.add({ section: 'ebpf', metric: 'collector CPU: bpftrace', value: r.cpu.bpftracePct, unit: '% core' });
  ctx.report.add({ section: 'ebpf', metric: 'collector CPU: agent (parse, translate, encode)', value: r.cpu.agentPct, unit: '% core' });
  ctx.report.detail('ebpf', r);
}
