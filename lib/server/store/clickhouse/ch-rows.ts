import { fencedLabels, ipv4ToInt } from '@/lib/domain/query/value-match';
import type { FlowEndpointSummary, FlowSummary } from '@/lib/domain/records';
import type { EventRecord, FlowRecord } from '../store';
import { fence, type FlowMapKeyColumns } from '../sql/flow-map-key';

/**
 * Records → TabSeparated rows for the flows, events and map tables (schema.ts), column by
 * column with the SQLite store's encodings (fenced lists, ",SYN,ACK," flags) so the two stores
 * filter alike; NULL becomes -1 (is_reply, uid) and derived columns are computed here once.
 */
type Value = string | number;
type Column<T> = readonly [name: string, value: (row: T) => Value];

export interface StampedFlow {
  rec: FlowRecord;
  seq: number;
  origin: string;
  mapKey: string;
}

export interface StampedEvent {
  rec: EventRecord;
  seq: number;
  origin: string;
}

const ip4 = (ip: string): number => (ip ? (ipv4ToInt(ip) ?? -1) : -1);

export function dnsNorm(query: string): string {
  return query.toLowerCase().replace(/\.$/, '');
}

function endpoint(side: 'src' | 'dst', pick: (f: FlowSummary) => FlowEndpointSummary): Column<StampedFlow>[] {
  const e = (r: StampedFlow) => pick(r.rec.summary);
  return [
    [`${side}_ns`, (r) => e(r).namespace],
    [`${side}_pod`, (r) => e(r).pod],
    [`${side}_workload`, (r) => e(r).workload],
    [`${side}_workload_kind`, (r) => e(r).workloadKind],
    [`${side}_identity`, (r) => e(r).identity],
    [`${side}_labels`, (r) => fencedLabels(e(r).labels)],
    [`${side}_ip`, (r) => e(r).ip],
    [`${side}_ip4`, (r) => ip4(e(r).ip)],
    [`${side}_port`, (r) => e(r).port],
    [`${side}_service`, (r) => e(r).service],
  ];
}

const FLOW: readonly Column<StampedFlow>[] = [
  ['ts', (r) => r.rec.summary.ts],
  ['id', (r) => r.rec.summary.id],
  ['seq', (r) => r.seq],
  ['origin', (r) => r.origin],
  ['node', (r) => r.rec.summary.node],
  ['verdict', (r) => r.rec.summary.verdict],
  ['drop_reason', (r) => r.rec.summary.dropReason],
  ['type', (r) => r.rec.summary.type],
  ['protocol', (r) => r.rec.summary.protocol],
  ['tcp_flags', (r) => (r.rec.summary.tcpFlags.length ? `,${r.rec.summary.tcpFlags.join(',')},` : '')],
  ['direction', (r) => r.rec.summary.direction],
  ['is_reply', (r) => (r.rec.summary.isReply === null ? -1 : r.rec.summary.isReply ? 1 : 0)],
  ...endpoint('src', (f) => f.source),
  ...endpoint('dst', (f) => f.destination),
  ['http_method', (r) => r.rec.summary.httpMethod],
  ['http_path', (r) => r.rec.summary.httpPath],
  ['http_code', (r) => r.rec.summary.httpCode],
  ['dns_query', (r) => r.rec.summary.dnsQuery],
  ['dns_norm', (r) => dnsNorm(r.rec.summary.dnsQuery)],
  ['encrypted', (r) => (r.rec.summary.encrypted ? 1 : 0)],
  ['auth_type', (r) => r.rec.summary.authType],
  ['policies', (r) => fence(r.rec.summary.policies)],
  ['map_key', (r) => r.mapKey],
  ['json', (r) => r.rec.json],
];

const EVENT: readonly Column<StampedEvent>[] = [
  ['ts', (r) => r.rec.summary.ts],
  ['id', (r) => r.rec.summary.id],
  ['seq', (r) => r.seq],
  ['origin', (r) => r.origin],
  ['node', (r) => r.rec.summary.node],
  ['kind', (r) => r.rec.summary.kind],
  ['namespace', (r) => r.rec.summary.namespace],
  ['pod', (r) => r.rec.summary.pod],
  ['container', (r) => r.rec.summary.container],
  ['image', (r) => r.rec.summary.image],
  ['workload', (r) => r.rec.summary.workload],
  ['labels', (r) => fencedLabels(r.rec.summary.labels)],
  ['binary', (r) => r.rec.summary.binary],
  ['args', (r) => r.rec.summary.args],
  ['parent_binary', (r) => r.rec.summary.parentBinary],
  ['exec_id', (r) => r.rec.summary.execId],
  ['parent_exec_id', (r) => r.rec.summary.parentExecId],
  ['pid', (r) => r.rec.summary.pid],
  ['uid', (r) => r.rec.summary.uid ?? -1],
  ['function_name', (r) => r.rec.summary.functionName],
  ['policy_name', (r) => r.rec.summary.policyName],
  ['capabilities', (r) => fence(r.rec.summary.capabilities)],
  ['sock_saddr', (r) => r.rec.summary.sock?.saddr ?? ''],
  ['sock_daddr', (r) => r.rec.summary.sock?.daddr ?? ''],
  ['sock_saddr4', (r) => ip4(r.rec.summary.sock?.saddr ?? '')],
  ['sock_daddr4', (r) => ip4(r.rec.summary.sock?.daddr ?? '')],
  ['sock_sport', (r) => r.rec.summary.sock?.sport ?? 0],
  ['sock_dport', (r) => r.rec.summary.sock?.dport ?? 0],
  ['file_path', (r) => r.rec.summary.filePath],
  ['json', (r) => r.rec.json],
];

export const FLOW_INSERT_COLUMNS = FLOW.map(([c]) => c);
export const EVENT_INSERT_COLUMNS = EVENT.map(([c]) => c);

export function flowRow(r: StampedFlow): Value[] {
  return FLOW.map(([, v]) => v(r));
}

export function eventRow(r: StampedEvent): Value[] {
  return EVENT.map(([, v]) => v(r));
}

/** One map group (sqlite/flow-map-key.ts) counted over some flows of one minute. */
export interface MapCount {
  minute: number;
  key: string;
  cols: FlowMapKeyColumns;
  n: number;
  first: number;
  last: number;
}

const keyEndpoint = (side: 'src' | 'dst'): Column<MapCount>[] => [
  [`${side}_ns`, (m) => m.cols[`${side}_ns`]],
  [`${side}_pod`, (m) => m.cols[`${side}_pod`]],
  [`${side}_workload`, (m) => m.cols[`${side}_workload`]],
  [`${side}_workload_kind`, (m) => m.cols[`${side}_workload_kind`]],
  [`${side}_identity`, (m) => m.cols[`${side}_identity`]],
  // The map shows labels as sent ("k8s:app=x"); the filter reads them stripped, as on flows.
  [`${side}_labels`, (m) => fencedLabels(m.cols[`${side}_labels`].split('\n').filter(Boolean))],
  [`${side}_labels_raw`, (m) => m.cols[`${side}_labels`]],
  [`${side}_ip`, (m) => m.cols[`${side}_ip`]],
  [`${side}_ip4`, (m) => ip4(m.cols[`${side}_ip`])],
  [`${side}_port`, (m) => m.cols[`${side}_port`]],
  [`${side}_service`, (m) => m.cols[`${side}_service`]],
];

const MAP: readonly Column<MapCount>[] = [
  ['minute', (m) => m.minute],
  ['map_key', (m) => m.key],
  ...keyEndpoint('src'),
  ...keyEndpoint('dst'),
  ['type', (m) => m.cols.type],
  ['protocol', (m) => m.cols.protocol],
  ['verdict', (m) => m.cols.verdict],
  ['drop_reason', (m) => m.cols.drop_reason],
  ['encrypted', (m) => m.cols.encrypted],
  ['auth_type', (m) => m.cols.auth_type],
  ['policies', (m) => m.cols.policies],
  ['http_method', (m) => m.cols.http_method],
  ['http_path', (m) => m.cols.http_path],
  ['http_code', (m) => m.cols.http_code],
  ['dns_query', (m) => m.cols.dns_query],
  ['dns_norm', (m) => dnsNorm(m.cols.dns_query)],
  ['is_reply', (m) => m.cols.is_reply ?? -1],
  ['direction', (m) => m.cols.direction],
  ['n', (m) => m.n],
  ['first_ts', (m) => m.first],
  ['last_ts', (m) => m.last],
];

export const MAP_INSERT_COLUMNS = MAP.map(([c]) => c);

export function mapRow(m: MapCount): Value[] {
  return MAP.map(([, v]) => v(m));
}

