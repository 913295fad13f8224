/** proc.* and user.* fields: the process that caused the event, its parent and its ancestors. */

import type { ProcessJson } from '@/lib/domain/wire-types';
import type { EventView } from './event-view';
import { basename, type FieldDef, type FieldValue } from './field-types';

/** Tetragon's "auid unset" sentinel; Falco shows an unset loginuid as -1. */
const AUID_UNSET = 4294967295;

function name(p: ProcessJson | undefined): string | undefined {
  return p?.binary === undefined ? undefined : basename(p.binary);
}

/** Falco's cmdline: the binary's name, a space, then the arguments (when there are any). */
function cmdline(p: ProcessJson | undefined): string | undefined {
  const n = name(p);
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

export const PROCESS_FIELDS: FieldDef[] = [
  { name: 'proc.name', type: 'string', get: (v) => name(v.process), doc: 'Name of the binary (basename of process.binary)' },
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
    name: 'user.loginuid',
    type: 'number',
    get: (v) => {
      const auid = v.process?.auid;
      return auid === AUID_UNSET ? -1 : auid;
    },
    doc: 'Audit login uid (process.auid); -1 when unset, as in Falco',
  },
];
