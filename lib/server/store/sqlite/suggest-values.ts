import type { QuerySource } from '@/lib/domain/query/kinds';
import type { Direction } from '@/lib/domain/query/parse';
import { rankSuggestions, SCAN_ROWS, suggestColumns } from '../sql/suggest-sides';
import type { SuggestedValue } from '../store';
import { SQLITE } from './sqlite-dialect';

/**
 * Values seen recently for one filter kind, for the filter bar's autocomplete. The scan is bounded:
 * only the newest `SCAN_ROWS` rows (read backwards through the ts index), so the cost is the same
 * at 1k or 1M stored rows. What is counted comes from the kind's registry entry
 * (../sql/suggest-sides.ts), never from the request.
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
  const recent = `SELECT ${cols.exprs.map((e, i) => `${e} AS v${i}`).join(', ')} FROM ${table} ORDER BY ts DESC, seq DESC LIMIT ?`;
  const union = cols.exprs.map((_, i) => `SELECT v${i} AS v FROM recent`).join(' UNION ALL ');
  const rows = sql<{ v: string | number; n: number }>(
    `WITH recent AS (${recent}) SELECT v, count(*) AS n FROM (${union}) WHERE v IS NOT NULL AND v != '' GROUP BY v`,
    SCAN_ROWS,
  );
  return rankSuggestions(rows, cols.list, prefix, limit);
}
