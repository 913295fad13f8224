/** proc.* and user.* fields: the process that caused the event, its parent and its ancestors. */

import type { ProcessJson } from '@/lib/domain/wire-types';
import type { EventView } from './event-view';
import { parseFalcoTime } from './falco-time';
import { basename, type FieldDef, type FieldValue } from './field-types';

/** Tetragon's "auid unset" sentinel; Falco shows an unset loginuid as -1. */
const AUID_UNSET = 4294967295;

/** The kernel keeps a task's name (comm) in 16 bytes with the NUL: Falco's proc.name is at most 15. */
const COMM_LENGTH = 15;

function name(p: ProcessJson | undefined): string | undefined {
  return p?.binary === undefined ? undefined : basename(p.binary).slice(0, COMM_LENGTH);
}

/** Falco's cmdline: the binary's name, a space, then the arguments (when there are any). */
function cmdline(p: ProcessJson | undefined): string | undefined {
  const n = p?.binary === undefined ? undefined : basename(p.binary);
  if (n === undefined) return undefined;
  return p?.arguments ? `${n} ${p.arguments}` : n;
}

/** Values of every known ancestor (parent first), skipping ancestors without the value. */
function eachAncestor(view: EventView, read: (p: ProcessJson) => string | number | undefined): FieldValue {
  const out: (string | number)[] = [];
  for (const p of view.ancestry()) {
    const value = read(p);
    if (value !== undefined) out.push(value);
  }
  return out;
}

function ancestorIndex(read: (p: ProcessJson | undefined) => string | number | undefined) {
  return (view: EventView, n: string | number) => read(view.ancestor(Number(n)));
}

/** Nanoseconds between a process's start and the event (both from Tetragon's timestamps). */
function durationNs(view: EventView, p: ProcessJson | undefined): number | undefined {
  const start = p?.start_time ? parseFalcoTime(p.start_time)?.epochNs : undefined;
  const at = parseFalcoTime(view.event.time)?.epochNs;
  return start === undefined || at === undefined ? undefined : Number(at - start);
}

function startNs(p: ProcessJson | undefined): number | undefined {
  const start = p?.start_time ? parseFalcoTime(p.start_time)?.epochNs : undefined;
  return start === undefined ? undefined : Number(start);
}

/** Tetragon's capability list as Falco prints a capability set: names separated by spaces. */
function capSet(list: readonly string[] | undefined): string | undefined {
  return list ? list.join(' ') : undefined;
}

function environment(p: ProcessJson | undefined): { Key?: string; Value?: string }[] | undefined {
  const env = (p as { environment_variables?: unknown } | undefined)?.environment_variables;
  return Array.isArray(env) ? (env as { Key?: string; Value?: string }[]) : undefined;
}

function credential(p: ProcessJson | undefined, key: string): number | undefined {
  const value = (p?.process_credentials as Record<string, unknown> | undefined)?.[key];
  return typeof value === 'number' ? value : undefined;
}

function argsOf(p: ProcessJson | undefined): string | undefined {
  return p ? (p.arguments ?? '') : undefined;
}

export const PROCESS_FIELDS: FieldDef[] = [
  { name: 'proc.name', type: 'string', get: (v) => name(v.process), doc: 'Name of the binary (basename of process.binary), cut to 15 characters like the kernel\'s comm that Falco reads' },
  {
    name: 'proc.exe',
    type: 'string',
    get: (v) => v.process?.binary,
    doc: 'Tetragon does not report argv[0] apart from the arguments: the executed path (process.binary) stands for it',
  },
  { name: 'proc.pexe', type: 'string', get: (v) => v.parent?.binary, doc: 'proc.exe of the parent (parent.binary)' },
  {
    name: 'proc.aexe',
    type: 'string',
    list: true,
    get: (v) => eachAncestor(v, (p) => p.binary),
    arg: { kind: 'index', type: 'string', get: ancestorIndex((p) => p?.binary) },
    doc: 'proc.exe of the ancestors, indexed like proc.aname',
  },
  {
    name: 'proc.aargs',
    type: 'string',
    list: true,
    get: (v) => eachAncestor(v, (p) => p.arguments ?? ''),
    arg: { kind: 'index', type: 'string', get: ancestorIndex(argsOf) },
    doc: 'Ancestor arguments, indexed like proc.aname',
  },
  {
    name: 'proc.acmdline',
    type: 'string',
    list: true,
    get: (v) => eachAncestor(v, (p) => cmdline(p)),
    arg: { kind: 'index', type: 'string', get: ancestorIndex(cmdline) },
    doc: 'Ancestor command lines, indexed like proc.aname',
  },
  { name: 'proc.cmdnargs', type: 'number', get: (v) => (v.process ? v.argv().length : undefined), doc: 'Number of arguments (process.arguments split like proc.argv)' },
  {
    name: 'proc.cmdlenargs',
    type: 'number',
    get: (v) => (v.process ? v.argv().reduce((n, a) => n + a.length, 0) : undefined),
    doc: 'Total length of the arguments, without the spaces between them',
  },
  {
    name: 'proc.exeline',
    type: 'string',
    get: (v) => (v.process?.binary === undefined ? undefined : v.process.arguments ? `${v.process.binary} ${v.process.arguments}` : v.process.binary),
    doc: 'proc.exe, a space, proc.args',
  },
  {
    name: 'proc.env',
    type: 'string',
    get: (v) => environment(v.process)?.map((e) => `${e.Key ?? ''}=${e.Value ?? ''}`).join(' '),
    arg: { kind: 'key', type: 'string', get: (v, key) => environment(v.process)?.find((e) => e.Key === key)?.Value },
    doc: 'process.environment_variables as "K=V K2=V2" (only when Tetragon is configured to send them); proc.env[K]: one value',
  },
  { name: 'proc.duration', type: 'number', get: (v) => durationNs(v, v.process), doc: 'Nanoseconds from process.start_time to the event\'s time' },
  { name: 'proc.ppid.duration', type: 'number', get: (v) => durationNs(v, v.parent), doc: 'Nanoseconds from the parent\'s start_time to the event' },
  { name: 'proc.pid.ts', type: 'number', get: (v) => startNs(v.process), doc: 'process.start_time in nanoseconds since the epoch' },
  { name: 'proc.ppid.ts', type: 'number', get: (v) => startNs(v.parent), doc: 'The parent\'s start_time in nanoseconds since the epoch' },
  { name: 'proc.pvpid', type: 'number', get: (v) => v.parent?.pod?.container?.pid, doc: 'The parent\'s pid inside its container (parent.pod.container.pid)' },
  {
    name: 'proc.is_exe_from_memfd',
    type: 'bool',
    get: (v) => (v.process?.binary === undefined ? undefined : /(^|\/)memfd:/.test(v.process.binary)),
    doc: 'true when the binary path is a memfd ("/memfd:NAME (deleted)", as the kernel names it)',
  },
  { name: 'thread.cap_effective', type: 'string', get: (v) => capSet(v.process?.cap?.effective), doc: 'process.cap.effective as Falco prints a set: "CAP_CHOWN CAP_SYS_ADMIN …" (only when Tetragon sends `cap`)' },
  { name: 'thread.cap_permitted', type: 'string', get: (v) => capSet(v.process?.cap?.permitted), doc: 'process.cap.permitted, space separated' },
  { name: 'thread.cap_inheritable', type: 'string', get: (v) => capSet((v.process?.cap as { inheritable?: string[] } | undefined)?.inheritable), doc: 'process.cap.inheritable, space separated' },
  { name: 'thread.tid', type: 'number', get: (v) => v.process?.tid ?? v.process?.pid, doc: 'process.tid (the pid when omitted)' },
  {
    name: 'thread.ismain',
    type: 'bool',
    get: (v) => (v.process?.pid === undefined ? undefined : (v.process.tid ?? v.process.pid) === v.process.pid),
    doc: 'true when process.tid is the pid',
  },
  { name: 'proc.exepath', type: 'string', get: (v) => v.process?.binary, doc: 'Full path of the binary (process.binary)' },
  {
    name: 'proc.args',
    type: 'string',
    get: (v) => (v.process ? (v.process.arguments ?? '') : undefined),
    doc: 'Arguments as Tetragon joins them (process.arguments); args with spaces are in double quotes',
  },
  {
    name: 'proc.argv',
    type: 'string',
    list: true,
    get: (v) => (v.process ? v.argv() : undefined),
    doc: 'The arguments split back into a list (quotes removed); [N] is argument N counted like $1 in a shell, [0] the binary',
    arg: {
      kind: 'index',
      type: 'string',
      get: (v, n) => (Number(n) === 0 ? v.process?.binary : v.argv()[Number(n) - 1]),
    },
  },
  { name: 'proc.cmdline', type: 'string', get: (v) => cmdline(v.process), doc: 'proc.name, a space, and proc.args' },
  { name: 'proc.pid', type: 'number', get: (v) => v.process?.pid, doc: 'Host pid (process.pid)' },
  { name: 'proc.vpid', type: 'number', get: (v) => v.process?.pod?.container?.pid, doc: 'Pid inside the container (process.pod.container.pid); 1 for the container\'s init' },
  { name: 'proc.cwd', type: 'string', get: (v) => v.process?.cwd, doc: 'Working directory (process.cwd)' },
  { name: 'proc.exec_id', type: 'string', get: (v) => v.process?.exec_id, doc: 'Tetragon exec_id of the process (Holocron extension, links an alert to its evidence)' },
  { name: 'proc.pexec_id', type: 'string', get: (v) => v.process?.parent_exec_id, doc: 'exec_id of the parent (process.parent_exec_id)' },
  {
    name: 'proc.tty',
    type: 'number',
    get: () => undefined,
    doc: 'Not in Tetragon\'s API: always absent (`proc.tty exists` is false). See "Interactive shells" below',
  },
  { name: 'proc.pname', type: 'string', get: (v) => name(v.parent), doc: 'Parent\'s binary name (parent.binary, or the resolver\'s answer for parent_exec_id)' },
  { name: 'proc.pexepath', type: 'string', get: (v) => v.parent?.binary, doc: 'Parent\'s binary path' },
  { name: 'proc.pcmdline', type: 'string', get: (v) => cmdline(v.parent), doc: 'Parent\'s name and arguments' },
  { name: 'proc.ppid', type: 'number', get: (v) => v.parent?.pid, doc: 'Parent\'s host pid' },
  {
    name: 'proc.aname',
    type: 'string',
    list: true,
    get: (v) => eachAncestor(v, (p) => name(p)),
    arg: { kind: 'index', type: 'string', get: ancestorIndex(name) },
    doc: 'Ancestor names: [1] parent, [2] grandparent, … ([0] the process); without index, every known ancestor',
  },
  {
    name: 'proc.aexepath',
    type: 'string',
    list: true,
    get: (v) => eachAncestor(v, (p) => p.binary),
    arg: { kind: 'index', type: 'string', get: ancestorIndex((p) => p?.binary) },
    doc: 'Ancestor binary paths, indexed like proc.aname',
  },
  {
    name: 'proc.apid',
    type: 'number',
    list: true,
    get: (v) => eachAncestor(v, (p) => p.pid),
    arg: { kind: 'index', type: 'number', get: ancestorIndex((p) => p?.pid) },
    doc: 'Ancestor host pids, indexed like proc.aname',
  },
  { name: 'proc.cap_effective', type: 'string', list: true, get: (v) => v.process?.cap?.effective, doc: 'Effective capabilities (process.cap.effective, e.g. CAP_SYS_ADMIN); absent unless Tetragon sends `cap`' },
  { name: 'proc.cap_permitted', type: 'string', list: true, get: (v) => v.process?.cap?.permitted, doc: 'Permitted capabilities (process.cap.permitted)' },
  { name: 'user.uid', type: 'number', get: (v) => v.process?.uid, doc: 'User id (process.uid)' },
  {
    name: 'user.name',
    type: 'string',
    get: (v) => v.process?.user?.name ?? (v.process?.uid === 0 ? 'root' : undefined),
    doc: 'process.user.name when Tetragon resolves it; otherwise "root" for uid 0, absent for other uids',
  },
  {
    name: 'user.loginname',
    type: 'string',
    get: (v) => (v.process?.auid === 0 ? 'root' : undefined),
    doc: '"root" for audit uid 0; absent otherwise (Tetragon resolves no other names)',
  },
  { name: 'group.gid', type: 'number', get: (v) => credential(v.process, 'gid'), doc: 'process.process_credentials.gid (only when Tetragon sends credentials)' },
  {
    name: 'group.name',
    type: 'string',
    get: (v) => (credential(v.process, 'gid') === 0 ? 'root' : undefined),
    doc: '"root" for gid 0; absent otherwise',
  },
  {
    name: 'user.loginuid',
    type: 'number',
    get: (v) => {
      const auid = v.process?.auid;
      return auid === AUID_UNSET ? -1 : auid;
    },
    doc: 'Audit login uid (process.auid); -1 when unset, as in Falco',
  },
];
