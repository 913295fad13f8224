/**
 * The kinds of the `q` filter language, declared once. Hubble UI's tags
 * `[!][from:|to:|either:]kind=value` extended with Tetragon process kinds. Each entry holds all a
 * kind means (kind-spec.ts): its value parser (kind-values.ts), and per source the live matcher's
 * test, the stored columns both SQL dialects test (stored-columns.ts) and what autocomplete
 * counts. `FilterKind`, `FlowKind` and `EventKind` are derived from it; parse.ts, match.ts and
 * lib/server/store/sql read it. Adding a kind is one entry here (and its tests).
 */
import type { EventSummary, FlowSummary } from '../records';
import { endpointKind, fieldKind, regexKind, type EventSpec, type FlowSpec, type KindEntry, type Side } from './kind-spec';
import * as value from './kind-values';
import { col, eq, fenced, guarded, isSet, nonZero, nonZeroCol, num, podName } from './stored-columns';
import {
  dnsMatches,
  httpStatusMatches,
  ipMatches,
  labelMatches,
  podMatches,
  serviceMatches,
} from './value-match';

export type QuerySource = 'flows' | 'events';

const flowField = (field: (f: FlowSummary) => string, column: string, groupKey?: FlowSpec['groupKey']): FlowSpec => ({
  ...fieldKind(field, column),
  ...(groupKey ? { groupKey } : {}),
});
const eventField = (field: (e: EventSummary) => string, column: string): EventSpec => fieldKind(field, column);

/** An event's socket columns: from: is the local (source) address and port, to: the remote one. */
const sock = (side: Side, what: 'addr' | 'port') => `sock_${side === 'src' ? 's' : 'd'}${what}`;
const HAS_SOCKET = isSet('sock_saddr');

export const KIND_REGISTRY = {
  pod: {
    help: 'namespace/pod-prefix, or pod-prefix in any namespace',
    parse: value.text,
    flows: endpointKind(
      (e, v) => podMatches(e.namespace, e.pod, v),
      (s) => ({ op: 'pod', ns: `${s}_ns`, pod: `${s}_pod` }),
      (s) => podName(`${s}_ns`, `${s}_pod`),
      'indexed',
    ),
    events: {
      test: (v) => (e) => podMatches(e.namespace, e.pod, v),
      where: () => ({ op: 'pod', ns: 'namespace', pod: 'pod' }),
      shown: () => podName('namespace', 'pod'),
    },
  },
  namespace: {
    help: 'Kubernetes namespace',
    parse: value.text,
    flows: endpointKind((e, v) => e.namespace === v, (s) => eq(`${s}_ns`), (s) => col(`${s}_ns`), 'indexed'),
    events: eventField((e) => e.namespace, 'namespace'),
  },
  workload: {
    help: 'workload name (deployment, daemonset…)',
    parse: value.text,
    flows: endpointKind((e, v) => e.workload === v, (s) => eq(`${s}_workload`), (s) => col(`${s}_workload`), 'lookup'),
    events: eventField((e) => e.workload, 'workload'),
  },
  label: {
    help: 'pod label key=value or key',
    parse: value.label,
    flows: endpointKind((e, v) => labelMatches(e.labels, v), (s) => ({ op: 'label', col: `${s}_labels` }), (s) => col(`${s}_labels`, '\n'), 'lookup'),
    events: {
      test: (v) => (e) => labelMatches(e.labels, v),
      where: () => ({ op: 'label', col: 'labels' }),
      shown: () => col('labels', '\n'),
    },
  },
  node: {
    help: 'node name',
    parse: value.text,
    flows: flowField((f) => f.node, 'node'),
    events: eventField((e) => e.node, 'node'),
  },
  ip: {
    help: 'IP address or CIDR',
    parse: value.ip,
    flows: endpointKind((e, v) => ipMatches(e.ip, v), (s) => ({ op: 'ip', col: `${s}_ip`, int4: `${s}_ip4` }), (s) => col(`${s}_ip`), 'indexed'),
    events: {
      sided: true,
      test: (v, s) => (s === 'src' ? (e) => ipMatches(e.sock?.saddr ?? '', v) : (e) => ipMatches(e.sock?.daddr ?? '', v)),
      where: (s) => ({ op: 'ip', col: sock(s, 'addr'), int4: `${sock(s, 'addr')}4` }),
      shown: (s) => col(sock(s, 'addr')),
    },
  },
  port: {
    help: 'L4 port',
    parse: value.port,
    flows: endpointKind((e, v) => e.port === Number(v), (s) => num(`${s}_port`), (s) => nonZero(`${s}_port`)),
    events: {
      sided: true,
      test: (v, s) => (s === 'src' ? (e) => e.sock?.sport === Number(v) : (e) => e.sock?.dport === Number(v)),
      where: (s) => guarded(HAS_SOCKET, num(sock(s, 'port'))),
      shown: (s) => ({ op: 'when', guard: HAS_SOCKET, col: sock(s, 'port'), num: true }),
    },
  },
  id: {
    help: 'flow uuid or event id',
    parse: value.text,
    flows: { ...flowField((f) => f.id, 'id'), shown: null },
    events: { ...eventField((e) => e.id, 'id'), shown: null },
  },
  identity: {
    help: 'Cilium security identity',
    parse: value.uint32,
    flows: endpointKind((e, v) => e.identity === Number(v), (s) => num(`${s}_identity`), (s) => nonZero(`${s}_identity`), 'lookup'),
  },
  service: {
    help: 'Kubernetes service namespace/name or name',
    parse: value.text,
    flows: endpointKind((e, v) => serviceMatches(e.service, v), (s) => ({ op: 'service', col: `${s}_service` }), (s) => col(`${s}_service`), 'lookup'),
  },
  verdict: { help: 'FORWARDED, DROPPED…', parse: value.verdict, flows: flowField((f) => f.verdict, 'verdict', 'lookup') },
  'drop-reason': { help: 'drop reason, e.g. POLICY_DENIED', parse: value.upperText, flows: flowField((f) => f.dropReason, 'drop_reason', 'lookup') },
  type: {
    help: 'L3_L4, L7, SOCK; LOST_EVENTS, NODE_STATUS for the notices',
    parse: value.flowType,
    flows: flowField((f) => f.type, 'type', 'lookup'),
  },
  protocol: { help: 'TCP, UDP, ICMPv4, ICMPv6, SCTP, VRRP, IGMP', parse: value.protocol, flows: flowField((f) => f.protocol, 'protocol', 'lookup') },
  direction: { help: 'INGRESS, EGRESS', parse: value.trafficDirection, flows: flowField((f) => f.direction, 'direction', 'lookup') },
  'tcp-flag': {
    help: 'SYN, ACK, FIN, RST…',
    parse: value.tcpFlag,
    flows: { test: (v) => (f) => f.tcpFlags.includes(v), where: () => fenced('tcp_flags', ','), shown: () => col('tcp_flags', ',') },
  },
  reply: {
    help: 'true or false',
    parse: value.bool,
    flows: {
      test: (v) => (f) => f.isReply === (v === 'true'),
      where: () => ({ op: 'bool', col: 'is_reply' }),
      shown: () => ({ op: 'bool', col: 'is_reply' }),
      groupKey: 'lookup',
    },
  },
  'http-method': { help: 'GET, PUT…', parse: value.upperText, flows: flowField((f) => f.httpMethod, 'http_method', 'lookup') },
  'http-path': {
    help: 'RE2 regular expression on the URL path',
    parse: value.regex,
    flows: {
      ...regexKind<FlowSummary>((f) => f.httpPath, 'http_path', { set: (f) => f.httpMethod !== '', col: 'http_method' }),
      shown: () => ({ op: 'when', guard: isSet('http_method'), col: 'http_path' }),
      groupKey: 'lookup',
    },
  },
  'http-status': {
    help: '404, or 5+ for a class',
    parse: value.httpStatus,
    flows: {
      test: (v) => (f) => f.httpCode !== 0 && httpStatusMatches(f.httpCode, v),
      where: () => guarded(nonZeroCol('http_code'), { op: 'http-status', col: 'http_code' }),
      shown: () => nonZero('http_code'),
      groupKey: 'lookup',
    },
  },
  dns: {
    help: 'DNS query (suffix match)',
    parse: value.text,
    flows: {
      test: (v) => (f) => dnsMatches(f.dnsQuery, v),
      where: () => ({ op: 'dns', col: 'dns_query', norm: 'dns_norm' }),
      shown: () => col('dns_query'),
      groupKey: 'lookup',
    },
  },
  binary: { help: 'RE2 regular expression on the binary path', parse: value.regex, events: regexKind<EventSummary>((e) => e.binary, 'binary') },
  args: { help: 'RE2 regular expression on the arguments', parse: value.regex, events: regexKind<EventSummary>((e) => e.args, 'args') },
  'parent-binary': {
    help: 'RE2 regular expression on the parent binary',
    parse: value.regex,
    events: regexKind<EventSummary>((e) => e.parentBinary, 'parent_binary'),
  },
  'event-type': {
    help: 'exec, exit, kprobe, tracepoint, loader, uprobe, throttle, lsm, usdt, test, rate_limit_info',
    parse: value.eventType,
    events: { ...eventField((e) => e.kind, 'kind'), shown: () => ({ op: 'event-kind', col: 'kind' }) },
  },
  function: { help: 'kprobe/LSM function, e.g. tcp_connect', parse: value.text, events: eventField((e) => e.functionName, 'function_name') },
  policy: { help: 'tracing policy name', parse: value.text, events: eventField((e) => e.policyName, 'policy_name') },
  capability: {
    help: 'effective capability, e.g. CAP_SYS_ADMIN',
    parse: value.capability,
    events: {
      test: (v) => (e) => e.capabilities.includes(v),
      where: () => fenced('capabilities', '\n'),
      shown: () => col('capabilities', '\n'),
    },
  },
  'exec-id': { help: 'process exec_id', parse: value.text, events: eventField((e) => e.execId, 'exec_id') },
  'parent-exec-id': { help: 'parent exec_id', parse: value.text, events: eventField((e) => e.parentExecId, 'parent_exec_id') },
  pid: {
    help: 'process id',
    parse: value.uint32,
    events: { test: (v) => (e) => e.pid === Number(v), where: () => num('pid'), shown: () => nonZero('pid') },
  },
  uid: {
    help: 'user id',
    parse: value.uint32,
    events: { test: (v) => (e) => e.uid === Number(v), where: () => num('uid'), shown: () => ({ op: 'known', col: 'uid' }) },
  },
  container: { help: 'container name', parse: value.text, events: eventField((e) => e.container, 'container') },
  image: {
    help: 'container image (prefix)',
    parse: value.text,
    events: { test: (v) => (e) => e.image.startsWith(v), where: () => ({ op: 'prefix', col: 'image' }), shown: () => col('image') },
  },
  file: {
    help: 'RE2 regular expression on a file argument path',
    parse: value.regex,
    events: regexKind<EventSummary>((e) => e.filePath, 'file_path', { set: (e) => e.filePath !== '', col: 'file_path' }),
  },
} satisfies Record<string, KindEntry>;

type Registry = typeof KIND_REGISTRY;
/** Every `q` kind's name. */
export type FilterKind = keyof Registry;
/** The kinds a source has: the entries with a spec for it. */
export type KindOf<S extends QuerySource> = { [K in FilterKind]: Registry[K] extends Record<S, object> ? K : never }[FilterKind];
export type FlowKind = KindOf<'flows'>;
export type EventKind = KindOf<'events'>;

/** One kind as the parser, autocomplete and help list see it. */
export interface KindSpec {
  name: FilterKind;
  sources: readonly QuerySource[];
  directional: boolean; // accepts from:/to:/either: (a source's spec is sided)
  help: string;
  /** Returns the normalised value, or throws an Error whose message says what is expected. */
  normalize(value: string): string;
}

const SOURCES: readonly QuerySource[] = ['flows', 'events'];

export const KINDS: readonly KindSpec[] = (Object.keys(KIND_REGISTRY) as FilterKind[]).map((name) => {
  const entry: KindEntry = KIND_REGISTRY[name];
  return {
    name,
    sources: SOURCES.filter((s) => entry[s] !== undefined),
    directional: SOURCES.some((s) => entry[s]?.sided),
    help: entry.help,
    normalize: entry.parse,
  };
});

export function kindsFor(source: QuerySource): KindSpec[] {
  return KINDS.filter((k) => k.sources.includes(source));
}

export function isFilterKind(name: string): name is FilterKind {
  return Object.hasOwn(KIND_REGISTRY, name);
}

/** The flows spec of a kind (the parser admits only kinds of the query's source). */
export function flowSpec(kind: FilterKind): FlowSpec {
  const entry: KindEntry = KIND_REGISTRY[kind];
  const spec = entry.flows;
  if (!spec) throw new Error(`"${kind}" is not a flows filter kind`);
  return spec;
}

export function eventSpec(kind: FilterKind): EventSpec {
  const entry: KindEntry = KIND_REGISTRY[kind];
  const spec = entry.events;
  if (!spec) throw new Error(`"${kind}" is not an events filter kind`);
  return spec;
}
