import { createHash } from 'node:crypto';
import type { FlowSummary } from '@/lib/domain/records';

/** The map's time unit: counts are kept per key and minute (both backends). */
export const MINUTE_US = 60_000_000;

/**
 * The service map's group key of one flow: everything map-sample.ts needs to know about it,
 * minus its time. Flows with the same key are one row of `flow_map_keys`, and the map reads
 * counts per key instead of rows per flow. The ephemeral side's port is zeroed (a non-reply's
 * source port, a reply's destination port), otherwise every connection would be its own key.
 * Column names are the flows table's, so the q filter's SQL runs unchanged on either table.
 */
export interface FlowMapKeyColumns {
  src_ns: string;
  src_pod: string;
  src_workload: string;
  src_workload_kind: string;
  src_identity: number;
  src_labels: string;
  src_ip: string;
  src_port: number;
  src_service: string;
  dst_ns: string;
  dst_pod: string;
  dst_workload: string;
  dst_workload_kind: string;
  dst_identity: number;
  dst_labels: string;
  dst_ip: string;
  dst_port: number;
  dst_service: string;
  type: string;
  protocol: string;
  verdict: string;
  drop_reason: string;
  encrypted: number;
  auth_type: string;
  policies: string;
  http_method: string;
  http_path: string;
  http_code: number;
  dns_query: string;
  is_reply: number | null;
  direction: string;
}

/** Fixed order: the hash and the INSERT both walk it. */
export const KEY_COLUMNS: readonly (keyof FlowMapKeyColumns)[] = [
  'src_ns', 'src_pod', 'src_workload', 'src_workload_kind', 'src_identity', 'src_labels', 'src_ip', 'src_port', 'src_service',
  'dst_ns', 'dst_pod', 'dst_workload', 'dst_workload_kind', 'dst_identity', 'dst_labels', 'dst_ip', 'dst_port', 'dst_service',
  'type', 'protocol', 'verdict', 'drop_reason', 'encrypted', 'auth_type', 'policies',
  'http_method', 'http_path', 'http_code', 'dns_query', 'is_reply', 'direction',
];

/** "\na\nb\n", as the flows table stores lists; labels keep their source prefix ("k8s:") here. */
export function fence(items: readonly string[]): string {
  return items.length ? `\n${items.join('\n')}\n` : '';
}

export function unfence(s: string): string[] {
  return s ? s.split('\n').filter(Boolean) : [];
}

export function flowMapKeyColumns(f: FlowSummary): FlowMapKeyColumns {
  const reply = f.isReply === true;
  return {
    src_ns: f.source.namespace,
    src_pod: f.source.pod,
    src_workload: f.source.workload,
    src_workload_kind: f.source.workloadKind,
    src_identity: f.source.identity,
    src_labels: fence(f.source.labels),
    src_ip: f.source.ip,
    src_port: reply ? f.source.port : 0,
    src_service: f.source.service,
    dst_ns: f.destination.namespace,
    dst_pod: f.destination.pod,
    dst_workload: f.destination.workload,
    dst_workload_kind: f.destination.workloadKind,
    dst_identity: f.destination.identity,
    dst_labels: fence(f.destination.labels),
    dst_ip: f.destination.ip,
    dst_port: reply ? 0 : f.destination.port,
    dst_service: f.destination.service,
    type: f.type,
    protocol: f.protocol,
    verdict: f.verdict,
    drop_reason: f.dropReason,
    encrypted: f.encrypted ? 1 : 0,
    auth_type: f.authType,
    policies: fence(f.policies),
    http_method: f.httpMethod,
    http_path: f.httpPath,
    http_code: f.httpCode,
    dns_query: f.dnsQuery,
    is_reply: f.isReply === null ? null : reply ? 1 : 0,
    // Where the flow was observed decides how its verdict counts (aggregate-service-map.ts).
    direction: f.direction,
  };
}

/**
 * SHA-256, not a fast hash: flow fields are attacker-chosen, and a collision would merge a
 * hostile connection into an innocent edge.
 */
export function flowMapKeyHash(cols: FlowMapKeyColumns): string {
  return createHash('sha256').update(flowMapKeyText(cols)).digest('base64url');
}

/** The key's exact text (what the hash is of): equal texts, equal keys. */
export function flowMapKeyText(cols: FlowMapKeyColumns): string {
  return JSON.stringify(KEY_COLUMNS.map((c) => cols[c]));
}

/**
 * flowMapKeyText(flowMapKeyColumns(f)), the same text, built without the 31-field object: the
 * writer looks every flow's key up by its text and only interns (needs the columns) a new one.
 * Same order as KEY_COLUMNS (flow-map-key.test.ts holds the two to each other).
 */
export function flowMapKeyTextOf(f: FlowSummary): string {
  const reply = f.isReply === true;
  const s = f.source;
  const d = f.destination;
  return JSON.stringify([
    s.namespace, s.pod, s.workload, s.workloadKind, s.identity, fence(s.labels), s.ip, reply ? s.port : 0, s.service,
    d.namespace, d.pod, d.workload, d.workloadKind, d.identity, fence(d.labels), d.ip, reply ? 0 : d.port, d.service,
    f.type, f.protocol, f.verdict, f.dropReason, f.encrypted ? 1 : 0, f.authType, fence(f.policies),
    f.httpMethod, f.httpPath, f.httpCode, f.dnsQuery, f.isReply === null ? null : reply ? 1 : 0, f.direction,
  ]);
}
