/** evt.*, fd.* and node.* fields: what happened, on which file or socket, on which node. */

import type { KprobeArgumentJson, KprobeSockJson } from '@/lib/domain/wire-types';
import type { EventView } from './event-view';
import { basename, dirname, type FieldDef } from './field-types';

function fdName(v: EventView): string | undefined {
  const path = v.filePath();
  if (path !== undefined) return path;
  const sock = v.sock();
  return sock ? sockName(sock) : undefined;
}

/** Falco's connection notation: "saddr:sport->daddr:dport". */
function sockName(sock: KprobeSockJson): string {
  const remote = `${sock.daddr ?? ''}:${sock.dport ?? 0}`;
  return sock.saddr === undefined ? remote : `${sock.saddr}:${sock.sport ?? 0}->${remote}`;
}

/** A kprobe argument as text, whatever its type, for evt.arg[N]. */
function argText(arg: KprobeArgumentJson | undefined): string | undefined {
  if (!arg) return undefined;
  if (arg.string_arg !== undefined) return arg.string_arg;
  if (arg.int_arg !== undefined) return String(arg.int_arg);
  if (arg.uint_arg !== undefined) return String(arg.uint_arg);
  if (arg.long_arg !== undefined) return arg.long_arg;
  if (arg.size_arg !== undefined) return arg.size_arg;
  const path = arg.file_arg?.path ?? arg.path_arg?.path ?? arg.linux_binprm_arg?.path;
  if (path !== undefined) return path;
  if (arg.sock_arg) return sockName(arg.sock_arg);
  if (arg.sockaddr_arg) return `${arg.sockaddr_arg.addr ?? ''}:${arg.sockaddr_arg.port ?? 0}`;
  if (arg.capability_arg) return arg.capability_arg.name ?? (arg.capability_arg.value === undefined ? undefined : String(arg.capability_arg.value));
  if (arg.bytes_arg !== undefined) return arg.bytes_arg;
  return undefined;
}

const L4_PROTOCOLS: Record<string, string> = { IPPROTO_TCP: 'tcp', IPPROTO_UDP: 'udp', IPPROTO_ICMP: 'icmp', IPPROTO_SCTP: 'sctp' };

export const EVENT_FIELDS: FieldDef[] = [
  {
    name: 'evt.type',
    type: 'string',
    get: (v) => v.type,
    doc: 'execve (process_exec), procexit (process_exit), the function_name of a kprobe or LSM hook (tcp_connect, security_file_permission, …), "subsys/event" for a tracepoint, the symbol of a uprobe',
  },
  { name: 'evt.kind', type: 'string', get: (v) => v.kind, doc: 'The Tetragon oneof member: process_exec, process_kprobe, … (Holocron extension)' },
  { name: 'evt.time', type: 'string', get: (v) => v.event.time, doc: 'Event time as sent (RFC 3339, UTC)' },
  { name: 'evt.source', type: 'string', get: () => 'tetragon', doc: 'Always "tetragon"' },
  { name: 'evt.policy', type: 'string', get: (v) => v.body?.policy_name, doc: 'TracingPolicy that produced a kprobe/tracepoint/LSM event (policy_name)' },
  { name: 'evt.action', type: 'string', get: (v) => v.body?.action, doc: 'Kprobe action, e.g. KPROBE_ACTION_POST' },
  { name: 'evt.signal', type: 'string', get: (v) => v.body?.signal, doc: 'Signal that ended the process (process_exit.signal, e.g. SIGKILL); absent when it exited normally' },
  {
    name: 'evt.status',
    type: 'number',
    get: (v) => (v.kind === 'process_exit' ? (v.body?.status ?? 0) : undefined),
    doc: 'Exit status of a process_exit (0 when omitted, per protojson)',
  },
  {
    name: 'evt.arg.mask',
    type: 'number',
    get: (v) => v.args.find((a) => a.int_arg !== undefined)?.int_arg,
    doc: 'First int argument: the access mask of security_file_permission (4 = MAY_READ, 2 = MAY_WRITE)',
  },
  {
    name: 'evt.arg',
    type: 'string',
    arg: { kind: 'index', type: 'string', get: (v, n) => argText(v.args[Number(n)]) },
    doc: 'evt.arg[N]: kprobe/tracepoint argument N (0-based) as text: strings, numbers, paths, sockets as "s:p->d:p"',
  },
  { name: 'node.name', type: 'string', get: (v) => v.event.node_name, doc: 'Node that reported the event (node_name)' },
  {
    name: 'fd.name',
    type: 'string',
    get: fdName,
    doc: 'File path of the first file_arg/path_arg/linux_binprm_arg (else a string_arg starting with "/"); for a sock_arg "saddr:sport->daddr:dport"',
  },
  {
    name: 'fd.directory',
    type: 'string',
    get: (v) => {
      const path = v.filePath();
      return path === undefined ? undefined : dirname(path);
    },
    doc: 'Directory part of the file path',
  },
  {
    name: 'fd.filename',
    type: 'string',
    get: (v) => {
      const path = v.filePath();
      return path === undefined ? undefined : basename(path);
    },
    doc: 'File name part of the file path',
  },
  { name: 'fd.sip', type: 'string', get: (v) => v.sock()?.saddr, doc: 'Source (local) address of the socket: sock_arg.saddr. NB: Falco\'s fd.sip means "server"; here it is Tetragon\'s saddr' },
  { name: 'fd.sport', type: 'number', get: (v) => sockPort(v, 'sport'), doc: 'Source (local) port: sock_arg.sport' },
  { name: 'fd.rip', type: 'string', get: (v) => v.sock()?.daddr, doc: 'Remote address: sock_arg.daddr (or sockaddr_arg.addr)' },
  { name: 'fd.rport', type: 'number', get: (v) => sockPort(v, 'dport'), doc: 'Remote port: sock_arg.dport (or sockaddr_arg.port)' },
  { name: 'fd.lip', type: 'string', get: (v) => v.sock()?.saddr, doc: 'Local address, same as fd.sip (Falco\'s name for it)' },
  { name: 'fd.lport', type: 'number', get: (v) => sockPort(v, 'sport'), doc: 'Local port, same as fd.sport' },
  {
    name: 'fd.l4proto',
    type: 'string',
    get: (v) => {
      const protocol = v.sock()?.protocol;
      return protocol === undefined ? undefined : (L4_PROTOCOLS[protocol] ?? protocol.toLowerCase());
    },
    doc: 'tcp, udp, … from sock_arg.protocol (IPPROTO_TCP → tcp)',
  },
];

/** Ports are 32-bit, so protojson omits them at 0: a socket without one has port 0. */
function sockPort(v: EventView, key: 'sport' | 'dport'): number | undefined {
  const sock = v.sock();
  return sock ? (sock[key] ?? 0) : undefined;
}
