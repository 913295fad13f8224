/**
 * The kinds of the `q` filter language, per source. Hubble UI's tags `[!][from:|to:|either:]kind=value`
 * extended with Tetragon process kinds. Each kind validates and normalises its value once, at parse
 * time, so matchers and SQL compilers downstream never re-check it.
 */
import { compileRegex } from '@/lib/domain/regex/re2';

export type QuerySource = 'flows' | 'events';

export interface KindSpec {
  name: string;
  sources: readonly QuerySource[];
  directional: boolean; // accepts from:/to:/either: (flows' endpoint kinds)
  help: string;
  /** Returns the normalised value, or throws an Error whose message says what is expected. */
  normalize(value: string): string;
}

const VERDICTS = ['FORWARDED', 'DROPPED', 'ERROR', 'AUDIT', 'REDIRECTED', 'TRACED', 'TRANSLATED', 'VERDICT_UNKNOWN'];
// LOST_EVENTS / NODE_STATUS: the GetFlowsResponse notices stored in place among the flows.
const FLOW_TYPES = ['L3_L4', 'L7', 'SOCK', 'UNKNOWN_TYPE', 'LOST_EVENTS', 'NODE_STATUS'];
const DIRECTIONS = ['INGRESS', 'EGRESS', 'TRAFFIC_DIRECTION_UNKNOWN'];
const PROTOCOLS = ['TCP', 'UDP', 'ICMPV4', 'ICMPV6', 'SCTP', 'VRRP', 'IGMP'];
const TCP_FLAGS = ['SYN', 'ACK', 'FIN', 'RST', 'PSH', 'URG', 'ECE', 'CWR', 'NS'];
/** `event-type=` values: GetEventsResponse's oneof member names without the `process_` prefix. */
export const EVENT_TYPES: Record<string, string> = {
  exec: 'process_exec',
  exit: 'process_exit',
  kprobe: 'process_kprobe',
  tracepoint: 'process_tracepoint',
  loader: 'process_loader',
  uprobe: 'process_uprobe',
  throttle: 'process_throttle',
  lsm: 'process_lsm',
  usdt: 'process_usdt',
  test: 'test',
  rate_limit_info: 'rate_limit_info',
};

const text = (v: string) => {
  if (v === '') throw new Error('expected a non-empty value');
  return v;
};
const oneOf = (allowed: string[], what: string) => (v: string) => {
  const up = v.toUpperCase();
  if (!allowed.includes(up)) throw new Error(`expected ${what}: ${allowed.join(', ')}`);
  return up === 'ICMPV4' ? 'ICMPv4' : up === 'ICMPV6' ? 'ICMPv6' : up;
};
const integer = (min: number, max: number) => (v: string) => {
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new Error(`expected a whole number from ${min} to ${max}`);
  return String(Number(v));
};
const regex = (v: string) => {
  text(v);
  try {
    compileRegex(v);
  } catch (e) {
    throw new Error(`invalid regular expression (RE2 syntax): ${(e as Error).message}`);
  }
  return v;
};
const ip = (v: string) => {
  const v4 = /^(\d{1,3})(\.\d{1,3}){3}(\/\d{1,2})?$/;
  const v6 = /^[0-9a-fA-F:]+(\/\d{1,3})?$/;
  if (!(v4.test(v) && v.split('/')[0]!.split('.').every((o) => Number(o) <= 255)) && !(v.includes(':') && v6.test(v))) {
    throw new Error('expected an IPv4 or IPv6 address, optionally with a /prefix');
  }
  return v.toLowerCase();
};
const httpStatus = (v: string) => {
  if (!/^[1-5](\d\d|\+)$/.test(v)) throw new Error('expected an HTTP status such as 404, or a class such as 5+');
  return v;
};
const bool = (v: string) => {
  const l = v.toLowerCase();
  if (l !== 'true' && l !== 'false') throw new Error('expected true or false');
  return l;
};
const eventType = (v: string) => {
  const l = v.toLowerCase().replace(/^process_/, '');
  const kind = EVENT_TYPES[l];
  if (!kind) throw new Error(`expected one of: ${Object.keys(EVENT_TYPES).join(', ')}`);
  return kind;
};
const capability = (v: string) => {
  const up = v.toUpperCase();
  const name = up === 'DAC_OVERRIDE' || up.startsWith('CAP_') ? up : `CAP_${up}`;
  if (!/^(CAP_[A-Z_]+|DAC_OVERRIDE)$/.test(name)) throw new Error('expected a capability such as CAP_SYS_ADMIN');
  return name;
};
const label = (v: string) => {
  text(v);
  // Hubble prints labels with their source ("k8s:app=x"); users type "app=x". Keep only key[=value].
  return v.replace(/^(k8s|container|any):/, '');
};

const BOTH: QuerySource[] = ['flows', 'events'];
const FLOWS: QuerySource[] = ['flows'];
const EVENTS: QuerySource[] = ['events'];

export const KINDS: readonly KindSpec[] = [
  { name: 'pod', sources: BOTH, directional: true, help: 'namespace/pod-prefix, or pod-prefix in any namespace', normalize: text },
  { name: 'namespace', sources: BOTH, directional: true, help: 'Kubernetes namespace', normalize: text },
  { name: 'workload', sources: BOTH, directional: true, help: 'workload name (deployment, daemonset…)', normalize: text },
  { name: 'label', sources: BOTH, directional: true, help: 'pod label key=value or key', normalize: label },
  { name: 'node', sources: BOTH, directional: false, help: 'node name', normalize: text },
  { name: 'ip', sources: BOTH, directional: true, help: 'IP address or CIDR', normalize: ip },
  { name: 'port', sources: BOTH, directional: true, help: 'L4 port', normalize: integer(0, 65535) },
  { name: 'id', sources: BOTH, directional: false, help: 'flow uuid or event id', normalize: text },
  { name: 'identity', sources: FLOWS, directional: true, help: 'Cilium security identity', normalize: integer(0, 4294967295) },
  { name: 'service', sources: FLOWS, directional: true, help: 'Kubernetes service namespace/name or name', normalize: text },
  { name: 'verdict', sources: FLOWS, directional: false, help: 'FORWARDED, DROPPED…', normalize: oneOf(VERDICTS, 'a verdict') },
  { name: 'drop-reason', sources: FLOWS, directional: false, help: 'drop reason, e.g. POLICY_DENIED', normalize: (v) => text(v).toUpperCase() },
  { name: 'type', sources: FLOWS, directional: false, help: 'L3_L4, L7, SOCK; LOST_EVENTS, NODE_STATUS for the notices', normalize: oneOf(FLOW_TYPES, 'a flow type') },
  { name: 'protocol', sources: FLOWS, directional: false, help: 'TCP, UDP, ICMPv4, ICMPv6, SCTP, VRRP, IGMP', normalize: oneOf(PROTOCOLS, 'a protocol') },
  { name: 'direction', sources: FLOWS, directional: false, help: 'INGRESS, EGRESS', normalize: oneOf(DIRECTIONS, 'a traffic direction') },
  { name: 'tcp-flag', sources: FLOWS, directional: false, help: 'SYN, ACK, FIN, RST…', normalize: oneOf(TCP_FLAGS, 'a TCP flag') },
  { name: 'reply', sources: FLOWS, directional: false, help: 'true or false', normalize: bool },
  { name: 'http-method', sources: FLOWS, directional: false, help: 'GET, PUT…', normalize: (v) => text(v).toUpperCase() },
  { name: 'http-path', sources: FLOWS, directional: false, help: 'RE2 regular expression on the URL path', normalize: regex },
  { name: 'http-status', sources: FLOWS, directional: false, help: '404, or 5+ for a class', normalize: httpStatus },
  { name: 'dns', sources: FLOWS, directional: false, help: 'DNS query (suffix match)', normalize: text },
  { name: 'binary', sources: EVENTS, directional: false, help: 'RE2 regular expression on the binary path', normalize: regex },
  { name: 'args', sources: EVENTS, directional: false, help: 'RE2 regular expression on the arguments', normalize: regex },
  { name: 'parent-binary', sources: EVENTS, directional: false, help: 'RE2 regular expression on the parent binary', normalize: regex },
  { name: 'event-type', sources: EVENTS, directional: false, help: 'exec, exit, kprobe, tracepoint, loader, uprobe, throttle, lsm, usdt, test, rate_limit_info', normalize: eventType },
  { name: 'function', sources: EVENTS, directional: false, help: 'kprobe/LSM function, e.g. tcp_connect', normalize: text },
  { name: 'policy', sources: EVENTS, directional: false, help: 'tracing policy name', normalize: text },
  { name: 'capability', sources: EVENTS, directional: false, help: 'effective capability, e.g. CAP_SYS_ADMIN', normalize: capability },
  { name: 'exec-id', sources: EVENTS, directional: false, help: 'process exec_id', normalize: text },
  { name: 'parent-exec-id', sources: EVENTS, directional: false, help: 'parent exec_id', normalize: text },
  { name: 'pid', sources: EVENTS, directional: false, help: 'process id', normalize: integer(0, 4294967295) },
  { name: 'uid', sources: EVENTS, directional: false, help: 'user id', normalize: integer(0, 4294967295) },
  { name: 'container', sources: EVENTS, directional: false, help: 'container name', normalize: text },
  { name: 'image', sources: EVENTS, directional: false, help: 'container image (prefix)', normalize: text },
  { name: 'file', sources: EVENTS, directional: false, help: 'RE2 regular expression on a file argument path', normalize: regex },
];

export function kindsFor(source: QuerySource): KindSpec[] {
  return KINDS.filter((k) => k.sources.includes(source));
}
