import { isFilterKind, type QuerySource } from '@/lib/domain/query/kinds';
import type { Direction } from '@/lib/domain/query/parse';
import { fencedLabels } from '@/lib/domain/query/value-match';
import { rankSuggestions, SCAN_ROWS, suggestColumns } from '../sql/suggest-sides';
import type { SuggestedValue } from '../store';
import { unfence } from '../sql/flow-map-key';
import { SQLITE } from './sqlite-dialect';
import { kindViaMapKey } from './sql-filter';

/**
 * Values seen recently for one filter kind, for the filter bar's autocomplete. The scan is bounded:
 * only the newest `SCAN_ROWS` rows (read backwards through the ts index), so the cost is the same
 * at 1k or 1M stored rows. What is counted comes from the kind's registry entry
 * (../sql/suggest-sides.ts), never from the request. A flow kind whose columns are in the map key
 * (`groupKey: 'lookup'`) is read from the newest rows' keys: flow rows leave those columns empty
 * since schema 8 (rows.ts, FLOW_COLUMNS_IN_MAP_KEY).
 */

export type SqlRunner = <T>(sql: string, ...params: unknown[]) => T[];

export { SCAN_ROWS };

export function suggestValues(
  sql: SqlRunner,
  source: QuerySource,
  kind: string,
  direction: Direction,
  prefix: string,
  limit: number,
): SuggestedValue[] {
  const cols = suggestColumns(SQLITE, source, kind, direction);
  if (!cols) return [];
  const table = source === 'flows' ? 'flows' : 'events';
  const columns = cols.exprs.map((e, i) => `${e} AS v${i}`).join(', ');
  const viaKey = source === 'flows' && isFilterKind(kind) && kindViaMapKey(kind);
  const recent = viaKey
    ? `SELECT ${columns} FROM (SELECT map_key FROM flows ORDER BY ts DESC, seq DESC LIMIT ?) r JOIN flow_map_keys k ON k.key_id = r.map_key`
    : `SELECT ${columns} FROM ${table} ORDER BY ts DESC, seq DESC LIMIT ?`;
  const union = cols.exprs.map((_, i) => `SELECT v${i} AS v FROM recent`).join(' UNION ALL ');
  let rows = sql<{ v: string | number; n: number }>(
    `WITH recent AS (${recent}) SELECT v, count(*) AS n FROM (${union}) WHERE v IS NOT NULL AND v != '' GROUP BY v`,
    SCAN_ROWS,
  );
  // The key keeps a label's source prefix ("k8s:"); suggestions are labels as filters take them.
  if (viaKey && kind === 'label') rows = rows.map(({ v, n }) => ({ v: fencedLabels(unfence(String(v))), n }));
  return rankSuggestions(rows, cols.list, prefix, limit);
}
