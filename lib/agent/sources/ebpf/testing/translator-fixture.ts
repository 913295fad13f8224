import type { SourceLine } from '../../source';
import { LineFramer, type BpfRecord } from '../bpftrace-line';
import { EventTranslator } from '../event-translator';
import { KernelClock } from '../kernel-clock';
import { PodDirectory, type PodSpec } from '../pods-file';
import type { NamespaceInums } from '../namespaces';
import type { ProcEntry } from '../proc-table';

/**
 * A translator with a fixed clock and no /proc, for feeding recorded bpftrace output lines.
 * Kernel time 1 000 000 000 000 ns is 2026-11-22T09:00:00Z.
 */
export const NONCE = 'a1b2c3d4e5f6';
export const HOST_NETNS = 4026531833;
export const T0_WALL_NS = BigInt(Date.UTC(2026, 10, 22, 9, 0, 0)) * 1_000_000n;
export const T0_KTIME = 1_000_000_000_000n;

export function fixtureTranslator(pods: PodSpec[] = [], proc: ProcEntry[] = [], nsPids: ReadonlyMap<number, number> = new Map()): EventTranslator {
  const clock = new KernelClock(() => ({ wallNs: T0_WALL_NS, monoNs: T0_KTIME }));
  const byPid = new Map(proc.map((p) => [p.pid, p]));
  return new EventTranslator({
    node: 'kind-worker',
    clock,
    pods: PodDirectory.fromSpecs(pods, (p) => (p === '/run/netns/tiefighter' ? 4026532500 : null)),
    hostNetns: HOST_NETNS,
    hostNs: HOST_NS,
    hostIps: () => new Set(['10.244.0.1', '192.168.1.5']),
    ignorePorts: new Set([54321]),
    dropReasonName: (r) => ({ 12: 'NETFILTER_DROP', 3: 'NO_SOCKET' })[r] ?? `REASON_${r}`,
    bootWallNs: T0_WALL_NS - T0_KTIME,
    readProc: (pid) => byPid.get(pid) ?? null,
    readCwd: () => null,
    readCmdline: () => null,
    readExe: () => null,
    readNsPid: (pid) => nsPids.get(pid) ?? null,
    fileMode: (p) => (p === '/etc/shadow' ? '-rw-r-----' : null),
  });
}

/** Runs raw output lines (tab-separated, `N` standing for the nonce) through framer and translator. */
export function translate(t: EventTranslator, text: string): SourceLine[] {
  const framer = new LineFramer(NONCE);
  const recs: BpfRecord[] = [];
  for (const line of text.replace(/^\n/, '').split('\n')) framer.push(line.replace(/^N/, NONCE), recs);
  framer.flush(recs);
  if (framer.malformed) throw new Error(framer.lastError);
  const out: SourceLine[] = [];
  for (const r of recs) t.handle(r, out);
  return out;
}

export function procEntry(p: Partial<ProcEntry> & { pid: number; ppid: number }): ProcEntry {
  return {
    startNs: 5_000_000_000n, comm: 'x', argv: ['/bin/x'], exe: '/bin/x', cwd: '/', uid: 0, auid: 4294967295,
    netns: HOST_NETNS, nspid: p.pid, ns: null, caps: null, kernelThread: false, ...p,
  };
}

/** The host's namespaces in fixtures (pid 1's on a real machine). */
export const HOST_NS: NamespaceInums = {
  uts: 4026531838, ipc: 4026531839, mnt: 4026531832, pid: 4026531836, pid_for_children: 4026531836, net: HOST_NETNS,
  time: 4026531834, time_for_children: 4026531834, cgroup: 4026531835, user: 4026531837,
};

/** The task record bpftrace prints before an exec record (`N` for the nonce): host by default. */
export function taskLine(pid: number, o: { nspid?: number; ns?: Partial<NamespaceInums>; capEff?: string; capPrm?: string; capInh?: string } = {}): string {
  const ns = { ...HOST_NS, ...o.ns };
  return ['NP', pid, o.nspid ?? pid, ns.pid, ns.pid_for_children, ns.mnt, ns.uts, ns.ipc, ns.cgroup, ns.time, ns.time_for_children, ns.user,
    o.capEff ?? '1ffffffffff', o.capPrm ?? '1ffffffffff', o.capInh ?? '0'].join('\t');
}
