import type { ParsedQuery } from '@/lib/domain/query/parse';
import type { MapEndpointSample, MapFlowSample } from '@/lib/domain/service-map/map-sample';
import type { MapSampleQuery, MapSampleResult } from '../store';
import { MINUTE_US } from '../sqlite/flow-map-index';
import { unfence } from '../sqlite/flow-map-key';
import type { ChContext } from './ch-context';
import { queryToClickHouse } from './ch-filter';
import { ch } from './ch-sql';

/**
 * The service map's samples, as sqlite/map-samples.ts computes them: whole minutes of the
 * window from the per-minute rollup (flow_map_minutes), the partial minutes at its edges from
 * the flow rows by their map_key, any q with a term outside the group key from the rows of the
 * whole window. Ties in count are broken by the group's first flow, then its key (SQLite breaks
 * them by the order keys were first stored, which is the same order for data stored in time order).
 */
const KEY_KINDS = new Set([
  'pod', 'namespace', 'workload', 'label', 'ip', 'identity', 'service', 'verdict', 'drop-reason',
  'type', 'protocol', 'reply', 'http-method', 'http-path', 'http-status', 'dns', 'direction',
]);

const KEY_FIELDS = [
  'src_ns', 'src_pod', 'src_workload', 'src_workload_kind', 'src_identity', 'src_labels_raw', 'src_ip', 'src_port', 'src_service',
  'dst_ns', 'dst_pod', 'dst_workload', 'dst_workload_kind', 'dst_identity', 'dst_labels_raw', 'dst_ip', 'dst_port', 'dst_service',
  'type', 'protocol', 'verdict', 'drop_reason', 'encrypted', 'auth_type', 'policies',
  'http_method', 'http_path', 'http_code', 'dns_query', 'is_reply', 'direction',
] as const;

type KeyRow = Record<(typeof KEY_FIELDS)[number], string> & { map_key: string };

interface Group {
  n: number;
  first: number;
  last: number;
}

function endpoint(r: KeyRow, side: 'src' | 'dst'): MapEndpointSample {
  return {
    namespace: r[`${side}_ns`],
    pod: r[`${side}_pod`],
    workload: r[`${side}_workload`],
    workloadKind: r[`${side}_workload_kind`],
    identity: Number(r[`${side}_identity`]),
    labels: unfence(r[`${side}_labels_raw`]),
    ip: r[`${side}_ip`],
    service: r[`${side}_service`],
    port: Number(r[`${side}_port`]),
  };
}

function toSample(k: KeyRow, g: Group): MapFlowSample {
  const reply = Number(k.is_reply);
  return {
    source: endpoint(k, 'src'),
    destination: endpoint(k, 'dst'),
    protocol: k.protocol,
    verdict: k.verdict,
    dropReason: k.drop_reason,
    encrypted: Number(k.encrypted) === 1,
    authType: k.auth_type,
    policies: unfence(k.policies),
    httpMethod: k.http_method,
    httpPath: k.http_path,
    httpCode: Number(k.http_code),
    dnsQuery: k.dns_query,
    isReply: reply < 0 ? null : reply === 1,
    direction: k.direction,
    ts: g.first,
    count: g.n,
    lastTs: g.last,
  };
}

function rollupAnswers(q: ParsedQuery | null): boolean {
  return !q || q.terms.every((t) => KEY_KINDS.has(t.kind));
}

export async function mapSamples(ctx: ChContext, query: MapSampleQuery): Promise<MapSampleResult> {
  const sinceUs = Math.max(query.sinceUs, await ctx.floor());
  const { untilUs } = query;
  const filter = queryToClickHouse(query.q);
  const groups = new Map<string, Group>();
  const merge = (rows: { k: string; n: string; f: string; l: string }[]) => {
    for (const r of rows) {
      const g = groups.get(r.k);
      const n = Number(r.n);
      const f = Number(r.f);
      const l = Number(r.l);
      if (!g) groups.set(r.k, { n, first: f, last: l });
      else {
        g.n += n;
        g.first = Math.min(g.first, f);
        g.last = Math.max(g.last, l);
      }
    }
  };
  const fromRows = async (lo: number, hi: number) => {
    if (lo > hi) return;
    merge(
      await ctx.db.rows(
        `SELECT map_key AS k, count() AS n, min(ts) AS f, max(ts) AS l FROM flows
         WHERE ts >= ${lo} AND ts <= ${hi} AND (${filter}) GROUP BY map_key`,
      ),
    );
  };

  // Minutes [first, end) lie wholly inside [sinceUs, untilUs].
  const first = Math.ceil(sinceUs / MINUTE_US);
  const end = Math.floor((untilUs + 1) / MINUTE_US);
  if (rollupAnswers(query.q) && end > first) {
    merge(
      await ctx.db.rows(
        `SELECT map_key AS k, sumMerge(n) AS n, minMerge(first_ts) AS f, maxMerge(last_ts) AS l FROM flow_map_minutes
         WHERE minute >= ${first} AND minute < ${end} AND (${filter}) GROUP BY map_key`,
      ),
    );
    await fromRows(sinceUs, first * MINUTE_US - 1);
    await fromRows(end * MINUTE_US, untilUs);
  } else {
    await fromRows(sinceUs, untilUs);
  }

  const ranked = [...groups.entries()].sort(([ka, a], [kb, b]) => b.n - a.n || a.first - b.first || (ka < kb ? -1 : ka > kb ? 1 : 0));
  const kept = ranked.slice(0, query.maxGroups);
  const keys = new Map<string, KeyRow>();
  if (kept.length) {
    // Every stored flow was counted into its minute, so the rollup knows each key's columns.
    const rows = await ctx.db.rows<KeyRow>(
      `SELECT map_key, ${KEY_FIELDS.map((c) => `any(${c}) AS ${c}`).join(', ')} FROM flow_map_minutes
       WHERE minute >= ${Math.floor(sinceUs / MINUTE_US)} AND minute <= ${Math.floor(untilUs / MINUTE_US)}
         AND ${ch`map_key IN ${kept.map(([k]) => k)}`}
       GROUP BY map_key`,
    );
    for (const r of rows) keys.set(r.map_key, r);
  }
  const samples: MapFlowSample[] = [];
  for (const [k, g] of kept) {
    const row = keys.get(k);
    if (row) samples.push(toSample(row, g));
  }
  return { samples, truncated: ranked.length > kept.length };
}
