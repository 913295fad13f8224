/** fd.* and fs.path.* fields: the file or socket an event is about. */

import type { EventView } from './event-view';
import { basename, dirname, type FieldDef, type FieldValue } from './field-types';
import { eventPath, fdKind, fdNumber, pathPair, rawPath, socketEnds, sockTuple } from './syscall-args';

const L4_PROTOCOLS: Record<string, string> = { IPPROTO_TCP: 'tcp', IPPROTO_UDP: 'udp', IPPROTO_ICMP: 'icmp', IPPROTO_ICMPV6: 'icmp', IPPROTO_RAW: 'raw', IPPROTO_SCTP: 'sctp' };

function fdName(v: EventView): string | undefined {
  const sock = v.sock();
  if (sock) return sockTuple(sock);
  return eventPath(v);
}

/** The file path for fd.directory / fd.filename: only when the descriptor is a file. */
function filePath(v: EventView): string | undefined {
  return v.sock() ? undefined : eventPath(v);
}

function ends(v: EventView) {
  return socketEnds(v);
}

/** "<container.id>:<what>", Falco's way to say which container a file name belongs to. */
function inContainer(v: EventView, what: string | undefined): string | undefined {
  if (what === undefined) return undefined;
  const id = v.process?.pod?.container?.id;
  const short = id ? id.slice(id.indexOf('://') < 0 ? 0 : id.indexOf('://') + 3).slice(0, 12) : 'host';
  return `${short}:${what}`;
}

const portOf = (p: { port: number } | undefined): FieldValue => p?.port;

export const FD_FIELDS: FieldDef[] = [
  {
    name: 'fd.num',
    type: 'number',
    get: fdNumber,
    doc: 'fd_install\'s fd argument; for syscall hooks the returned fd (open, socket, accept, memfd_create with a returnArg) or the fd argument (close, connect, …). Absent for hooks on a `struct file` that do not say its number (security_file_permission, security_file_open) — so Falco\'s open_read/open_write (fd.num>=0) need a syscall or fd_install hook',
  },
  { name: 'fd.type', type: 'string', get: (v) => fdKind(v)?.type, doc: 'file, directory, pipe, unix (from file_arg.permission\'s first letter), ipv4/ipv6/unix (sock_arg.family), file or directory (O_DIRECTORY) for open syscalls, memfd' },
  { name: 'fd.typechar', type: 'string', get: (v) => fdKind(v)?.char, doc: 'f, d, p, u, 4, 6, m: fd.type as one character' },
  {
    name: 'fd.name',
    type: 'string',
    get: fdName,
    doc: 'The file\'s path (file_arg/path_arg/linux_binprm_arg, or the syscall\'s name/path argument made absolute against proc.cwd), or the connection "cip:cport->sip:sport" as Tetragon\'s sock_arg gives it (saddr:sport->daddr:dport)',
  },
  { name: 'fd.nameraw', type: 'string', get: (v) => (v.sock() ? undefined : rawPath(v)), doc: 'The path as the syscall got it, not made absolute' },
  {
    name: 'fd.directory',
    type: 'string',
    get: (v) => {
      const path = filePath(v);
      return path === undefined ? undefined : dirname(path);
    },
    doc: 'Directory part of the file path',
  },
  {
    name: 'fd.filename',
    type: 'string',
    get: (v) => {
      const path = filePath(v);
      return path === undefined ? undefined : basename(path);
    },
    doc: 'File name part of the file path',
  },
  {
    name: 'fd.ip',
    type: 'string',
    list: true,
    get: (v) => {
      const e = ends(v);
      return e ? [e.client.ip, e.server.ip].filter((x): x is string => x !== undefined) : undefined;
    },
    doc: 'Client and server address (either matches)',
  },
  { name: 'fd.cip', type: 'string', get: (v) => ends(v)?.client.ip, doc: 'Client address: sock_arg.saddr, except on accept-side hooks (accept, listen, bind) where it is daddr' },
  { name: 'fd.sip', type: 'string', get: (v) => ends(v)?.server.ip, doc: 'Server address: sock_arg.daddr (or sockaddr_arg.addr); saddr on accept-side hooks' },
  {
    name: 'fd.net',
    type: 'string',
    list: true,
    ipnet: true,
    get: (v) => {
      const e = ends(v);
      return e ? [e.client.ip, e.server.ip].filter((x): x is string => x !== undefined) : undefined;
    },
    doc: 'Client or server address, compared with networks: fd.net in (10.0.0.0/8)',
  },
  { name: 'fd.cnet', type: 'string', ipnet: true, get: (v) => ends(v)?.client.ip, doc: 'Client address (as fd.cip), compared with networks' },
  { name: 'fd.snet', type: 'string', ipnet: true, get: (v) => ends(v)?.server.ip, doc: 'Server address (as fd.sip), compared with networks' },
  { name: 'fd.lnet', type: 'string', ipnet: true, get: (v) => v.sock()?.saddr, doc: 'Local address, compared with networks' },
  { name: 'fd.rnet', type: 'string', ipnet: true, get: (v) => v.sock()?.daddr, doc: 'Remote address, compared with networks' },
  { name: 'fd.lip', type: 'string', get: (v) => v.sock()?.saddr, doc: 'Local address: sock_arg.saddr' },
  { name: 'fd.rip', type: 'string', get: (v) => v.sock()?.daddr, doc: 'Remote address: sock_arg.daddr (or sockaddr_arg.addr)' },
  {
    name: 'fd.port',
    type: 'number',
    list: true,
    get: (v) => {
      const e = ends(v);
      return e ? [e.client.port, e.server.port] : undefined;
    },
    doc: 'Client and server port (either matches)',
  },
  { name: 'fd.cport', type: 'number', get: (v) => portOf(ends(v)?.client), doc: 'Client port (0 when protojson omitted it)' },
  { name: 'fd.sport', type: 'number', get: (v) => portOf(ends(v)?.server), doc: 'Server port: sock_arg.dport on connect-side hooks, sport on accept-side ones' },
  { name: 'fd.lport', type: 'number', get: (v) => sockPort(v, 'sport'), doc: 'Local port: sock_arg.sport' },
  { name: 'fd.rport', type: 'number', get: (v) => sockPort(v, 'dport'), doc: 'Remote port: sock_arg.dport (or sockaddr_arg.port)' },
  {
    name: 'fd.l4proto',
    type: 'string',
    get: (v) => {
      const sock = v.sock();
      if (!sock) return undefined;
      const protocol = sock.protocol;
      if (protocol === undefined) return sock.type === 'SOCK_DGRAM' ? 'udp' : sock.type === 'SOCK_STREAM' ? 'tcp' : undefined;
      return L4_PROTOCOLS[protocol] ?? protocol.replace(/^IPPROTO_/, '').toLowerCase();
    },
    doc: 'tcp, udp, icmp, raw from sock_arg.protocol (IPPROTO_TCP → tcp)',
  },
  {
    name: 'fd.sockfamily',
    type: 'string',
    get: (v) => {
      const sock = v.sock();
      if (!sock) return undefined;
      return sock.family === 'AF_UNIX' ? 'unix' : 'ip';
    },
    doc: 'ip or unix, from sock_arg.family',
  },
  { name: 'fd.is_server', type: 'bool', get: (v) => ends(v)?.localIsServer, doc: 'true on accept-side hooks (accept, listen, bind)' },
  {
    name: 'fd.connected',
    type: 'bool',
    get: (v) => {
      const e = ends(v);
      if (!e) return undefined;
      return v.type === 'accept' || v.type === 'accept4' || v.sock()?.state === 'TCP_ESTABLISHED' || (v.type === 'connect' && v.body?.return !== undefined);
    },
    doc: 'true for accepted sockets, for sock_arg.state TCP_ESTABLISHED, and for a connect hook that reports its return',
  },
  {
    name: 'fd.containername',
    type: 'string',
    get: (v) => inContainer(v, fdName(v)),
    doc: 'container.id, ":", fd.name',
  },
  {
    name: 'fd.containerdirectory',
    type: 'string',
    get: (v) => {
      const path = filePath(v);
      return inContainer(v, path === undefined ? undefined : dirname(path));
    },
    doc: 'container.id, ":", fd.directory',
  },
  {
    name: 'fs.path.name',
    type: 'string',
    get: (v) => (v.sock() ? undefined : eventPath(v)),
    doc: 'The path a file event works on (same source as fd.name), made absolute',
  },
  { name: 'fs.path.nameraw', type: 'string', get: (v) => (v.sock() ? undefined : rawPath(v)), doc: 'That path as given' },
  { name: 'fs.path.source', type: 'string', get: (v) => pathPair(v).source, doc: 'rename/link/symlink: the first of two paths (oldpath, target)' },
  { name: 'fs.path.sourceraw', type: 'string', get: (v) => pathPair(v).source, doc: 'Same, as given' },
  { name: 'fs.path.target', type: 'string', get: (v) => pathPair(v).target, doc: 'rename/link/symlink: the second path (newpath, linkpath)' },
  { name: 'fs.path.targetraw', type: 'string', get: (v) => pathPair(v).target, doc: 'Same, as given' },
];

/** Ports are 32-bit, so protojson omits them at 0: a socket without one has port 0. */
function sockPort(v: EventView, key: 'sport' | 'dport'): number | undefined {
  const sock = v.sock();
  return sock ? (sock[key] ?? 0) : undefined;
}
