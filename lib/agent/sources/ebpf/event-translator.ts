import type { EndpointJson, KprobeArgumentJson } from '@/lib/domain/wire-types';
import { nsToRfc3339 } from '@/lib/wire/timestamp';
import type { SourceLine } from '../source';
import type { BpfRecord, SockTuple } from './bpftrace-line';
import { dropFlow, httpFlow, tcpFlow, type FlowBase, type Peer } from './hubble-lines';
import { parseHttpStart } from './http-message';
import type { KernelClock } from './kernel-clock';
import type { NamespaceInums } from './namespaces';
import { ProcessCache, type ProcState } from './process-cache';
import type { ProcEntry } from './proc-table';
import { HOST_ENDPOINT, WORLD_ENDPOINT, type PodDirectory } from './pods-file';
import { execLine, exitLine, kprobeLine, sockArg } from './tetragon-lines';

/**
 * The stateful half of the ebpf source: bpftrace records in, upstream Tetragon / Hubble lines
 * out. It keeps what the kernel does not repeat on every event: the exec behind each pid, the
 * process that owns each socket (TCP state changes often run in softirq, where the current
 * task is whoever happened to be on the CPU), argv collected before an exec succeeds, the fds
 * opened on watched paths and HTTP requests waiting for their response.
 */
export interface TranslatorDeps {
  node: string;
  clock: KernelClock;
  pods: PodDirectory;
  hostNetns: number;
  /** The host's (pid 1's) namespaces: a pod process's `ns` marks the ones it shares (is_host). */
  hostNs?: NamespaceInums | null;
  /** Addresses of this machine (host network namespace): traffic to them is "reserved:host". */
  hostIps: () => ReadonlySet<string>;
  /** Ports whose traffic is the agent's and Holocron's own (not reported). */
  ignorePorts: ReadonlySet<number>;
  dropReasonName: (reason: number) => string;
  /** Wall-clock ns of boot, for /proc start times. */
  bootWallNs: bigint;
  readProc: (pid: number) => ProcEntry | null;
  readCwd: (pid: number) => string | null;
  readCmdline: (pid: number) => string[] | null;
  /** /proc/<pid>/exe, for execs through /proc/self/exe or /dev/fd/N that name no real path. */
  readExe: (pid: number) => string | null;
  /** A process's pid in its own pid namespace (/proc/<pid>/status NSpid), for clones in pods. */
  readNsPid?: (pid: number) => number | null;
  fileMode: (path: string) => string | null;
}

interface SockState {
  owner: ProcState | null;
  role: 'client' | 'server';
  tuple: SockTuple;
  synFlowSent: boolean;
}

interface PendingExec {
  argv: string[];
  complete: boolean;
}

const O_ACCMODE = 3;
const O_TRUNC = 0x200;
const MAY_READ = 4;
const MAY_WRITE = 2;
const MAX_TRACKED = 65_536;

function bounded<K, V>(m: Map<K, V>, key: K, value: V): void {
  m.delete(key);
  m.set(key, value);
  if (m.size > MAX_TRACKED) {
    const oldest = m.keys().next().value;
    if (oldest !== undefined) m.delete(oldest);
  }
}

export class EventTranslator {
  readonly cache: ProcessCache;
  private readonly pendingExec = new Map<number, PendingExec>();
  private readonly pendingTask = new Map<number, Extract<BpfRecord, { tag: 'task' }>>();
  private readonly sockets = new Map<string, SockState>();
  private readonly watchedFds = new Map<string, string>();
  private readonly httpRequests = new Map<string, { method: string; url: string; ktime: bigint }>();

  constructor(private readonly d: TranslatorDeps) {
    this.cache = new ProcessCache(d.node, d.clock, d.pods, d.hostNetns, d.hostNs ?? null);
  }

  private time(ktime: bigint): string {
    return nsToRfc3339(this.d.clock.wallNs(ktime));
  }

  private tetragon(out: SourceLine[], json: SourceLine['json']): void {
    out.push({ stream: 'tetragon', json } as SourceLine);
  }

  /** Announces every process in `entries` not known yet (flags "procFS"); returns how many. */
  seed(entries: readonly ProcEntry[], out: SourceLine[]): number {
    let n = 0;
    const nowRfc = nsToRfc3339(BigInt(Date.now()) * 1_000_000n);
    for (const e of entries) {
      if (e.kernelThread) continue;
      const known = this.cache.get(e.pid);
      if (known && !known.cloneOnly) continue;
      const s = this.cache.seed(e, this.d.bootWallNs);
      this.tetragon(out, execLine(s, this.d.node, nowRfc));
      n++;
    }
    return n;
  }

  /**
   * A clone that never exec'd has had no process_exec; once it matters (it owns an event or is
   * a parent) it is announced with flags "clone", so the dashboard can link the ancestry.
   */
  private announceClones(s: ProcState | undefined, out: SourceLine[]): void {
    const chain: ProcState[] = [];
    for (let cur = s; cur && cur.cloneOnly && !cur.announced && chain.length < 64; ) {
      chain.unshift(cur);
      const parent = cur.parent?.pid === undefined ? undefined : this.cache.get(cur.parent.pid);
      cur = parent && parent.execId === cur.process.parent_exec_id ? parent : undefined;
    }
    for (const c of chain) {
      c.announced = true;
      this.tetragon(out, execLine(c, this.d.node, c.process.start_time ?? nsToRfc3339(BigInt(Date.now()) * 1_000_000n)));
    }
  }

  /** The process behind `pid`, read from /proc (with its parents) when the agent missed its start. */
  private processFor(pid: number, out: SourceLine[]): ProcState | null {
    const known = this.cache.get(pid);
    if (known) {
      this.announceClones(known, out);
      known.announced = true;
      return known;
    }
    const chain: ProcEntry[] = [];
    for (let p = pid, i = 0; p > 0 && i < 64 && !this.cache.has(p); i++) {
      const e = this.d.readProc(p);
      if (!e) break;
      chain.unshift(e);
      p = e.ppid;
    }
    this.seed(chain, out);
    return this.cache.get(pid) ?? null;
  }

  handle(r: BpfRecord, out: SourceLine[]): void {
    switch (r.tag) {
      case 'arg': {
        if (r.index === 0) bounded(this.pendingExec, r.tid, { argv: [r.text], complete: false });
        else {
          const p = this.pendingExec.get(r.tid);
          if (p && !p.complete) p.argv[r.index] = r.text;
        }
        return;
      }
      case 'execve': {
        const p = this.pendingExec.get(r.tid);
        if (p && !p.complete) p.complete = true;
        else bounded(this.pendingExec, r.tid, { argv: [], complete: true });
        return;
      }
      case 'task':
        bounded(this.pendingTask, r.pid, r);
        return;
      case 'exec':
        return this.onExec(r, out);
      case 'fork':
        if (this.processFor(r.ppid, out)) this.cache.fork(r.ppid, r.child, r.ktime, this.d.readNsPid);
        return;
      case 'exit': {
        const s = this.cache.exit(r.pid);
        if (s && s.announced) this.tetragon(out, exitLine(s, this.d.node, this.time(r.ktime), r.exitCode || r.groupExitCode));
        return;
      }
      case 'connect':
      case 'accept':
        return this.onSocketOwned(r, out);
      case 'state':
        return this.onState(r, out);
      case 'open':
      case 'truncate':
      case 'unlink':
      case 'ftruncate':
        return this.onFile(r, out);
      case 'http':
        return this.onHttp(r, out);
      case 'drop':
        return this.onDrop(r, out);
      case 'lost':
        this.lost(r.count, out);
        return;
    }
  }

  /** Upstream markers for events that never reached us. */
  lost(
    count: number,
    out: SourceLine[],
    source: 'PERF_EVENT_RING_BUFFER' | 'OBSERVER_EVENTS_QUEUE' = 'PERF_EVENT_RING_BUFFER',
    only?: 'tetragon' | 'hubble',
  ): void {
    const time = nsToRfc3339(BigInt(Date.now()) * 1_000_000n);
    if (only !== 'hubble') {
      this.tetragon(out, { rate_limit_info: { number_of_dropped_process_events: String(count) }, node_name: this.d.node, time });
    }
    if (only !== 'tetragon') {
      out.push({ stream: 'hubble', json: { lost_events: { source, num_events_lost: String(count) }, node_name: this.d.node, time } });
    }
  }

  private onExec(r: Extract<BpfRecord, { tag: 'exec' }>, out: SourceLine[]): void {
    const pending = this.pendingExec.get(r.oldPid);
    this.pendingExec.delete(r.oldPid);
    let argv = pending?.argv.filter((a) => a !== undefined) ?? [];
    if (argv.length === 0) argv = this.d.readCmdline(r.pid) ?? [r.filename];
    if (!this.cache.has(r.pid)) this.processFor(r.ppid, out); // a parent the agent missed
    // The task record precedes its exec; if it was lost, /proc may still know the pid in there.
    const task = this.pendingTask.get(r.pid);
    this.pendingTask.delete(r.pid);
    const s = this.cache.exec({
      pid: r.pid, ppid: r.ppid, ktime: r.ktime, uid: r.uid, auid: r.auid, netns: r.netns,
      nspid: task ? task.nspid : (this.d.readNsPid?.(r.pid) ?? null),
      ns: task ? { ...task.ns, net: r.netns } : null,
      caps: task?.caps ?? null,
      binary: /^\/(proc|dev\/fd)\//.test(r.filename) ? (this.d.readExe(r.pid) ?? r.filename) : r.filename,
      argv, cwd: this.d.readCwd(r.pid),
    });
    const parent = this.cache.get(r.ppid);
    if (parent && parent.execId === s.process.parent_exec_id) this.announceClones(parent, out);
    this.tetragon(out, execLine(s, this.d.node, this.time(r.ktime)));
  }

  private ignored(t: { sport: number; dport: number }): boolean {
    return this.d.ignorePorts.has(t.sport) || this.d.ignorePorts.has(t.dport);
  }

  private endpoint(ip: string, netns: number, local: boolean): EndpointJson {
    const byIp = this.d.pods.podOfIp(ip);
    if (byIp) return byIp.endpoint;
    const inPod = netns && netns !== this.d.hostNetns ? this.d.pods.podOfNetns(netns) : undefined;
    const loopback = ip.startsWith('127.') || ip === '::1';
    if (inPod && (local || loopback)) return inPod.endpoint;
    if (local || loopback || this.d.hostIps().has(ip)) return HOST_ENDPOINT;
    return WORLD_ENDPOINT;
  }

  private peers(t: SockTuple): { local: Peer; remote: Peer } {
    return {
      local: { ip: t.saddr, port: t.sport, endpoint: this.endpoint(t.saddr, t.netns, true) },
      remote: { ip: t.daddr, port: t.dport, endpoint: this.endpoint(t.daddr, t.netns, false) },
    };
  }

  private base(t: SockTuple, ktime: bigint, src: Peer, dst: Peer, direction: 'INGRESS' | 'EGRESS', isReply: boolean): FlowBase {
    return { timeRfc: this.time(ktime), node: this.d.node, src, dst, direction, isReply, family: t.family, cookie: BigInt(`0x${t.sk || '0'}`).toString() };
  }

  private synFlow(s: SockState, ktime: bigint, out: SourceLine[]): void {
    if (s.synFlowSent || s.role !== 'client' || s.tuple.sport === 0) return;
    s.synFlowSent = true;
    const { local, remote } = this.peers(s.tuple);
    out.push({ stream: 'hubble', json: tcpFlow(this.base(s.tuple, ktime, local, remote, 'EGRESS', false), ['SYN']) });
  }

  private onSocketOwned(r: Extract<BpfRecord, { tag: 'connect' | 'accept' }>, out: SourceLine[]): void {
    const known = this.sockets.get(r.sk);
    // A connection refused on loopback is closed before connect() returns: the tuple then comes
    // from the state change that preceded this record.
    const tuple: SockTuple = r.sport === 0 && known ? known.tuple : { sk: r.sk, family: r.family, saddr: r.saddr, daddr: r.daddr, sport: r.sport, dport: r.dport, netns: r.netns };
    if (this.ignored(tuple)) return;
    const owner = this.processFor(r.pid, out);
    const role = r.tag === 'connect' ? 'client' : 'server';
    const s: SockState = known ?? { owner, role, tuple, synFlowSent: false };
    s.owner = owner;
    s.role = role;
    s.tuple = tuple;
    if (!known) bounded(this.sockets, r.sk, s);
    if (owner) {
      const fn = r.tag === 'connect' ? 'tcp_connect' : 'inet_csk_accept';
      const state = r.tag === 'connect' ? 2 : 1;
      this.tetragon(out, kprobeLine(owner, this.d.node, this.time(r.ktime), fn, 'connect', [sockArg({ ...tuple, state })]));
    }
    if (r.tag === 'connect') this.synFlow(s, r.ktime, out);
  }

  private onState(r: Extract<BpfRecord, { tag: 'state' }>, out: SourceLine[]): void {
    const tuple: SockTuple = { sk: r.sk, family: r.family, saddr: r.saddr, daddr: r.daddr, sport: r.sport, dport: r.dport, netns: r.netns };
    if (this.ignored(tuple)) return;
    let s = this.sockets.get(r.sk);
    const { local, remote } = this.peers(tuple);
    if (r.newState === 1) {
      const role = r.oldState === 2 ? 'client' : 'server';
      if (!s) {
        s = { owner: null, role, tuple, synFlowSent: false };
        bounded(this.sockets, r.sk, s);
      }
      s.tuple = tuple;
      if (role === 'client') {
        this.synFlow(s, r.ktime, out);
        out.push({ stream: 'hubble', json: tcpFlow(this.base(tuple, r.ktime, remote, local, 'INGRESS', true), ['SYN', 'ACK']) });
      } else {
        out.push({ stream: 'hubble', json: tcpFlow(this.base(tuple, r.ktime, remote, local, 'INGRESS', false), ['ACK']) });
      }
      return;
    }
    // newState 7: TCP_CLOSE.
    if (s?.owner) {
      this.tetragon(out, kprobeLine(s.owner, this.d.node, this.time(r.ktime), 'tcp_close', 'connect', [sockArg({ ...tuple, state: 7 })]));
    }
    this.sockets.delete(r.sk);
    if (r.oldState === 2 || r.oldState === 3 || r.oldState === 10 || r.oldState === 12 || r.sport === 0) return;
    const isReply = s?.role === 'server';
    out.push({ stream: 'hubble', json: tcpFlow(this.base(tuple, r.ktime, local, remote, 'EGRESS', isReply), ['FIN', 'ACK']) });
  }

  private onFile(r: Extract<BpfRecord, { tag: 'open' | 'truncate' | 'unlink' | 'ftruncate' }>, out: SourceLine[]): void {
    let path: string | undefined;
    if (r.tag === 'ftruncate') path = this.watchedFds.get(`${r.pid}:${r.fd}`);
    else if (r.ret >= 0) path = r.path;
    if (!path) return;
    const owner = this.processFor(r.pid, out);
    if (!owner) return;
    if (!path.startsWith('/')) path = `${owner.process.cwd ?? ''}/${path}`;
    const time = this.time(r.ktime);
    const truncate = () =>
      this.tetragon(out, kprobeLine(owner, this.d.node, time, 'security_path_truncate', 'log-tampering', [{ path_arg: { mount: '', path: path! } }]));
    if (r.tag === 'open') {
      bounded(this.watchedFds, `${r.pid}:${r.ret}`, path);
      // The openat syscall itself, as deploy/tetragon/falco-file-open.yaml reports it (flags and the
      // returned fd): what Falco's open_read / open_write macros need.
      const open = kprobeLine(owner, this.d.node, time, '__x64_sys_openat', 'falco-file-open', [{ int_arg: -100 }, { string_arg: r.path }, { int_arg: r.flags }]);
      open.process_kprobe!.return = { int_arg: r.ret };
      this.tetragon(out, open);
      const acc = r.flags & O_ACCMODE;
      const mask = acc === 0 ? MAY_READ : acc === 1 ? MAY_WRITE : MAY_READ | MAY_WRITE;
      const mode = this.d.fileMode(path);
      const file: KprobeArgumentJson = { file_arg: { mount: '', path, ...(mode ? { permission: mode } : {}) } };
      this.tetragon(out, kprobeLine(owner, this.d.node, time, 'security_file_permission', 'sensitive-files', [file, { int_arg: mask }]));
      if (r.flags & O_TRUNC && acc !== 0) truncate();
    } else if (r.tag === 'unlink') {
      this.tetragon(out, kprobeLine(owner, this.d.node, time, 'security_path_unlink', 'log-tampering', [{ path_arg: { mount: '', path } }]));
    } else {
      truncate();
    }
  }

  private onHttp(r: Extract<BpfRecord, { tag: 'http' }>, out: SourceLine[]): void {
    if (this.ignored(r)) return;
    const m = parseHttpStart(r.text);
    if (!m) return;
    const { local, remote } = this.peers(r);
    if (m.kind === 'request') {
      bounded(this.httpRequests, `${r.saddr}:${r.sport}>${r.daddr}:${r.dport}`, { method: m.method, url: m.url, ktime: r.ktime });
      out.push({ stream: 'hubble', json: httpFlow(this.base(r, r.ktime, local, remote, 'EGRESS', false), m, null, null) });
      return;
    }
    const key = `${r.daddr}:${r.dport}>${r.saddr}:${r.sport}`;
    const req = this.httpRequests.get(key) ?? null;
    this.httpRequests.delete(key);
    const latency = req && r.ktime > req.ktime ? r.ktime - req.ktime : null;
    out.push({ stream: 'hubble', json: httpFlow(this.base(r, r.ktime, local, remote, 'EGRESS', true), m, req, latency) });
  }

  private onDrop(r: Extract<BpfRecord, { tag: 'drop' }>, out: SourceLine[]): void {
    const hasPorts = r.protocol === 6 || r.protocol === 17;
    const t = { sport: hasPorts ? r.sport : 0, dport: hasPorts ? r.dport : 0 };
    if (hasPorts && this.ignored(t)) return;
    const src: Peer = { ip: r.saddr, port: t.sport, endpoint: this.endpoint(r.saddr, 0, false) };
    const dst: Peer = { ip: r.daddr, port: t.dport, endpoint: this.endpoint(r.daddr, r.netns, false) };
    const b: FlowBase = { timeRfc: this.time(r.ktime), node: this.d.node, src, dst, direction: 'INGRESS', isReply: false, family: r.family };
    out.push({ stream: 'hubble', json: dropFlow(b, { protocol: r.protocol, tcpFlags: r.tcpFlags, kernelReason: this.d.dropReasonName(r.reason) }) });
  }
}
