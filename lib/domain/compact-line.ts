import { hookName } from './ancestry/process-marker';
import type { EventSummary, FlowSummary } from './records';
import { eventBody } from './event-summary';
import { lossOfEvent, lossOfFlowSummary } from './loss-line';
import { describeArgument } from './process-context/kprobe-argument';
import type { TetragonEventJson } from './wire-types';

/**
 * One-line descriptions in the style of `tetra getevents -o compact` (🚀 process, 💥 exit,
 * 🔌 connect …) and `hubble observe`. The result is plain text: display it with InertText.
 */
export interface CompactLine {
  icon: string;
  verb: string;
  text: string;
}

// Hook or syscall name (after hookName strips arch and sys_enter_ prefixes) → icon and verb.
const FILE_HOOKS: Record<string, [string, string]> = {
  security_file_permission: ['📚', 'read'],
  security_file_open: ['📬', 'open'],
  fd_install: ['📬', 'open'],
  open: ['📬', 'open'],
  openat: ['📬', 'open'],
  openat2: ['📬', 'open'],
  read: ['📚', 'read'],
  readv: ['📚', 'read'],
  pread64: ['📚', 'read'],
  write: ['📝', 'write'],
  writev: ['📝', 'write'],
  pwrite64: ['📝', 'write'],
  truncate: ['📝', 'truncate'],
  ftruncate: ['📝', 'truncate'],
  security_path_truncate: ['📝', 'truncate'],
  security_file_truncate: ['📝', 'truncate'],
  close: ['🧹', 'close'],
  unlink: ['🧹', 'unlink'],
  unlinkat: ['🧹', 'unlink'],
  security_path_unlink: ['🧹', 'unlink'],
  security_mmap_file: ['📬', 'mmap'],
  security_bprm_check: ['🚀', 'bprm'],
};

// security_file_permission's second argument is the kernel's MAY_* mask.
const MAY_WRITE = 2;

function where(e: EventSummary): string {
  return e.pod ? `${e.namespace}/${e.pod}` : `host ${e.node}`;
}

function tuple(e: EventSummary): string {
  const s = e.sock!;
  const proto = s.protocol.replace(/^IPPROTO_/, '').toLowerCase() || 'tcp';
  return `${proto} ${s.saddr}:${s.sport} -> ${s.daddr}:${s.dport}`;
}

function fileHook(e: EventSummary, hook: string, event: TetragonEventJson | undefined): [string, string] | undefined {
  if (hook === 'security_file_permission') {
    const mask = event?.process_kprobe?.args?.[1]?.int_arg ?? 0;
    return mask & MAY_WRITE ? ['📝', 'write'] : ['📚', 'read'];
  }
  return FILE_HOOKS[hook];
}

/**
 * `event` (the upstream object) refines what the summary alone cannot tell, such as read versus
 * write on security_file_permission; live items come without it and read as "read".
 */
export function compactEvent(e: EventSummary, event?: TetragonEventJson): CompactLine {
  const proc = `${e.binary}${e.args ? ` ${e.args}` : ''}`;
  switch (e.kind) {
    case 'process_exec':
      return { icon: '🚀', verb: 'process', text: `${where(e)} ${proc}` };
    case 'process_exit':
      return { icon: '💥', verb: 'exit', text: `${where(e)} ${proc} ${e.signal || (e.status ?? 0)}` };
    case 'process_loader':
      return { icon: '📦', verb: 'load', text: `${where(e)} ${e.binary} ${e.filePath}`.trimEnd() };
    case 'process_throttle': {
      const cgroup = event?.process_throttle?.cgroup;
      const stop = e.functionName === 'THROTTLE_STOP';
      return { icon: stop ? '▶️' : '⏸️', verb: stop ? 'resume' : 'throttle', text: `${e.functionName || 'THROTTLE_UNKNOWN'}${cgroup ? ` cgroup ${cgroup}` : ''}${e.node ? ` on ${e.node}` : ''}` };
    }
    case 'process_kprobe':
    case 'process_tracepoint':
    case 'process_lsm':
    case 'process_usdt':
    case 'process_uprobe': {
      const fn = e.functionName;
      const hook = hookName(fn);
      if (e.sock) {
        if (/connect/.test(hook)) return { icon: '🔌', verb: 'connect', text: `${where(e)} ${e.binary} ${tuple(e)}` };
        if (/close/.test(hook)) return { icon: '🧹', verb: 'close', text: `${where(e)} ${e.binary} ${tuple(e)}` };
        if (/sendmsg/.test(hook)) return { icon: '📤', verb: 'sendmsg', text: `${where(e)} ${e.binary} ${tuple(e)}` };
        if (/accept/.test(hook)) return { icon: '🔌', verb: 'accept', text: `${where(e)} ${e.binary} ${tuple(e)}` };
      }
      if (e.kind === 'process_lsm') return { icon: '🔒', verb: 'LSM', text: `${where(e)} ${e.binary} ${fn}${e.filePath ? ` ${e.filePath}` : ''}` };
      const file = fileHook(e, hook, event);
      if (file) return { icon: file[0], verb: file[1], text: `${where(e)} ${e.binary} ${e.filePath}`.trimEnd() };
      if (/^set(e|re|res)?[ug]id$/.test(hook)) return { icon: '🔑', verb: hook.replace(/^set(e|re|res)?/, 'set'), text: `${where(e)} ${e.binary}` };
      if (e.kind === 'process_uprobe') return { icon: '⚙️', verb: 'uprobe', text: `${where(e)} ${e.binary} ${fn}`.trimEnd() };
      if (e.kind === 'process_usdt') return { icon: '⚙️', verb: 'usdt', text: `${where(e)} ${e.binary} ${fn}`.trimEnd() };
      return { icon: '❓', verb: 'syscall', text: `${where(e)} ${e.binary} ${fn || e.kind.replace(/^process_/, '')}${e.filePath ? ` ${e.filePath}` : ''}` };
    }
    default: {
      const loss = lossOfEvent(event);
      if (loss) return { icon: '⚠️', verb: 'lost', text: loss.text };
      // A live item has no upstream object, only the stored kind.
      if (e.kind === 'rate_limit_info') return { icon: '⚠️', verb: 'lost', text: `process events dropped by the agent's rate limit on ${e.node}` };
      return { icon: '•', verb: e.kind.replace(/^process_/, ''), text: `${where(e)} ${proc}` };
    }
  }
}

/**
 * The kind-specific part of a compact line, for a table column beside binary and arguments:
 * the exit's signal or status, a socket's 4-tuple, a file hook's path, else the hook's name and,
 * when the upstream event is at hand, its first arguments.
 */
export function compactDetail(e: EventSummary, event?: TetragonEventJson): string {
  if (e.kind === 'process_exec') return '';
  if (e.kind === 'process_throttle') {
    const cgroup = event?.process_throttle?.cgroup;
    return `${e.functionName}${cgroup ? ` ${cgroup}` : ''}`;
  }
  if (e.kind === 'process_exit') return e.signal || `status ${e.status ?? 0}`;
  if (e.sock) return tuple(e);
  if (e.filePath) return e.filePath;
  // Any other hook: its name and what its first arguments were (module, capability, bpf map …).
  const args = event ? (eventBody(event).args ?? []) : [];
  return args.length ? `${e.functionName} ${args.slice(0, 2).map(describeArgument).join(', ')}` : e.functionName;
}

function endpointName(ep: FlowSummary['source']): string {
  if (ep.pod) return `${ep.namespace}/${ep.pod}`;
  if (ep.labels.includes('reserved:world')) return ep.ip ? `${ep.ip} (world)` : 'world';
  if (ep.labels.includes('reserved:host')) return `${ep.ip} (host)`;
  return ep.ip || 'unknown';
}

export function compactFlow(f: FlowSummary): string {
  // Loss and status lines stored among the flows (their type says so) have no endpoints.
  const loss = lossOfFlowSummary(f);
  if (loss) return `⚠ ${loss.text}`;
  const l7 = f.httpMethod ? ` ${f.httpMethod} ${f.httpPath}${f.httpCode ? ` ${f.httpCode}` : ''}` : f.dnsQuery ? ` DNS ${f.dnsQuery}` : '';
  const port = f.destination.port ? `:${f.destination.port}` : '';
  return `${endpointName(f.source)} -> ${endpointName(f.destination)}${port} ${f.protocol}${l7} ${f.verdict}${f.dropReason ? ` (${f.dropReason})` : ''}`;
}
