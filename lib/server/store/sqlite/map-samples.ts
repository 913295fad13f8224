import type { ParsedQuery } from '@/lib/domain/query/parse';
import type { MapEndpointSample, MapFlowSample } from '@/lib/domain/service-map/map-sample';
import type { MapSampleQuery, MapSampleResult } from '../store';
import { MINUTE_US } from './flow-map-index';
import type { FlowMapKeyColumns } from './flow-map-key';
import { unfence } from './flow-map-key';
import { queryToSql } from './sql-filter';

/**
 * The service map's samples (map-sample.ts): the window's flows counted per group key
 * (flow-map-key.ts). Whole minutes come from the per-minute rollup, the partial minutes at both
 * edges from the flow rows through the (ts, map_key) index; a q whose terms all test key columns
 * runs on the keys table, any other q (node, port, tcp-flag, …) on the rows of the whole window.
 */
type Run = <T>(sql: string, ...params: unknown[]) => T[];

/** q kinds whose columns are part of the group key, so the rollup can answer them. */
const KEY_KINDS = new Set([
  'pod', 'namespace', 'workload', 'label', 'ip', 'identity', 'service', 'verdict', 'drop-reason',
  'type', 'protocol', 'reply', 'http-method', 'http-path', 'http-status', 'dns', 'direction',
]);

interface GroupRow {
  key_id: number;
  n: number;
  first_ts: number;
  last_ts: number;
}

type KeyRow = FlowMapKeyColumns & { key_id: number };

function rollupAnswers(q: ParsedQuery | null): boolean {
  return !q || q.terms.every((t) => KEY_KINDS.has(t.kind));
}

function endpoint(r: KeyRow, side: 'src' | 'dst'): MapEndpointSample {
  return {
    namespace: r[`${side}_ns`],
    pod: r[`${side}_pod`],
    workload: r[`${side}_workload`],
    workloadKind: r[`${side}_workload_kind`],
    identity: r[`${side}_identity`],
    labels: unfence(r[`${side}_labels`]),
    ip: r[`${side}_ip`],
    service: r[`${side}_service`],
    port: r[`${side}_port`],
  };
}

function toSample(k: KeyRow, g: GroupRow): MapFlowSample {
  return {
    source: endpoint(k, 'src'),
    destination: endpoint(k, 'dst'),
    protocol: k.protocol,
    verdict: k.verdict,
    dropReason: k.drop_reason,
    encrypted: k.encrypted === 1,
    authType: k.auth_type,
    policies: unfence(k.policies),
    httpMethod: k.http_method,
    httpPath: k.http_path,
    httpCode: k.http_code,
    dnsQuery: k.dns_query,
    isReply: k.is_reply === null ? null : k.is_reply === 1,
    direction: k.direction,
    ts: g.first_ts,
    count: g.n,
    lastTs: g.last_ts,
  };
}

export function mapSamples(run: Run, query: MapSampleQuery): MapSampleResult {
  const { sinceUs, untilUs } = query;
  const filter = queryToSql(query.q);
  // On flow rows, terms on key columns go through the key: rows leave those columns empty (rows.ts).
  const rowFilter = queryToSql(query.q, { mapKey: true });
  const groups = new Map<number, GroupRow>();
  const merge = (rows: GroupRow[]) => {
    for (const r of rows) {
      const g = groups.get(r.key_id);
      if (!g) groups.set(r.key_id, { ...r });
      else {
        g.n += r.n;
        g.first_ts = Math.min(g.first_ts, r.first_ts);
        g.last_ts = Math.max(g.last_ts, r.last_ts);
      }
    }
  };
  const fromRows = (lo: number, hi: number) => {
    if (lo > hi) return;
    merge(
      run<GroupRow>(
        `SELECT map_key AS key_id, COUNT(*) AS n, MIN(ts) AS first_ts, MAX(ts) AS last_ts
         FROM flows INDEXED BY flows_map_key WHERE ts >= ? AND ts <= ? AND (${rowFilter.sql}) GROUP BY map_key`,
        lo,
        hi,
        ...rowFilter.params,
      ),
    );
  };

  // Minutes [first, end) lie wholly inside [sinceUs, untilUs].
  const first = Math.ceil(sinceUs / MINUTE_US);
  const end = Math.floor((untilUs + 1) / MINUTE_US);
  if (rollupAnswers(query.q) && end > first) {
    merge(
      run<GroupRow>(
        `SELECT m.key_id AS key_id, SUM(m.n) AS n, MIN(m.first_ts) AS first_ts, MAX(m.last_ts) AS last_ts
         FROM flow_map_minutes m JOIN flow_map_keys k ON k.key_id = m.key_id
         WHERE m.minute >= ? AND m.minute < ? AND (${filter.sql}) GROUP BY m.key_id`,
        first,
        end,
        ...filter.params,
      ),
    );
    fromRows(sinceUs, first * MINUTE_US - 1);
    fromRows(end * MINUTE_US, untilUs);
  } else {
    fromRows(sinceUs, untilUs);
  }

  const ranked = [...groups.values()].sort((a, b) => b.n - a.n || a.key_id - b.key_id);
  const kept = ranked.slice(0, query.maxGroups);
  const keys = new Map<number, KeyRow>();
  for (const k of run<KeyRow>('SELECT * FROM flow_map_keys WHERE key_id IN (SELECT value FROM json_each(?))', JSON.stringify(kept.map((g) => g.key_id)))) {
    keys.set(k.key_id, k);
  }
  const samples: MapFlowSample[] = [];
  for (const g of kept) {
    const k = keys.get(g.key_id);
    if (k) samples.push(toSample(k, g));
  }
  return { samples, truncated: ranked.length > kept.length };
}
