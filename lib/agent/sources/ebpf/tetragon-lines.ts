import type { KprobeArgumentJson, KprobeSockJson, TetragonEventJson } from '@/lib/domain/wire-types';
import type { ProcState } from './process-cache';

/**
 * GetEventsResponse JSON for what the kernel told us, in the shapes `tetra getevents -o json`
 * prints (WIRE.md): one oneof member, node_name, time. Objects are cloned so a consumer that
 * edits one event cannot change another.
 */
const clone = <T>(v: T): T => structuredClone(v);

function processAndParent(p: ProcState): { process: NonNullable<ProcState['process']>; parent?: NonNullable<ProcState['parent']> } {
  return { process: clone(p.process), ...(p.parent ? { parent: clone(p.parent) } : {}) };
}

export function execLine(p: ProcState, node: string, time: string): TetragonEventJson {
  return { process_exec: processAndParent(p), node_name: node, time };
}

const SIGNALS: Record<number, string> = {
  1: 'SIGHUP', 2: 'SIGINT', 3: 'SIGQUIT', 4: 'SIGILL', 5: 'SIGTRAP', 6: 'SIGABRT', 7: 'SIGBUS', 8: 'SIGFPE',
  9: 'SIGKILL', 10: 'SIGUSR1', 11: 'SIGSEGV', 12: 'SIGUSR2', 13: 'SIGPIPE', 14: 'SIGALRM', 15: 'SIGTERM',
  16: 'SIGSTKFLT', 17: 'SIGCHLD', 18: 'SIGCONT', 19: 'SIGSTOP', 20: 'SIGTSTP', 21: 'SIGTTIN', 22: 'SIGTTOU',
  23: 'SIGURG', 24: 'SIGXCPU', 25: 'SIGXFSZ', 26: 'SIGVTALRM', 27: 'SIGPROF', 28: 'SIGWINCH', 29: 'SIGIO',
  30: 'SIGPWR', 31: 'SIGSYS',
};

/**
 * The kernel's wait status: low 7 bits the terminating signal, bits 8–15 the exit status
 * (Tetragon reports them the same way: `signal` "SIGKILL" or `status` 3).
 */
export function decodeExitCode(code: number): { signal?: string; status?: number } {
  const sig = code & 0x7f;
  if (sig) return { signal: SIGNALS[sig] ?? `SIG${sig}` };
  const status = (code >> 8) & 0xff;
  return status ? { status } : {};
}

export function exitLine(p: ProcState, node: string, time: string, exitCode: number): TetragonEventJson {
  return { process_exit: { ...processAndParent(p), ...decodeExitCode(exitCode), time }, node_name: node, time };
}

export function kprobeLine(
  p: ProcState,
  node: string,
  time: string,
  functionName: string,
  policyName: string,
  args: KprobeArgumentJson[],
): TetragonEventJson {
  return {
    process_kprobe: { ...processAndParent(p), function_name: functionName, args, action: 'KPROBE_ACTION_POST', policy_name: policyName },
    node_name: node,
    time,
  };
}

const TCP_STATES: Record<number, string> = {
  1: 'TCP_ESTABLISHED', 2: 'TCP_SYN_SENT', 3: 'TCP_SYN_RECV', 4: 'TCP_FIN_WAIT1', 5: 'TCP_FIN_WAIT2', 6: 'TCP_TIME_WAIT',
  7: 'TCP_CLOSE', 8: 'TCP_CLOSE_WAIT', 9: 'TCP_LAST_ACK', 10: 'TCP_LISTEN', 11: 'TCP_CLOSING', 12: 'TCP_NEW_SYN_RECV',
};
export const tcpStateName = (s: number): string => TCP_STATES[s] ?? `TCP_STATE_${s}`;

export interface SockArgInput {
  family: number;
  saddr: string;
  daddr: string;
  sport: number;
  dport: number;
  sk: string;
  state: number;
}

/** Tetragon's sock_arg; the cookie is the kernel socket address, as Tetragon uses it. */
export function sockArg(s: SockArgInput): KprobeArgumentJson {
  const sock: KprobeSockJson = {
    family: s.family === 10 ? 'AF_INET6' : 'AF_INET',
    type: 'SOCK_STREAM',
    protocol: 'IPPROTO_TCP',
    saddr: s.saddr,
    daddr: s.daddr,
    sport: s.sport,
    dport: s.dport,
    cookie: BigInt(`0x${s.sk || '0'}`).toString(),
    state: tcpStateName(s.state),
  };
  return { sock_arg: sock };
}
