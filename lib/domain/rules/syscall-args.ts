/**
 * A Tetragon event's arguments read the way Falco reads a syscall's: by Falco's parameter name
 * (`evt.arg.flags`, `evt.arg.request`), the return value (`evt.rawres`), the file descriptor the
 * event is about (`fd.num`, `fd.typechar`) and, for sockets, which end is the server.
 *
 * Hooks on the syscall itself (`__x64_sys_openat`, `syscalls/sys_enter_ptrace`) have the
 * syscall's arguments in order, so Falco's names apply one for one (falco-syscalls.ts). Other
 * hooks (`security_file_permission`, `fd_install`, `tcp_connect`) carry a `struct file`, a path
 * or a socket: the names Falco would use for the same facts are derived from those.
 */

import type { KprobeArgumentJson, KprobeSockJson } from '@/lib/domain/wire-types';
import type { EventView } from './event-view';
import { O_ACCMODE, O_DIRECTORY, O_RDWR, O_WRONLY, renderSyscallArg, returnParamName, SYSCALL_PARAMS } from './falco-syscalls';

/** security_file_permission's mask bits (the kernel's MAY_*). */
const MAY_WRITE = 2;
const MAY_READ = 4;

/** A numeric argument (int, uint, long, size), or undefined. */
export function argNumber(arg: KprobeArgumentJson | undefined): number | undefined {
  if (!arg) return undefined;
  if (arg.int_arg !== undefined) return arg.int_arg;
  if (arg.uint_arg !== undefined) return arg.uint_arg;
  const text = arg.long_arg ?? arg.size_arg;
  if (text !== undefined) {
    const n = Number(text);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** Falco's "ip:port->ip:port" connection notation. */
export function sockTuple(sock: KprobeSockJson): string {
  const remote = `${sock.daddr ?? ''}:${sock.dport ?? 0}`;
  return sock.saddr === undefined ? remote : `${sock.saddr}:${sock.sport ?? 0}->${remote}`;
}

/** Any argument as text (evt.arg[N] and named arguments without a Falco rendering). */
export function argText(arg: KprobeArgumentJson | undefined): string | undefined {
  if (!arg) return undefined;
  if (arg.string_arg !== undefined) return arg.string_arg;
  const n = argNumber(arg);
  if (n !== undefined) return String(n);
  const path = arg.file_arg?.path ?? arg.path_arg?.path ?? arg.linux_binprm_arg?.path;
  if (path !== undefined) return path;
  if (arg.sock_arg) return sockTuple(arg.sock_arg);
  if (arg.sockaddr_arg) return `${arg.sockaddr_arg.addr ?? ''}:${arg.sockaddr_arg.port ?? 0}`;
  if (arg.capability_arg) return arg.capability_arg.name ?? (arg.capability_arg.value === undefined ? undefined : String(arg.capability_arg.value));
  if (arg.bytes_arg !== undefined) return arg.bytes_arg;
  const loose = arg as Record<string, unknown>;
  const module = loose.module_arg as { name?: string } | undefined;
  if (module?.name !== undefined) return module.name;
  if (typeof loose.bpf_cmd_arg === 'string') return loose.bpf_cmd_arg;
  return undefined;
}

/** Falco's parameter name → index into args, for hooks that are the syscall itself. */
function directIndex(view: EventView, name: string): number {
  return view.direct ? (SYSCALL_PARAMS[view.type]?.indexOf(name) ?? -1) : -1;
}

/** The return value: the kprobe's `return` argument. Execs succeeded by definition. */
export function rawResult(view: EventView): number | undefined {
  if (view.kind === 'process_exec') return 0;
  return argNumber(view.body?.return);
}

function firstWith(view: EventView, pick: (a: KprobeArgumentJson) => unknown): KprobeArgumentJson | undefined {
  return view.args.find((a) => pick(a) !== undefined);
}

/** The open flags: the syscall's `flags` argument, or the access mode a file hook's mask implies. */
export function openFlags(view: EventView): number | undefined {
  const i = directIndex(view, 'flags');
  if (i >= 0) return argNumber(view.args[i]);
  if (view.hook === 'security_file_permission') {
    const mask = argNumber(firstWith(view, (a) => a.int_arg));
    if (mask === undefined) return undefined;
    const read = (mask & MAY_READ) !== 0;
    const write = (mask & MAY_WRITE) !== 0;
    return read && write ? O_RDWR : write ? O_WRONLY : read ? 0 : undefined;
  }
  return undefined;
}

const OPEN_TYPES = new Set(['open', 'openat', 'openat2', 'open_by_handle_at', 'creat']);

export function isOpen(view: EventView): boolean {
  return OPEN_TYPES.has(view.type);
}

/** The file descriptor the event is about, when Tetragon tells it. */
export function fdNumber(view: EventView): number | undefined {
  if (view.hook === 'fd_install') return argNumber(firstWith(view, (a) => a.int_arg ?? a.uint_arg));
  if (!view.direct) return undefined;
  if (returnParamName(view.type) === 'fd' && view.dir === '<') {
    const fd = rawResult(view);
    if (fd !== undefined) return fd;
  }
  const i = directIndex(view, 'fd');
  return i >= 0 ? argNumber(view.args[i]) : undefined;
}

/**
 * The path the event is about, made absolute against the process's cwd as Falco does (a path
 * relative to another directory descriptor than AT_FDCWD is joined to the cwd too: Tetragon does
 * not say where that descriptor points).
 */
export function eventPath(view: EventView): string | undefined {
  const raw = rawPath(view);
  if (raw === undefined) return undefined;
  if (raw.startsWith('/')) return raw;
  const cwd = view.process?.cwd;
  if (!cwd) return raw;
  return `${cwd.endsWith('/') ? cwd : `${cwd}/`}${raw}`;
}

/** The path as given: a file/path argument, or the syscall's name/path argument. */
export function rawPath(view: EventView): string | undefined {
  if (view.direct) {
    const params = SYSCALL_PARAMS[view.type] ?? [];
    for (const name of ['name', 'path', 'pathname', 'filename', 'oldpath', 'target']) {
      const i = params.indexOf(name);
      if (i >= 0) {
        const text = view.args[i]?.string_arg ?? view.args[i]?.file_arg?.path ?? view.args[i]?.path_arg?.path;
        if (text !== undefined) return text;
      }
    }
  }
  return view.filePath();
}

/** Falco's fd.type and fd.typechar for the event's descriptor. */
export function fdKind(view: EventView): { type: string; char: string } | undefined {
  const sock = view.sock();
  if (sock) {
    if (sock.family === 'AF_INET6') return { type: 'ipv6', char: '6' };
    if (sock.family === 'AF_UNIX') return { type: 'unix', char: 'u' };
    return { type: 'ipv4', char: '4' };
  }
  if (view.type === 'memfd_create') return { type: 'memfd', char: 'm' };
  const fileArg = view.args.find((a) => a.file_arg ?? a.path_arg);
  const permission = (fileArg?.file_arg ?? fileArg?.path_arg)?.permission;
  if (permission) {
    switch (permission[0]) {
      case 'd':
        return { type: 'directory', char: 'd' };
      case 'p':
        return { type: 'pipe', char: 'p' };
      case 's':
        return { type: 'unix', char: 'u' };
      default:
        return { type: 'file', char: 'f' };
    }
  }
  if (isOpen(view)) {
    const flags = openFlags(view);
    return flags !== undefined && (flags & O_DIRECTORY) !== 0 ? { type: 'directory', char: 'd' } : { type: 'file', char: 'f' };
  }
  return fileArg ? { type: 'file', char: 'f' } : undefined;
}

const SERVER_SIDE_TYPES = new Set(['accept', 'accept4', 'listen', 'bind']);

/** Falco's client/server view of a socket: on accept the local end is the server, else the client. */
export function socketEnds(view: EventView): { client: { ip?: string; port: number }; server: { ip?: string; port: number }; localIsServer: boolean } | undefined {
  const sock = view.sock();
  if (!sock) return undefined;
  const local = { ip: sock.saddr, port: sock.sport ?? 0 };
  const remote = { ip: sock.daddr, port: sock.dport ?? 0 };
  const localIsServer = SERVER_SIDE_TYPES.has(view.type);
  return localIsServer ? { client: remote, server: local, localIsServer } : { client: local, server: remote, localIsServer };
}

/**
 * evt.arg.NAME: Falco's text for one named argument. For hooks on the syscall itself the name
 * picks the argument by position; for other hooks the names Falco's rules use most are derived
 * from what the hook carries (the file, the socket, the open flags, the return value).
 */
export function namedArg(view: EventView, name: string): string | undefined {
  const i = directIndex(view, name);
  if (i >= 0) {
    const arg = view.args[i];
    const n = argNumber(arg);
    return n !== undefined ? renderSyscallArg(view.type, name, n) : argText(arg);
  }
  if (name === 'res' || (name === 'fd' && returnParamName(view.type) === 'fd' && view.direct)) {
    const raw = rawResult(view);
    if (raw !== undefined) return String(raw);
  }
  switch (name) {
    case 'fd': {
      const fd = fdNumber(view);
      return fd === undefined ? undefined : String(fd);
    }
    case 'name':
    case 'path':
    case 'pathname':
    case 'filename':
      return eventPath(view);
    case 'flags': {
      const flags = isOpen(view) ? openFlags(view) : undefined;
      return flags === undefined ? undefined : renderSyscallArg('openat', 'flags', flags);
    }
    case 'tuple': {
      const sock = view.sock();
      return sock ? sockTuple(sock) : undefined;
    }
    case 'addr': {
      const sock = view.sock();
      return sock ? `${sock.daddr ?? ''}:${sock.dport ?? 0}` : undefined;
    }
    case 'mask':
      return argText(firstWith(view, (a) => a.int_arg));
    default:
      return undefined;
  }
}

/** evt.rawarg.NAME: the number behind a named argument. */
export function rawNamedArg(view: EventView, name: string): number | undefined {
  const i = directIndex(view, name);
  if (i >= 0) return argNumber(view.args[i]);
  if (name === 'res' || name === 'fd') return name === 'fd' ? fdNumber(view) : rawResult(view);
  if (name === 'flags' && isOpen(view)) return openFlags(view);
  return undefined;
}

/** evt.args: every named argument as "name=value", space separated, as Falco prints them. */
export function allArgs(view: EventView): string | undefined {
  if (view.direct) {
    const params = SYSCALL_PARAMS[view.type];
    if (params) {
      const parts: string[] = [];
      const ret = rawResult(view);
      if (ret !== undefined) parts.push(`${returnParamName(view.type)}=${ret}`);
      params.forEach((p, i) => {
        if (view.args[i] !== undefined) parts.push(`${p}=${namedArg(view, p) ?? ''}`);
      });
      return parts.join(' ');
    }
  }
  const texts = view.args.map((a) => argText(a)).filter((t): t is string => t !== undefined);
  return texts.length === 0 ? undefined : texts.join(' ');
}

/** Source and target paths of rename/link/symlink (fs.path.source / fs.path.target). */
export function pathPair(view: EventView): { source?: string; target?: string } {
  const paths: string[] = [];
  for (const arg of view.args) {
    const p = arg.path_arg?.path ?? arg.file_arg?.path ?? (arg.string_arg?.startsWith('/') ? arg.string_arg : undefined);
    if (p !== undefined) paths.push(p);
  }
  if (view.direct) {
    const params = SYSCALL_PARAMS[view.type] ?? [];
    const at = (name: string) => {
      const i = params.indexOf(name);
      return i >= 0 ? view.args[i]?.string_arg : undefined;
    };
    const source = at('oldpath') ?? at('target');
    const target = at('newpath') ?? at('linkpath');
    if (source !== undefined || target !== undefined) return { source, target };
  }
  return paths.length >= 2 ? { source: paths[0], target: paths[1] } : {};
}

/** Whether the open asked for reading / writing (undefined when the hook does not tell). */
export function openAccess(view: EventView): { read: boolean; write: boolean } | undefined {
  if (!isOpen(view)) return undefined;
  const flags = openFlags(view);
  if (flags === undefined) return undefined;
  const access = flags & O_ACCMODE;
  return { read: access === 0 || access === O_RDWR, write: access === O_WRONLY || access === O_RDWR };
}

