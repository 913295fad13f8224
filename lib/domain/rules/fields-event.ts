/** evt.* and node.* fields: what happened, when, with which arguments, on which node. */

import type { EventView } from './event-view';
import { resultText } from './falco-syscalls';
import { falcoClockTime, falcoIsoTime, parseFalcoTime } from './falco-time';
import type { FieldDef, FieldValue } from './field-types';
import { allArgs, argNumber, argText, isOpen, namedArg, openAccess, openFlags, rawNamedArg, rawResult } from './syscall-args';
import { O_CREAT, O_TMPFILE } from './falco-syscalls';

function time(v: EventView) {
  return parseFalcoTime(v.event.time);
}

/** evt.category by Falco's event classes, for the event types Tetragon hooks can become. */
const CATEGORIES: Readonly<Record<string, string>> = {
  execve: 'process', execveat: 'process', procexit: 'process', clone: 'process', fork: 'process', kill: 'signal',
  ptrace: 'process', setuid: 'user', setgid: 'user', setresuid: 'user', setresgid: 'user', setreuid: 'user', setregid: 'user',
  open: 'file', openat: 'file', openat2: 'file', creat: 'file', close: 'io', unlink: 'file', unlinkat: 'file',
  rename: 'file', renameat: 'file', renameat2: 'file', truncate: 'file', ftruncate: 'file', symlink: 'file',
  symlinkat: 'file', link: 'file', linkat: 'file', mkdir: 'file', mkdirat: 'file', rmdir: 'file', chmod: 'file',
  fchmodat: 'file', fchownat: 'file', memfd_create: 'file', mount: 'file', umount2: 'file', chroot: 'file',
  connect: 'net', accept: 'net', accept4: 'net', bind: 'net', listen: 'net', socket: 'net', sendmsg: 'io_write',
  sendto: 'io_write', read: 'io_read', write: 'io_write', mmap: 'memory', mprotect: 'memory',
  init_module: 'system', finit_module: 'system', bpf: 'other', setns: 'process', unshare: 'process',
};

const IO_READ = new Set(['read', 'readv', 'pread', 'recvfrom', 'recvmsg']);
const IO_WRITE = new Set(['write', 'writev', 'pwrite', 'sendto', 'sendmsg']);

const bool = (b: boolean | undefined): FieldValue => b;

export const EVENT_FIELDS: FieldDef[] = [
  {
    name: 'evt.type',
    type: 'string',
    get: (v) => v.type,
    doc: 'execve (process_exec), procexit (process_exit); for a kprobe, LSM hook or syscall tracepoint the syscall event it stands for (FALCO_EVENTS.md: security_file_permission → openat, tcp_connect → connect, __x64_sys_ptrace → ptrace); otherwise the hook\'s own name',
  },
  {
    name: 'evt.hook',
    type: 'string',
    get: (v) => v.hook,
    doc: 'What Tetragon hooked, as it names it: function_name of a kprobe/LSM event, "subsys/event" of a tracepoint, the uprobe symbol; execve / procexit (Holocron extension)',
  },
  { name: 'evt.kind', type: 'string', get: (v) => v.kind, doc: 'The Tetragon oneof member: process_exec, process_kprobe, … (Holocron extension)' },
  { name: 'evt.dir', type: 'string', get: (v) => v.dir, doc: '">" for a syscalls/sys_enter_* tracepoint; "<" (the call has happened) for every other event' },
  { name: 'evt.num', type: 'number', get: () => undefined, doc: 'Not available: Tetragon numbers no events (Falco\'s `never_true` macro, evt.num=0, stays false)' },
  {
    name: 'evt.time',
    type: 'string',
    get: (v) => {
      const t = time(v);
      return t ? falcoClockTime(t) : undefined;
    },
    doc: 'Event time of day with nine fraction digits, UTC (HH:MM:SS.nnnnnnnnn), from the line\'s `time`; in alert JSON output_fields it is nanoseconds since the epoch, as in Falco',
  },
  { name: 'evt.time.s', type: 'string', get: (v) => time(v)?.clock, doc: 'HH:MM:SS of the line\'s `time`' },
  {
    name: 'evt.time.iso8601',
    type: 'string',
    get: (v) => {
      const t = time(v);
      return t ? falcoIsoTime(t) : undefined;
    },
    doc: 'The line\'s `time` in UTC with nine fraction digits',
  },
  {
    name: 'evt.datetime',
    type: 'string',
    get: (v) => {
      const t = time(v);
      return t ? `${t.date} ${falcoClockTime(t)}` : undefined;
    },
    doc: 'YYYY-MM-DD HH:MM:SS.nnnnnnnnn of the line\'s `time`',
  },
  {
    name: 'evt.datetime.s',
    type: 'string',
    get: (v) => {
      const t = time(v);
      return t ? `${t.date} ${t.clock}` : undefined;
    },
    doc: 'YYYY-MM-DD HH:MM:SS of the line\'s `time`',
  },
  {
    name: 'evt.rawtime',
    type: 'number',
    get: (v) => {
      const t = time(v);
      return t ? Number(t.epochNs) : undefined;
    },
    doc: 'Nanoseconds since the epoch of the line\'s `time` (a double: exact to ~0.25 µs)',
  },
  {
    name: 'evt.rawtime.s',
    type: 'number',
    get: (v) => {
      const t = time(v);
      return t ? Number(t.epochNs / 1_000_000_000n) : undefined;
    },
    doc: 'Whole seconds since the epoch of `time`',
  },
  { name: 'evt.rawtime.ns', type: 'number', get: (v) => { const t = time(v); return t ? Number(t.nanos) : undefined; }, doc: 'Nanosecond part of `time`' },
  { name: 'evt.source', type: 'string', get: (v) => (v.kind ? 'syscall' : undefined), doc: 'Always "syscall": Tetragon\'s process events are what Falco\'s kernel source sees' },
  { name: 'evt.hostname', type: 'string', get: (v) => v.event.node_name, doc: 'The node that reported the event (node_name)' },
  { name: 'evt.is_async', type: 'bool', get: (v) => (v.kind ? false : undefined), doc: 'false: every Tetragon event is a real process event' },
  {
    name: 'evt.type.is',
    type: 'number',
    arg: { kind: 'key', type: 'number', get: (v, name) => (v.type === name ? 1 : 0) },
    doc: 'evt.type.is.NAME: 1 when evt.type is NAME, else 0',
  },
  { name: 'syscall.type', type: 'string', get: (v) => (CATEGORIES[v.type] ? v.type : undefined), doc: 'evt.type when it is a syscall event Holocron maps (not for procexit or an unmapped hook)' },
  { name: 'evt.category', type: 'string', get: (v) => CATEGORIES[v.type], doc: 'Falco\'s category of the mapped event: file, net, process, user, io_read, io_write, memory, system, signal, other' },
  { name: 'evt.args', type: 'string', get: allArgs, doc: 'The arguments as "name=value" pairs (syscall hooks, in Falco\'s names), else each argument as text' },
  { name: 'evt.info', type: 'string', get: allArgs, doc: 'Same as evt.args' },
  {
    name: 'evt.arg',
    type: 'string',
    arg: {
      kind: 'index-or-key',
      type: 'string',
      get: (v, n) => (typeof n === 'number' ? argText(v.args[n]) : namedArg(v, n)),
    },
    doc: 'evt.arg[N]: argument N (0-based) of the hook as text. evt.arg.NAME / evt.arg[NAME]: the argument Falco calls NAME (FALCO_EVENTS.md): flags as O_RDONLY|O_CLOEXEC, ptrace request as PTRACE_ATTACH, socket domain as AF_PACKET, fd, name/path, res',
  },
  {
    name: 'evt.rawarg',
    type: 'number',
    arg: { kind: 'key', type: 'number', get: (v, n) => rawNamedArg(v, String(n)) },
    doc: 'evt.rawarg.NAME: the number behind a named argument (flags, request, uid, fd, res)',
  },
  {
    name: 'evt.arg.mask',
    type: 'number',
    get: (v) => argNumber(v.args.find((a) => a.int_arg !== undefined)),
    doc: 'First int argument: the access mask of security_file_permission (4 = MAY_READ, 2 = MAY_WRITE) (Holocron extension, a number)',
  },
  { name: 'evt.rawres', type: 'number', get: rawResult, doc: 'The hook\'s `return` argument (policies with returnArg); 0 for an exec; absent otherwise' },
  {
    name: 'evt.res',
    type: 'string',
    get: (v) => {
      const raw = rawResult(v);
      return raw === undefined ? undefined : resultText(raw);
    },
    doc: 'SUCCESS, or the errno name (ENOENT, EACCES, …) of a negative `return`',
  },
  {
    name: 'evt.failed',
    type: 'bool',
    get: (v) => {
      const raw = rawResult(v);
      return raw === undefined ? undefined : raw < 0;
    },
    doc: 'true when `return` is negative',
  },
  {
    name: 'evt.is_open_read',
    type: 'bool',
    get: (v) => bool(openAccess(v)?.read),
    doc: 'For open events: opened for reading, from the syscall\'s flags (O_RDONLY/O_RDWR) or security_file_permission\'s mask (MAY_READ); absent when the hook does not tell (fd_install, security_file_open)',
  },
  { name: 'evt.is_open_write', type: 'bool', get: (v) => bool(openAccess(v)?.write), doc: 'For open events: opened for writing (O_WRONLY/O_RDWR, or MAY_WRITE)' },
  {
    name: 'evt.is_open_create',
    type: 'bool',
    get: (v) => {
      if (!isOpen(v)) return undefined;
      const flags = v.direct ? openFlags(v) : undefined;
      return flags === undefined ? undefined : (flags & O_CREAT) !== 0 || (flags & O_TMPFILE) === O_TMPFILE;
    },
    doc: 'For open syscall hooks: O_CREAT or O_TMPFILE in the flags',
  },
  {
    name: 'evt.is_open_exec',
    type: 'bool',
    get: (v) => {
      if (!isOpen(v) || !v.direct) return undefined;
      const flags = openFlags(v);
      const mode = argNumber(v.args[v.type === 'openat' ? 3 : 2]);
      return flags === undefined ? undefined : (flags & O_CREAT) !== 0 && mode !== undefined && (mode & 0o111) !== 0;
    },
    doc: 'For open syscall hooks: a file created (O_CREAT) with an execute bit in its mode',
  },
  { name: 'evt.is_io', type: 'bool', get: (v) => (v.kind ? IO_READ.has(v.type) || IO_WRITE.has(v.type) : undefined), doc: 'true for read/write-like events' },
  { name: 'evt.is_io_read', type: 'bool', get: (v) => (v.kind ? IO_READ.has(v.type) : undefined), doc: 'true for read-like events' },
  { name: 'evt.is_io_write', type: 'bool', get: (v) => (v.kind ? IO_WRITE.has(v.type) : undefined), doc: 'true for write-like events' },
  {
    name: 'evt.io_dir',
    type: 'string',
    get: (v) => (IO_READ.has(v.type) ? 'r' : IO_WRITE.has(v.type) ? 'w' : undefined),
    doc: '"r" for read-like, "w" for write-like events',
  },
  { name: 'evt.count', type: 'number', get: (v) => (v.kind ? 1 : undefined), doc: 'Always 1' },
  { name: 'evt.count.exit', type: 'number', get: (v) => (v.kind ? (v.dir === '<' ? 1 : 0) : undefined), doc: '1 for exit events (every event but a sys_enter tracepoint)' },
  {
    name: 'evt.count.error',
    type: 'number',
    get: (v) => {
      const raw = rawResult(v);
      return raw === undefined ? undefined : raw < 0 ? 1 : 0;
    },
    doc: '1 when `return` is negative',
  },
  { name: 'evt.is_syslog', type: 'bool', get: (v) => (v.kind ? v.filePath() === '/dev/log' : undefined), doc: 'true when the file is /dev/log' },
  { name: 'evt.policy', type: 'string', get: (v) => v.body?.policy_name, doc: 'TracingPolicy that produced a kprobe/tracepoint/LSM event (policy_name) (Holocron extension)' },
  { name: 'evt.action', type: 'string', get: (v) => v.body?.action, doc: 'Kprobe action, e.g. KPROBE_ACTION_POST (Holocron extension)' },
  { name: 'evt.signal', type: 'string', get: (v) => v.body?.signal, doc: 'Signal that ended the process (process_exit.signal, e.g. SIGKILL); absent when it exited normally (Holocron extension)' },
  {
    name: 'evt.status',
    type: 'number',
    get: (v) => (v.kind === 'process_exit' ? (v.body?.status ?? 0) : undefined),
    doc: 'Exit status of a process_exit (0 when omitted, per protojson) (Holocron extension)',
  },
  { name: 'node.name', type: 'string', get: (v) => v.event.node_name, doc: 'Node that reported the event (node_name) (Holocron extension; Falco\'s evt.hostname)' },
];
