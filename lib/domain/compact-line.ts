import type { EventSummary, FlowSummary } from './records';

/**
 * One-line descriptions in the style of `tetra getevents -o compact` (🚀 process, 💥 exit,
 * 🔌 connect …) and `hubble observe`. The result is plain text: display it with InertText.
 */
const FILE_HOOKS: Record<string, [string, string]> = {
  security_file_permission: ['📚', 'read'],
  security_file_open: ['📬', 'open'],
  fd_install: ['📬', 'open'],
  security_path_truncate: ['📝', 'truncate'],
  security_path_unlink: ['🧹', 'unlink'],
  sys_write: ['📝', 'write'],
};

function where(e: EventSummary): string {
  return e.pod ? `${e.namespace}/${e.pod}` : `host ${e.node}`;
}

export function compactEvent(e: EventSummary): { icon: string; verb: string; text: string } {
  const proc = `${e.binary}${e.args ? ` ${e.args}` : ''}`;
  switch (e.kind) {
    case 'process_exec':
      return { icon: '🚀', verb: 'process', text: `${where(e)} ${proc}` };
    case 'process_exit':
      return { icon: '💥', verb: 'exit', text: `${where(e)} ${proc} ${e.signal || (e.status ?? 0)}` };
    case 'process_kprobe':
    case 'process_tracepoint':
    case 'process_lsm': {
      const fn = e.functionName;
      if (e.sock && /connect/.test(fn)) {
        return { icon: '🔌', verb: 'connect', text: `${where(e)} ${e.binary} tcp ${e.sock.saddr}:${e.sock.sport} -> ${e.sock.daddr}:${e.sock.dport}` };
      }
      if (e.sock && /close/.test(fn)) {
        return { icon: '🧹', verb: 'close', text: `${where(e)} ${e.binary} tcp ${e.sock.saddr}:${e.sock.sport} -> ${e.sock.daddr}:${e.sock.dport}` };
      }
      if (e.sock && /sendmsg/.test(fn)) return { icon: '📤', verb: 'sendmsg', text: `${where(e)} ${e.binary} tcp ${e.sock.daddr}:${e.sock.dport}` };
      const file = FILE_HOOKS[fn];
      if (file) return { icon: file[0], verb: file[1], text: `${where(e)} ${e.binary} ${e.filePath}` };
      if (/setuid/.test(fn)) return { icon: '🔑', verb: 'setuid', text: `${where(e)} ${e.binary}` };
      if (e.kind === 'process_lsm') return { icon: '🔒', verb: 'LSM', text: `${where(e)} ${e.binary} ${fn}` };
      return { icon: '❓', verb: 'syscall', text: `${where(e)} ${e.binary} ${fn}${e.filePath ? ` ${e.filePath}` : ''}` };
    }
    default:
      return { icon: '•', verb: e.kind.replace(/^process_/, ''), text: `${where(e)} ${proc}` };
  }
}

function endpointName(ep: FlowSummary['source']): string {
  if (ep.pod) return `${ep.namespace}/${ep.pod}`;
  if (ep.labels.includes('reserved:world')) return ep.ip ? `${ep.ip} (world)` : 'world';
  if (ep.labels.includes('reserved:host')) return `${ep.ip} (host)`;
  return ep.ip || 'unknown';
}

export function compactFlow(f: FlowSummary): string {
  const l7 = f.httpMethod ? ` ${f.httpMethod} ${f.httpPath}${f.httpCode ? ` ${f.httpCode}` : ''}` : f.dnsQuery ? ` DNS ${f.dnsQuery}` : '';
  const port = f.destination.port ? `:${f.destination.port}` : '';
  return `${endpointName(f.source)} -> ${endpointName(f.destination)}${port} ${f.protocol}${l7} ${f.verdict}${f.dropReason ? ` (${f.dropReason})` : ''}`;
}
