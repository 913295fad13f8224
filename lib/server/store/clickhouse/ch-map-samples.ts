import { MINUTE_US, type FlowMapKeyColumns } from '../sql/flow-map-key';
import type { MapSampleQuery, MapSampleResult } from '../store';
import { rollupAnswers } from '../sql/filter-where';
import { GroupCounts, planWindow, sampleOf } from '../sql/map-groups';
import type { ChContext } from './ch-context';
import { queryToClickHouse } from './ch-filter';
import { ch } from './ch-sql';

/**
 * The service map's samples in ClickHouse, as sqlite/map-samples.ts computes them (the shared part
 * is ../sql/map-groups.ts): whole minutes of the window from the per-minute rollup
 * (flow_map_minutes), the partial minutes at its edges from the flow rows by their map_key, any q
 * with a term outside the group key from the rows of the whole window. Ties in count are broken
 * by the group's first flow, then its key (SQLite breaks them by the order keys were first stored,
 * which is the same order for data stored in time order).
 */
const KEY_FIELDS = [
  'src_ns', 'src_pod', 'src_workload', 'src_workload_kind', 'src_identity', 'src_labels_raw', 'src_ip', 'src_port', 'src_service',
  'dst_ns', 'dst_pod', 'dst_workload', 'dst_workload_kind', 'dst_identity', 'dst_labels_raw', 'dst_ip', 'dst_port', 'dst_service',
  'type', 'protocol', 'verdict', 'drop_reason', 'encrypted', 'auth_type', 'policies',
  'http_method', 'http_path', 'http_code', 'dns_query', 'is_reply', 'direction',
] as const;

type KeyRow = Record<(typeof KEY_FIELDS)[number], string> & { map_key: string };

/**
 * The rollup's key columns as SQLite's flow_map_keys holds them: JSONEachRow gives numbers as
 * strings, labels keep their source prefix in `*_labels_raw`, and an unknown is_reply is -1.
 */
function keyColumns(r: KeyRow): FlowMapKeyColumns {
  const reply = Number(r.is_reply);
  return {
    ...r,
    src_identity: Number(r.src_identity),
    src_labels: r.src_labels_raw,
    src_port: Number(r.src_port),
    dst_identity: Number(r.dst_identity),
    dst_labels: r.dst_labels_raw,
    dst_port: Number(r.dst_port),
    encrypted: Number(r.encrypted),
    http_code: Number(r.http_code),
    is_reply: reply < 0 ? null : reply,
  };
}

export async function mapSamples(ctx: ChContext, query: MapSampleQuery): Promise<MapSampleResult> {
  const sinceUs = Math.max(query.sinceUs, await ctx.floor());
  const { untilUs } = query;
  const filter = queryToClickHouse(query.q);
  const groups = new GroupCounts<string>();
  const merge = (rows: { k: string; n: string; f: string; l: string }[]) => {
    for (const r of rows) groups.add(r.k, Number(r.n), Number(r.f), Number(r.l));
  };
  const plan = planWindow(sinceUs, untilUs, rollupAnswers(query.q));
  if (plan.minutes) {
    merge(
      await ctx.db.rows(
        `SELECT map_key AS k, sumMerge(n) AS n, minMerge(first_ts) AS f, maxMerge(last_ts) AS l FROM flow_map_minutes
         WHERE minute >= ${plan.minutes.first} AND minute < ${plan.minutes.end} AND (${filter}) GROUP BY map_key`,
      ),
    );
  }
  for (const [lo, hi] of plan.rows) {
    merge(
      await ctx.db.rows(
        `SELECT map_key AS k, count() AS n, min(ts) AS f, max(ts) AS l FROM flows
         WHERE ts >= ${lo} AND ts <= ${hi} AND (${filter}) GROUP BY map_key`,
      ),
    );
  }

  const { kept, truncated } = groups.top(query.maxGroups, ([ka, a], [kb, b]) => a.first - b.first || (ka < kb ? -1 : ka > kb ? 1 : 0));
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
  const samples = kept.flatMap(([k, g]) => {
    const row = keys.get(k);
    return row ? [sampleOf(keyColumns(row), g)] : [];
  });
  return { samples, truncated };
}
