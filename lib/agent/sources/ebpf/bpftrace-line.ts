/**
 * Decodes bpftrace's output lines (see bpftrace-script.ts for the format) into typed records.
 * Pure: no I/O, so fixtures of real output lines can test it.
 */
import { TAG } from './bpftrace-script';
import { parseCapMask, type CapSets } from './capabilities';
import type { NamespaceInums } from './namespaces';

export interface SockTuple {
  /** Kernel `struct sock *` as a hex string: the socket's identity (Tetragon's sock cookie). */
  sk: string;
  family: number; // 2 = AF_INET, 10 = AF_INET6
  saddr: string;
  daddr: string;
  sport: number;
  dport: number;
  netns: number;
}

export type BpfRecord =
  | { tag: 'arg'; tid: number; index: number; text: string }
  | { tag: 'execve'; tid: number; argc: number; filename: string }
  | { tag: 'exec'; pid: number; oldPid: number; ppid: number; ktime: bigint; uid: number; auid: number; netns: number; filename: string }
  | {
      tag: 'task';
      pid: number;
      /** The pid in the task's own pid namespace (1 for a container's init). */
      nspid: number;
      /** Every namespace but net, which the exec record carries. */
      ns: Omit<NamespaceInums, 'net'>;
      caps: CapSets;
    }
  | { tag: 'fork'; ppid: number; child: number; ktime: bigint }
  | { tag: 'exit'; pid: number; ktime: bigint; exitCode: number; groupExitCode: number }
  | ({ tag: 'connect' | 'accept'; pid: number; ktime: bigint } & SockTuple)
  | ({ tag: 'state'; pid: number; ktime: bigint; oldState: number; newState: number } & SockTuple)
  | { tag: 'open' | 'truncate' | 'unlink'; pid: number; ktime: bigint; ret: number; flags: number; path: string }
  | { tag: 'ftruncate'; pid: number; ktime: bigint; fd: number }
  | ({ tag: 'http'; pid: number; ktime: bigint; text: string } & SockTuple)
  | {
      tag: 'drop';
      ktime: bigint;
      reason: number;
      family: number;
      saddr: string;
      daddr: string;
      protocol: number;
      sport: number;
      dport: number;
      tcpFlags: number;
      netns: number;
    }
  | { tag: 'lost'; count: number };

const int = (s: string | undefined): number => {
  const n = Number(s);
  if (s === undefined || s === '' || !Number.isFinite(n)) throw new Error(`not a number: ${JSON.stringify(s)}`);
  return n;
};
const big = (s: string | undefined): bigint => {
  if (s === undefined || !/^\d+$/.test(s)) throw new Error(`not a kernel time: ${JSON.stringify(s)}`);
  return BigInt(s);
};

const capMask = (s: string | undefined): bigint => {
  const v = parseCapMask(s ?? '');
  if (v === null) throw new Error(`not a capability mask: ${JSON.stringify(s)}`);
  return v;
};

/** Splits into exactly `n` fields; the last keeps any tabs of free text. */
function fields(body: string, n: number): string[] {
  const out: string[] = [];
  let rest = body;
  for (let i = 0; i < n - 1; i++) {
    const t = rest.indexOf('\t');
    if (t < 0) throw new Error(`expected ${n} fields`);
    out.push(rest.slice(0, t));
    rest = rest.slice(t + 1);
  }
  out.push(rest);
  return out;
}

function sockFields(f: string[], at: number): SockTuple {
  return {
    sk: f[at] ?? '',
    family: int(f[at + 1]),
    saddr: f[at + 2] ?? '',
    daddr: f[at + 3] ?? '',
    sport: int(f[at + 4]),
    dport: int(f[at + 5]),
    netns: int(f[at + 6]),
  };
}

/** Decodes one record (tag and fields, nonce already removed). Throws on a malformed record. */
export function parseRecord(tag: string, body: string): BpfRecord {
  switch (tag) {
    case TAG.arg: {
      const f = fields(body, 3);
      return { tag: 'arg', tid: int(f[0]), index: int(f[1]), text: f[2]! };
    }
    case TAG.execve: {
      const f = fields(body, 3);
      return { tag: 'execve', tid: int(f[0]), argc: int(f[1]), filename: f[2]! };
    }
    case TAG.task: {
      const f = fields(body, 14);
      return {
        tag: 'task', pid: int(f[0]), nspid: int(f[1]),
        ns: {
          pid: int(f[2]), pid_for_children: int(f[3]), mnt: int(f[4]), uts: int(f[5]), ipc: int(f[6]), cgroup: int(f[7]),
          time: int(f[8]), time_for_children: int(f[9]), user: int(f[10]),
        },
        caps: { effective: capMask(f[11]), permitted: capMask(f[12]), inheritable: capMask(f[13]) },
      };
    }
    case TAG.exec: {
      const f = fields(body, 8);
      return {
        tag: 'exec', pid: int(f[0]), oldPid: int(f[1]), ppid: int(f[2]), ktime: big(f[3]), uid: int(f[4]),
        auid: int(f[5]), netns: int(f[6]), filename: f[7]!,
      };
    }
    case TAG.fork: {
      const f = fields(body, 3);
      return { tag: 'fork', ppid: int(f[0]), child: int(f[1]), ktime: big(f[2]) };
    }
    case TAG.exit: {
      const f = fields(body, 4);
      return { tag: 'exit', pid: int(f[0]), ktime: big(f[1]), exitCode: int(f[2]), groupExitCode: int(f[3]) };
    }
    case TAG.connect:
    case TAG.accept: {
      const f = fields(body, 9);
      return { tag: tag === TAG.connect ? 'connect' : 'accept', pid: int(f[0]), ktime: big(f[1]), ...sockFields(f, 2) };
    }
    case TAG.state: {
      const f = fields(body, 11);
      return {
        tag: 'state', pid: int(f[0]), ktime: big(f[1]), sk: f[2]!, oldState: int(f[3]), newState: int(f[4]),
        family: int(f[5]), saddr: f[6]!, daddr: f[7]!, sport: int(f[8]), dport: int(f[9]), netns: int(f[10]),
      };
    }
    case TAG.open:
    case TAG.truncate:
    case TAG.unlink: {
      const f = fields(body, 5);
      const kind = tag === TAG.open ? 'open' : tag === TAG.truncate ? 'truncate' : 'unlink';
      return { tag: kind, pid: int(f[0]), ktime: big(f[1]), ret: int(f[2]), flags: int(f[3]), path: f[4]! };
    }
    case TAG.ftruncate: {
      const f = fields(body, 3);
      return { tag: 'ftruncate', pid: int(f[0]), ktime: big(f[1]), fd: int(f[2]) };
    }
    case TAG.http: {
      const f = fields(body, 10);
      return { tag: 'http', pid: int(f[0]), ktime: big(f[1]), ...sockFields(f, 2), text: f[9]! };
    }
    case TAG.drop: {
      const f = fields(body, 10);
      return {
        tag: 'drop', ktime: big(f[0]), reason: int(f[1]), family: int(f[2]), saddr: f[3]!, daddr: f[4]!,
        protocol: int(f[5]), sport: int(f[6]), dport: int(f[7]), tcpFlags: int(f[8]), netns: int(f[9]),
      };
    }
    default:
      throw new Error(`unknown record tag ${JSON.stringify(tag)}`);
  }
}

const LOST = /^Lost (\d+) events$/;

/**
 * Turns raw output lines into records. A line without the nonce continues the free text of the
 * record before it (a newline inside an argument or an HTTP header block); bpftrace's own
 * "Lost N events" notices become `lost` records.
 */
export class LineFramer {
  private pending: { tag: string; body: string } | null = null;
  malformed = 0;
  lastError = '';

  constructor(private readonly nonce: string) {}

  /** Feeds one line; returns the record completed by it, if any. */
  push(line: string, out: BpfRecord[]): void {
    if (line.startsWith(this.nonce)) {
      this.flush(out);
      const tag = line.charAt(this.nonce.length);
      const body = line.slice(this.nonce.length + 2);
      this.pending = { tag, body };
      return;
    }
    const lost = LOST.exec(line);
    if (lost) {
      this.flush(out);
      out.push({ tag: 'lost', count: Number(lost[1]) });
      return;
    }
    if (this.pending) this.pending.body += `\n${line}`;
  }

  /** Completes the record in progress (call at the end of a chunk of output). */
  flush(out: BpfRecord[]): void {
    const p = this.pending;
    this.pending = null;
    if (!p) return;
    try {
      out.push(parseRecord(p.tag, p.body));
    } catch (e) {
      this.malformed++;
      this.lastError = `${(e as Error).message} in ${JSON.stringify(`${p.tag}\t${p.body}`.slice(0, 120))}`;
    }
  }
}
