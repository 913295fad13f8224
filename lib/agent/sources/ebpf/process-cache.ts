import { nsToRfc3339 } from '@/lib/wire/timestamp';
import type { ProcessJson } from '@/lib/domain/wire-types';
import { capabilitiesJson, type CapSets } from './capabilities';
import { execIdOf, joinArguments } from './exec-id';
import type { KernelClock } from './kernel-clock';
import { namespacesJson, type NamespaceInums } from './namespaces';
import type { PodDirectory } from './pods-file';
import type { ProcEntry } from './proc-table';

/**
 * The agent's view of which exec each pid is running, the way Tetragon keeps its execve map:
 * exec_id per exec (a shell that execs curl gets a new one), a clone inherits its parent's
 * image until it execs, and parent_exec_id points at the parent's exec at the time.
 */
export const UNSET_AUID = 4294967295;

export interface ProcState {
  execId: string;
  pid: number;
  process: ProcessJson;
  /** The parent's process object as it was when this one started (Tetragon's `parent`). */
  parent: ProcessJson | undefined;
  /** Came from a fork with no exec yet. */
  cloneOnly: boolean;
  /** Some event about it was sent, so its exit is worth sending too. */
  announced: boolean;
}

export interface ExecInput {
  pid: number;
  ppid: number;
  ktime: bigint;
  uid: number;
  auid: number;
  netns: number;
  /** The pid in its own pid namespace; null when unknown. */
  nspid: number | null;
  ns: NamespaceInums | null;
  caps: CapSets | null;
  binary: string;
  argv: readonly string[];
  cwd: string | null;
}

const MAX_PROCESSES = 100_000;

/** What the kernel says about a task beyond its pid: the pod-only fields are built from it. */
interface TaskContext {
  netns: number;
  nspid: number | null;
  ns: NamespaceInums | null;
  caps: CapSets | null;
}

export class ProcessCache {
  private readonly byPid = new Map<number, ProcState>();

  constructor(
    private readonly node: string,
    private readonly clock: KernelClock,
    private readonly pods: PodDirectory,
    private readonly hostNetns: number,
    /** The host's (pid 1's) namespaces, for `is_host`. */
    private readonly hostNs: NamespaceInums | null = null,
  ) {}

  get size(): number {
    return this.byPid.size;
  }

  get(pid: number): ProcState | undefined {
    return this.byPid.get(pid);
  }

  has(pid: number): boolean {
    return this.byPid.has(pid);
  }

  /**
   * A process in a pod's network namespace gets the pod, its pid inside the container (the pid
   * in its own pid namespace, as Tetragon's pod.container.pid) and, as Tetragon does with
   * process credentials and namespaces enabled, its capabilities and namespaces. Host processes
   * stay lean: their `cap` would be the full set on every event.
   */
  private withPod(process: ProcessJson, t: TaskContext): ProcessJson {
    const pod = t.netns && t.netns !== this.hostNetns ? this.pods.podOfNetns(t.netns) : undefined;
    if (!pod) return process;
    const podJson = structuredClone(pod.pod);
    if (podJson.container && t.nspid) podJson.container.pid = t.nspid;
    return {
      ...process,
      pod: podJson,
      ...(pod.docker ? { docker: pod.docker } : {}),
      ...(t.caps ? { cap: capabilitiesJson(t.caps) } : {}),
      ...(t.ns ? { ns: namespacesJson(t.ns, this.hostNs) } : {}),
    };
  }

  private store(state: ProcState): ProcState {
    this.byPid.delete(state.pid);
    this.byPid.set(state.pid, state);
    if (this.byPid.size > MAX_PROCESSES) {
      const oldest = this.byPid.keys().next().value;
      if (oldest !== undefined) this.byPid.delete(oldest);
    }
    return state;
  }

  /** A process found in /proc (flags "procFS"); `bootWallNs` turns its start ticks into wall time. */
  seed(e: ProcEntry, bootWallNs: bigint): ProcState {
    const parent = this.byPid.get(e.ppid);
    const execId = execIdOf(this.node, e.startNs, e.pid);
    const cwd = e.cwd || parent?.process.cwd || '/';
    const process: ProcessJson = this.withPod(
      {
        exec_id: execId,
        pid: e.pid,
        uid: e.uid,
        cwd,
        binary: e.exe,
        ...(e.argv.length > 1 ? { arguments: joinArguments(e.argv.slice(1)) } : {}),
        flags: cwd === '/' ? 'procFS rootcwd' : 'procFS',
        start_time: nsToRfc3339(bootWallNs + e.startNs),
        auid: e.auid,
        ...(parent ? { parent_exec_id: parent.execId } : {}),
        tid: e.pid,
      },
      e,
    );
    return this.store({ execId, pid: e.pid, process, parent: parent?.process, cloneOnly: false, announced: true });
  }

  /** A successful execve. */
  exec(x: ExecInput): ProcState {
    const before = this.byPid.get(x.pid);
    // The image being replaced (the fork half of fork+exec, or an earlier exec of the same pid)
    // already names the parent as it was; a pid we never saw asks the cache for its parent.
    const known = before ? undefined : this.byPid.get(x.ppid);
    const parent = before ? before.parent : known?.process;
    const parentExecId = before ? before.process.parent_exec_id : known?.execId;
    const execId = execIdOf(this.node, x.ktime, x.pid);
    const cwd = x.cwd || before?.process.cwd || parent?.cwd || '/';
    const binary = x.binary.startsWith('/') ? x.binary : joinPath(cwd, x.binary);
    const flags = ['execve', ...(cwd === '/' ? ['rootcwd'] : []), ...(before?.cloneOnly ? ['clone'] : [])].join(' ');
    const process: ProcessJson = this.withPod(
      {
        exec_id: execId,
        pid: x.pid,
        uid: x.uid,
        cwd,
        binary,
        ...(x.argv.length > 1 ? { arguments: joinArguments(x.argv.slice(1)) } : {}),
        flags,
        start_time: nsToRfc3339(this.clock.wallNs(x.ktime)),
        auid: x.auid,
        ...(parentExecId ? { parent_exec_id: parentExecId } : {}),
        tid: x.pid,
      },
      x,
    );
    return this.store({ execId, pid: x.pid, process, parent, cloneOnly: false, announced: true });
  }

  /**
   * A new process (not a thread): until it execs it runs its parent's image. Its pid namespace
   * is the parent's pid_for_children; its pid in there only /proc can tell (`nsPidOf`), and a
   * clone gone before we look keeps no container pid rather than its parent's.
   */
  fork(ppid: number, child: number, ktime: bigint, nsPidOf: (pid: number) => number | null = () => null): ProcState | undefined {
    const parent = this.byPid.get(ppid);
    if (!parent) return undefined;
    const execId = execIdOf(this.node, ktime, child);
    const process: ProcessJson = {
      ...structuredClone(parent.process),
      exec_id: execId,
      pid: child,
      tid: child,
      flags: 'clone',
      start_time: nsToRfc3339(this.clock.wallNs(ktime)),
      parent_exec_id: parent.execId,
    };
    const container = process.pod?.container;
    if (container) {
      const nspid = nsPidOf(child);
      if (nspid) container.pid = nspid;
      else delete container.pid;
    }
    if (process.ns?.pid_for_children) process.ns.pid = { ...process.ns.pid_for_children };
    return this.store({ execId, pid: child, process, parent: parent.process, cloneOnly: true, announced: false });
  }

  /** The process exited: forget its pid (events that arrive later carry their own copy). */
  exit(pid: number): ProcState | undefined {
    const s = this.byPid.get(pid);
    this.byPid.delete(pid);
    return s;
  }
}

function joinPath(cwd: string, rel: string): string {
  const parts = `${cwd}/${rel}`.split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return `/${out.join('/')}`;
}
