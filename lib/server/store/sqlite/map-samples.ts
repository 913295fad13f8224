import type { MapSampleQuery, MapSampleResult } from '../store';
import { rollupAnswers } from '../sql/filter-where';
import { GroupCounts, planWindow, sampleOf } from '../sql/map-groups';
import type { FlowMapKeyColumns } from '../sql/flow-map-key';
import { queryToSql } from './sql-filter';

/**
 * The service map's samples in SQLite (the shared part is ../sql/map-groups.ts): whole minutes
 * from flow_map_minutes joined to flow_map_keys, partial minutes from the flow rows through the
 * (ts, map_key) index; a q whose terms all test key columns runs on the keys table, any other q
 * (node, port, tcp-flag, …) on the rows of the whole window.
 */
type Run = <T>(sql: string, ...params: unknown[]) => T[];

interface GroupRow {
  key_id: number;
  n: number;
  first_ts: number;
  last_ts: number;
}

type KeyRow = FlowMapKeyColumns & { key_id: number };

export function mapSamples(run: Run, query: MapSampleQuery): MapSampleResult {
  const filter = queryToSql(query.q);
  // On flow rows, terms on key columns go through the key: rows leave those columns empty (rows.ts).
  const rowFilter = queryToSql(query.q, { mapKey: true });
  const groups = new GroupCounts<number>();
  const merge = (rows: GroupRow[]) => {
    for (const r of rows) groups.add(r.key_id, r.n, r.first_ts, r.last_ts);
  };
  const plan = planWindow(query.sinceUs, query.untilUs, rollupAnswers(query.q));
  if (plan.minutes) {
    merge(
      run<GroupRow>(
        `SELECT m.key_id AS key_id, SUM(m.n) AS n, MIN(m.first_ts) AS first_ts, MAX(m.last_ts) AS last_ts
         FROM flow_map_minutes m JOIN flow_map_keys k ON k.key_id = m.key_id
         WHERE m.minute >= ? AND m.minute < ? AND (${filter.sql}) GROUP BY m.key_id`,
        plan.minutes.first,
        plan.minutes.end,
        ...filter.params,
      ),
    );
  }
  for (const [lo, hi] of plan.rows) {
    merge(
      run<GroupRow>(
        `SELECT map_key AS key_id, COUNT(*) AS n, MIN(ts) AS first_ts, MAX(ts) AS last_ts
         FROM flows INDEXED BY flows_map_key WHERE ts >= ? AND ts <= ? AND (${rowFilter.sql}) GROUP BY map_key`,
        lo,
        hi,
        ...rowFilter.params,
      ),
    );
  }

  const { kept, truncated } = groups.top(query.maxGroups, ([a], [b]) => a - b);
  const keys = new Map<number, KeyRow>();
  for (const k of run<KeyRow>('SELECT * FROM flow_map_keys WHERE key_id IN (SELECT value FROM json_each(?))', JSON.stringify(kept.map(([id]) => id)))) {
    keys.set(k.key_id, k);
  }
  const samples = kept.flatMap(([id, g]) => {
    const k = keys.get(id);
    return k ? [sampleOf(k, g)] : [];
  });
  return { samples, truncated };
}
