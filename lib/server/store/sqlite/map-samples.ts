import type { MapEndpointSample, MapFlowSample } from '@/lib/domain/service-map/map-sample';
import type { MapSampleQuery, MapSampleResult } from '../store';
import { queryToSql } from './sql-filter';

/**
 * The service map's input as one GROUP BY over the flow columns: one row per distinct
 * (source endpoint, destination endpoint, port, protocol, verdict, L7 endpoint, security)
 * combination in the time window, with its count and first/last time. The contract is
 * map-sample.ts's: a non-reply's source port is the client's ephemeral port and a reply's
 * destination port is, so both are zeroed in the key, or every connection would be its own group.
 * IPs are not part of the key (a pod has one; world's remote addresses would explode the groups):
 * each group reports its smallest.
 *
 * Speed: the time range is read through flows_ts (ts, seq) and the grouping happens in SQLite's
 * temp b-tree, so only the window's rows are touched.
 */
const SIDES = (side: 'src' | 'dst') =>
  [`${side}_ns`, `${side}_pod`, `${side}_workload`, `${side}_workload_kind`, `${side}_identity`, `${side}_labels`, `${side}_service`].join(', ');

const KEY = [
  SIDES('src'),
  'src_port_key',
  SIDES('dst'),
  'dst_port_key',
  'protocol, verdict, drop_reason, encrypted, auth_type, policies',
  'http_method, http_path, http_code, dns_query, is_reply',
].join(', ');

function sampleSql(filterSql: string): string {
  return `
SELECT ${SIDES('src')}, MIN(src_ip) AS src_ip,
  CASE WHEN is_reply IS 1 THEN src_port ELSE 0 END AS src_port_key,
  ${SIDES('dst')}, MIN(dst_ip) AS dst_ip,
  CASE WHEN is_reply IS 1 THEN 0 ELSE dst_port END AS dst_port_key,
  protocol, verdict, drop_reason, encrypted, auth_type, policies,
  http_method, http_path, http_code, dns_query, is_reply,
  COUNT(*) AS n, MIN(ts) AS first_ts, MAX(ts) AS last_ts
FROM flows INDEXED BY flows_map
WHERE ts >= ? AND ts <= ? AND (${filterSql})
GROUP BY ${KEY}
ORDER BY n DESC
LIMIT ?`;
}

export interface SampleRow {
  src_ns: string;
  src_pod: string;
  src_workload: string;
  src_workload_kind: string;
  src_identity: number;
  src_labels: string;
  src_service: string;
  src_ip: string;
  src_port_key: number;
  dst_ns: string;
  dst_pod: string;
  dst_workload: string;
  dst_workload_kind: string;
  dst_identity: number;
  dst_labels: string;
  dst_service: string;
  dst_ip: string;
  dst_port_key: number;
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
  n: number;
  first_ts: number;
  last_ts: number;
}

/** "\na\nb\n" → ["a", "b"]. */
function unfence(s: string): string[] {
  return s ? s.split('\n').filter(Boolean) : [];
}

function endpoint(r: SampleRow, side: 'src' | 'dst'): MapEndpointSample {
  return {
    namespace: r[`${side}_ns`],
    pod: r[`${side}_pod`],
    workload: r[`${side}_workload`],
    workloadKind: r[`${side}_workload_kind`],
    identity: r[`${side}_identity`],
    labels: unfence(r[`${side}_labels`]),
    ip: r[`${side}_ip`],
    service: r[`${side}_service`],
    port: r[`${side}_port_key`],
  };
}

export function rowToSample(r: SampleRow): MapFlowSample {
  return {
    source: endpoint(r, 'src'),
    destination: endpoint(r, 'dst'),
    protocol: r.protocol,
    verdict: r.verdict,
    dropReason: r.drop_reason,
    encrypted: r.encrypted === 1,
    authType: r.auth_type,
    policies: unfence(r.policies),
    httpMethod: r.http_method,
    httpPath: r.http_path,
    httpCode: r.http_code,
    dnsQuery: r.dns_query,
    isReply: r.is_reply === null ? null : r.is_reply === 1,
    ts: r.first_ts,
    count: r.n,
    lastTs: r.last_ts,
  };
}

export function mapSamples(run: <T>(sql: string, ...params: unknown[]) => T[], query: MapSampleQuery): MapSampleResult {
  const filter = queryToSql(query.q);
  const rows = run<SampleRow>(sampleSql(filter.sql), query.sinceUs, query.untilUs, ...filter.params, query.maxGroups + 1);
  const truncated = rows.length > query.maxGroups;
  return { samples: (truncated ? rows.slice(0, query.maxGroups) : rows).map(rowToSample), truncated };
}
