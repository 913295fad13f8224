/**
 * What each Tetragon event kind carries beyond its process and hook, as labelled lines for the
 * event page: the probed binary and symbol of a uprobe, a USDT probe's provider and name, the
 * loaded object and build id, the LSM hook's IMA hash, a throttle's type and cgroup, a
 * tracepoint's syscall id, a kprobe's return value and stack, and the lines that are themselves
 * losses (rate_limit_info). Values are hostile strings: render them inert.
 */
import type { KprobeArgumentJson, TetragonEventJson } from '@/lib/domain/wire-types';
import { base64ToHex, describeArgument } from './kprobe-argument';

export interface KindFact {
  label: string;
  value: string;
  /** Drawn with emphasis: a loss, a throttle, an enforcement action. */
  alert?: boolean;
}

type Fact = KindFact | null | false | undefined | '';

function facts(...xs: Fact[]): KindFact[] {
  return xs.filter((x): x is KindFact => !!x && x.value !== '');
}

const f = (label: string, value: string | number | undefined, alert = false): Fact => value !== undefined && value !== '' && { label, value: String(value), alert };

function syscallOf(args: KprobeArgumentJson[] | undefined): string | undefined {
  const id = args?.find((a) => a.syscall_id)?.syscall_id;
  return id ? `${id.id ?? '?'}${id.abi ? ` (${id.abi})` : ''}` : undefined;
}

function stack(label: string, frames: { symbol?: string; module?: string; offset?: string }[] | undefined): Fact {
  if (!frames?.length) return null;
  const top = frames.slice(0, 8).map((s) => `${s.symbol ?? '?'}${s.offset ? `+${s.offset}` : ''}${s.module ? ` [${s.module}]` : ''}`);
  return f(label, `${top.join(' ← ')}${frames.length > 8 ? ` ← … ${frames.length - 8} more` : ''}`);
}

function dataArgs(data: KprobeArgumentJson[] | undefined): Fact {
  return data?.length ? f('Data', data.map(describeArgument).join(' · ')) : null;
}

export function kindFacts(e: TetragonEventJson): KindFact[] {
  const common = facts(f('Aggregated', e.aggregation_info?.count !== undefined ? `${e.aggregation_info.count} events` : undefined));
  if (e.process_uprobe) {
    const u = e.process_uprobe;
    return [...facts(f('Probed binary', u.path), f('Symbol', u.symbol), f('Offset', u.offset), f('Ref ctr offset', u.ref_ctr_offset), dataArgs(u.data)), ...common];
  }
  if (e.process_usdt) {
    const u = e.process_usdt;
    return [...facts(f('Probed binary', u.path), f('Provider', u.provider), f('Probe name', u.name), f('Flags', u.flags)), ...common];
  }
  if (e.process_loader) {
    const l = e.process_loader;
    return [...facts(f('Loaded', l.path), f('Build id', l.buildid ? base64ToHex(l.buildid) : undefined)), ...common];
  }
  if (e.process_lsm) {
    return [...facts(f('IMA hash', e.process_lsm.ima_hash)), ...common];
  }
  if (e.process_throttle) {
    const t = e.process_throttle;
    const type = String(t.type ?? 'THROTTLE_UNKNOWN');
    const meaning = type === 'THROTTLE_START' ? ' — Tetragon stopped sending this cgroup’s events' : type === 'THROTTLE_STOP' ? ' — events flow again' : '';
    return [...facts(f('Throttle', `${type}${meaning}`, type === 'THROTTLE_START'), f('Cgroup', t.cgroup)), ...common];
  }
  if (e.process_tracepoint) {
    const t = e.process_tracepoint;
    return [...facts(f('Subsystem', t.subsys), f('Event', t.event), f('Syscall id', syscallOf(t.args))), ...common];
  }
  if (e.process_kprobe) {
    const k = e.process_kprobe;
    return [
      ...facts(
        f('Return', k.return ? describeArgument(k.return) : undefined),
        f('Return action', k.return_action),
        f('Syscall id', syscallOf(k.args)),
        dataArgs(k.data),
        stack('Kernel stack', k.kernel_stack_trace),
        stack('User stack', k.user_stack_trace),
      ),
      ...common,
    ];
  }
  if (e.rate_limit_info) {
    return facts(f('Dropped by the agent', `${e.rate_limit_info.number_of_dropped_process_events ?? '?'} process events (rate limit)`, true));
  }
  if (e.test) return facts(f('Test event', JSON.stringify(e.test)));
  return common;
}
