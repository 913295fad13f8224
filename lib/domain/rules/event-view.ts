/**
 * One Tetragon event as rule fields see it. Fields are read on demand and derived values
 * (ancestry, argv, the file or socket argument) are computed at most once per event, because
 * several rules usually ask for the same ones and most events only ever need `evt.type`.
 */

import type {
  KprobeArgumentJson,
  KprobeSockJson,
  ProcessJson,
  TetragonEventJson,
} from '@/lib/domain/wire-types';
import { syscallOfHook, syscallOfTracepoint } from './falco-syscalls';
import { splitTetragonArguments } from './tetragon-argv';

/** Finds a process by exec_id, e.g. in the server's process cache (Tetragon rarely sends `ancestors`). */
export type ProcessResolver = (execId: string) => ProcessJson | undefined;

/** The parts shared by every process event body (exec, exit, kprobe, tracepoint, lsm, uprobe). */
interface EventBody {
  process?: ProcessJson;
  parent?: ProcessJson;
  ancestors?: ProcessJson[];
  args?: KprobeArgumentJson[];
  function_name?: string;
  subsys?: string;
  event?: string;
  symbol?: string;
  policy_name?: string;
  action?: string;
  signal?: string;
  status?: number;
  return?: KprobeArgumentJson;
}

const KINDS = [
  'process_exec', 'process_exit', 'process_kprobe', 'process_tracepoint', 'process_lsm',
  'process_uprobe', 'process_loader', 'process_throttle', 'process_usdt',
] as const;

/** Safety net for the resolver walk: a cycle or a very deep chain must not hang ingest. */
const MAX_ANCESTRY_DEPTH = 64;

export class EventView {
  /** The oneof member present (`process_exec`, …), or "" for non-process lines. */
  readonly kind: string;
  readonly body: EventBody | undefined;
  /** Falco's evt.type: execve, procexit, the syscall a hook stands for (falco-syscalls.ts), else the hook. */
  readonly type: string;
  /** Tetragon's name for what fired: the kprobe/LSM function, "subsys/event", the uprobe symbol. */
  readonly hook: string;
  /** True when the hook is the syscall itself (`__x64_sys_openat`, `syscalls/sys_enter_openat`), so its args are the syscall's. */
  readonly direct: boolean;
  /** Falco's evt.dir: ">" for a syscall-entry tracepoint, "<" (the call happened) otherwise. */
  readonly dir: '<' | '>';

  private parentMemo: ProcessJson | null | undefined;
  private ancestryMemo: ProcessJson[] | undefined;
  private argvMemo: string[] | undefined;

  constructor(
    readonly event: TetragonEventJson,
    private readonly resolve?: ProcessResolver,
  ) {
    let kind = '';
    let body: EventBody | undefined;
    for (const k of KINDS) {
      const value = event[k];
      if (value) {
        kind = k;
        body = value as EventBody;
        break;
      }
    }
    this.kind = kind;
    this.body = body;
    const mapped = falcoEvent(kind, body);
    this.hook = mapped.hook;
    this.type = mapped.type;
    this.direct = mapped.direct;
    this.dir = mapped.entry ? '>' : '<';
  }

  get process(): ProcessJson | undefined {
    return this.body?.process;
  }

  /** The event's `parent`, or the resolver's answer for process.parent_exec_id. */
  get parent(): ProcessJson | undefined {
    if (this.parentMemo === undefined) {
      const sent = this.body?.parent;
      const execId = this.process?.parent_exec_id;
      this.parentMemo = sent ?? (execId && this.resolve ? this.resolve(execId) : undefined) ?? null;
    }
    return this.parentMemo ?? undefined;
  }

  /** 0 = the process, 1 = parent, 2 = grandparent, … */
  ancestor(n: number): ProcessJson | undefined {
    if (n === 0) return this.process;
    if (n === 1) return this.parent;
    return this.ancestry()[n - 1];
  }

  /** Parent first, then grandparent and up: `ancestors` when sent, else walked via the resolver. */
  ancestry(): ProcessJson[] {
    if (this.ancestryMemo) return this.ancestryMemo;
    const parent = this.parent;
    const chain: ProcessJson[] = parent ? [parent] : [];
    const sent = this.body?.ancestors;
    if (parent && sent && sent.length > 0) {
      chain.push(...sent);
    } else if (parent && this.resolve) {
      const seen = new Set<string>();
      for (const known of [this.process?.exec_id, parent.exec_id]) if (known) seen.add(known);
      let current: ProcessJson = parent;
      while (chain.length < MAX_ANCESTRY_DEPTH) {
        const execId = current.parent_exec_id;
        if (!execId || seen.has(execId)) break;
        seen.add(execId);
        const next = this.resolve(execId);
        if (!next) break;
        chain.push(next);
        current = next;
      }
    }
    this.ancestryMemo = chain;
    return chain;
  }

  argv(): string[] {
    this.argvMemo ??= splitTetragonArguments(this.process?.arguments ?? '');
    return this.argvMemo;
  }

  get args(): KprobeArgumentJson[] {
    return this.body?.args ?? [];
  }

  /** The path of the first file-like argument (file, path, binprm), or a string arg that is a path. */
  filePath(): string | undefined {
    let fallback: string | undefined;
    for (const arg of this.args) {
      const path = arg.file_arg?.path ?? arg.path_arg?.path ?? arg.linux_binprm_arg?.path;
      if (path !== undefined) return path;
      if (fallback === undefined && arg.string_arg?.startsWith('/')) fallback = arg.string_arg;
    }
    return fallback;
  }

  /** The first socket argument, from sock_arg or (addresses only) sockaddr_arg. */
  sock(): KprobeSockJson | undefined {
    for (const arg of this.args) {
      if (arg.sock_arg) return arg.sock_arg;
      if (arg.sockaddr_arg) return { family: arg.sockaddr_arg.family, daddr: arg.sockaddr_arg.addr, dport: arg.sockaddr_arg.port };
    }
    return undefined;
  }
}

/** The hook's name as Tetragon reports it, from the event kind and body. */
export function hookName(kind: string, body: EventBody | undefined): string {
  if (kind === 'process_uprobe') return body?.symbol ?? 'uprobe';
  return hookOfKind(kind, kind === 'process_tracepoint' ? `${body?.subsys ?? ''}/${body?.event ?? ''}` : (body?.function_name ?? ''));
}

/**
 * The hook's name from the kind and the hook the event names (a kprobe's or LSM's function, a
 * tracepoint's subsys/event): the form the stored summary keeps (EventSummary.functionName), so
 * the server reaches the same name from its columns (lib/server/detection/detector.ts).
 */
export function hookOfKind(kind: string, hook: string): string {
  switch (kind) {
    case 'process_exec':
      return 'execve';
    case 'process_exit':
      return 'procexit';
    case 'process_kprobe':
    case 'process_lsm':
    case 'process_tracepoint':
      return hook;
    case '':
      return '';
    default:
      return kind.slice('process_'.length);
  }
}

/**
 * Falco's evt.type for a Tetragon event: a function of the kind and the hook's name only, so the
 * server can compute it from stored summary columns (see falcoEventType).
 */
function falcoEvent(kind: string, body: EventBody | undefined): { hook: string; type: string; direct: boolean; entry: boolean } {
  const hook = hookName(kind, body);
  const { type, direct, entry } = falcoEventType(kind, hook);
  return { hook, type, direct, entry };
}

export function falcoEventType(kind: string, hook: string): { type: string; direct: boolean; entry: boolean } {
  if (kind === 'process_kprobe' || kind === 'process_lsm') {
    const sys = syscallOfHook(hook);
    if (sys) return { type: sys.type, direct: sys.direct, entry: false };
  } else if (kind === 'process_tracepoint') {
    const slash = hook.indexOf('/');
    const sys = syscallOfTracepoint(hook.slice(0, slash), hook.slice(slash + 1));
    if (sys) return { type: sys.type, direct: true, entry: sys.entry };
  }
  return { type: hook, direct: false, entry: false };
}
