/**
 * Short labels for the ticks on a process bar, in the vocabulary of `tetra getevents -o compact`
 * ("connect", "close", "sendmsg", "read", "write", "open", "setuid", "lsm") which responders read
 * at a glance. The label keeps the hostile strings (paths) as they are: rendering is inert text.
 */
import type { StoredEvent } from '@/lib/domain/ancestry/stored-event';
import type { KprobeArgumentJson } from '@/lib/domain/wire-types';

/** Kinds that are drawn as markers; exec and exit are the bar's ends instead. */
const MARKER_KINDS: ReadonlySet<string> = new Set([
  'process_kprobe',
  'process_tracepoint',
  'process_lsm',
  'process_uprobe',
  'process_usdt',
  'process_loader',
]);

export function isMarkerKind(kind: string): boolean {
  return MARKER_KINDS.has(kind);
}

// Hook or syscall name (arch prefix and sys_/sys_enter_ removed) → compact verb for file events.
const FILE_VERBS: Readonly<Record<string, string>> = {
  fd_install: 'open',
  security_file_open: 'open',
  open: 'open',
  openat: 'open',
  openat2: 'open',
  read: 'read',
  write: 'write',
  close: 'close',
  unlink: 'unlink',
  unlinkat: 'unlink',
  security_path_unlink: 'unlink',
  truncate: 'truncate',
  ftruncate: 'truncate',
  security_path_truncate: 'truncate',
  security_file_truncate: 'truncate',
  security_mmap_file: 'mmap',
};

// security_file_permission's second argument is the kernel's MAY_* mask.
const MAY_WRITE = 2;
const MAY_READ = 4;

/**
 * "__x64_sys_openat" → "openat", "syscalls:sys_enter_openat" → "openat", "tcp_connect" unchanged.
 * Tracepoints arrive as "subsys:event" or, from the stored summary column, "subsys/event".
 */
export function hookName(functionName: string): string {
  const sep = functionName.search(/[:/]/);
  const afterSubsys = sep >= 0 ? functionName.slice(sep + 1) : functionName;
  return afterSubsys.replace(/^__(x64|arm64|ia32|s390x)_/, '').replace(/^sys_(enter_)?/, '');
}

function argsOf(ev: StoredEvent): KprobeArgumentJson[] {
  const e = ev.event;
  return e.process_kprobe?.args ?? e.process_tracepoint?.args ?? e.process_lsm?.args ?? e.process_uprobe?.args ?? [];
}

function withObject(verb: string, object: string): string {
  return object ? `${verb} ${object}` : verb;
}

export function markerLabel(ev: StoredEvent): string {
  const hook = hookName(ev.functionName);
  if (ev.kind === 'process_lsm') return withObject(`lsm ${ev.functionName}`.trim(), ev.filePath);
  if (ev.kind === 'process_uprobe') {
    const u = ev.event.process_uprobe;
    return withObject('uprobe', u?.symbol ?? u?.path ?? '');
  }
  if (ev.kind === 'process_usdt') {
    const u = ev.event.process_usdt;
    return withObject('usdt', u?.provider || u?.name ? `${u.provider ?? ''}:${u.name ?? ''}` : '');
  }
  if (ev.kind === 'process_loader') return withObject('load', ev.event.process_loader?.path ?? ev.filePath);

  if (ev.sock) {
    const verb = hook.replace(/^(tcp|udp)_/, '') || 'socket';
    return `${verb} ${ev.sock.daddr}:${ev.sock.dport}`;
  }
  if (hook === 'security_file_permission') {
    const mask = argsOf(ev)[1]?.int_arg ?? 0;
    const verb = mask & MAY_WRITE ? 'write' : mask & MAY_READ ? 'read' : 'access';
    return withObject(verb, ev.filePath);
  }
  if (hook === 'setuid' || hook === 'setgid') {
    const id = argsOf(ev)[0]?.int_arg;
    return id === undefined ? hook : `${hook} ${id}`;
  }
  const fileVerb = FILE_VERBS[hook];
  if (fileVerb) return withObject(fileVerb, ev.filePath);
  return withObject(hook || ev.kind.replace(/^process_/, ''), ev.filePath);
}
