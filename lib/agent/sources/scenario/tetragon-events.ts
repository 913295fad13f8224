/**
 * Wraps Proc objects into GetEventsResponse JSON lines: exactly one oneof member, then
 * node_name, time and cluster_name. Objects are cloned per event so a consumer that edits one
 * stored event cannot change another that mentions the same process.
 */
import { CLUSTER_NAME } from '@/lib/agent/sources/scenario/cluster';
import type { Prng } from '@/lib/agent/sources/scenario/prng';
import type { ScenarioItem } from '@/lib/agent/sources/scenario/scenario-item';
import type { Proc } from '@/lib/agent/sources/scenario/tetragon-process';
import { nsToRfc3339 } from '@/lib/agent/sources/scenario/time';
import type { KprobeArgumentJson, ProcessJson, TetragonEventJson } from '@/lib/domain/wire-types';

type Oneof = Pick<TetragonEventJson, 'process_exec' | 'process_exit' | 'process_kprobe'>;

function line(proc: Proc, timeNs: bigint, event: Oneof): ScenarioItem {
  const time = nsToRfc3339(timeNs);
  return { timeNs, stream: 'tetragon', json: { ...event, node_name: proc.node, time, cluster_name: CLUSTER_NAME } };
}

const processAndParent = (proc: Proc): { process: ProcessJson; parent?: ProcessJson } => ({
  process: structuredClone(proc.process),
  ...(proc.parent ? { parent: structuredClone(proc.parent.process) } : {}),
});

/** process_exec, stamped at the process's start. */
export function execItem(proc: Proc): ScenarioItem {
  return line(proc, proc.startNs, { process_exec: processAndParent(proc) });
}

/** process_exit; a zero status and an empty signal are omitted, as protojson does. */
export function exitItem(proc: Proc, timeNs: bigint, end: { status?: number; signal?: string } = {}): ScenarioItem {
  return line(proc, timeNs, {
    process_exit: {
      ...processAndParent(proc),
      ...(end.signal ? { signal: end.signal } : {}),
      ...(end.status ? { status: end.status } : {}),
      time: nsToRfc3339(timeNs),
    },
  });
}

export interface KprobeSpec {
  functionName: string;
  policyName: string;
  args: KprobeArgumentJson[];
  /** The hook's return value, for policies with `returnArg` (e.g. the fd a syscall returned). */
  returnArg?: KprobeArgumentJson;
}

export function kprobeItem(proc: Proc, timeNs: bigint, spec: KprobeSpec): ScenarioItem {
  return line(proc, timeNs, {
    process_kprobe: {
      ...processAndParent(proc),
      function_name: spec.functionName,
      args: structuredClone(spec.args),
      ...(spec.returnArg ? { return: structuredClone(spec.returnArg) } : {}),
      action: 'KPROBE_ACTION_POST',
      ...(spec.returnArg ? { return_action: 'KPROBE_ACTION_POST' } : {}),
      policy_name: spec.policyName,
    },
  });
}

export interface SockSpec {
  saddr: string;
  daddr: string;
  sport: number;
  dport: number;
  cookie: string;
  state: string;
}

/** A TCP/IPv4 sock argument as the `connect` policy's tcp_connect / tcp_close hooks print it. */
export function tcpSockArg(sock: SockSpec): KprobeArgumentJson {
  return {
    sock_arg: {
      family: 'AF_INET',
      type: 'SOCK_STREAM',
      protocol: 'IPPROTO_TCP',
      saddr: sock.saddr,
      daddr: sock.daddr,
      sport: sock.sport,
      dport: sock.dport,
      cookie: sock.cookie,
      state: sock.state,
    },
  };
}

/** A kernel `struct sock *` address, which Tetragon uses as the socket cookie (uint64 → string). */
export function socketCookie(rng: Prng): string {
  return (0xffff_8881_0000_0000n + BigInt(rng.uint32() & ~0x3f)).toString();
}

/** An ephemeral source port in Linux's default range. */
export function ephemeralPort(rng: Prng): number {
  return rng.int(32768, 60999);
}
