import type { SuggestedValue, SuggestQuery } from '../store';
import { rankSuggestions, SCAN_ROWS, suggestColumns } from '../sql/suggest-sides';
import { CLICKHOUSE } from './ch-dialect';
import type { ChContext, Table } from './ch-context';
import { firstWidth, windows } from './time-windows';

/**
 * Filter-bar autocomplete over the newest SCAN_ROWS rows, as in sqlite/suggest-values.ts (the
 * expressions and the ranking are shared, ../sql/suggest-sides.ts). The newest rows are found by
 * counting growing time windows back from the newest row until they hold SCAN_ROWS, so the cost
 * stays that of ~20,000 rows whatever the store holds. Empty strings stand for SQLite's NULLs.
 */

/** The lowest ts such that [ts, newest] holds at least `n` visible rows (or all of them). */
export async function newestRowsFrom(ctx: ChContext, table: Table, n: number, floor: number): Promise<number> {
  const bounds = (await ctx.bounds(table)) ?? { oldestUs: floor, newestUs: floor, rows: 0 };
  let total = 0;
  const plan = windows({ lo: floor, hi: Number.MAX_SAFE_INTEGER, order: 'newest', bounds, firstWidth: firstWidth(bounds, n) });
  for (let w = plan.next(); !w.done; ) {
    const [row] = await ctx.db.rows<{ n: string }>(`SELECT count() AS n FROM ${table} WHERE ts >= ${w.value.from} AND ts <= ${w.value.to}`);
    const found = Number(row?.n ?? 0);
    total += found;
    if (total >= n) return w.value.from;
    w = plan.next({ found, want: n - total });
  }
  return floor;
}

export async function suggestValues(ctx: ChContext, q: SuggestQuery): Promise<SuggestedValue[]> {
  const cols = suggestColumns(CLICKHOUSE, q.source, q.kind, q.direction);
  if (!cols) return [];
  const sides = cols.exprs;
  const table: Table = q.source;
  const from = await newestRowsFrom(ctx, table, SCAN_ROWS, await ctx.floor());
  const recent = `SELECT ${sides.map((e, i) => `${e} AS v${i}`).join(', ')} FROM ${table}
    WHERE ts >= ${from} ORDER BY ts DESC, seq DESC LIMIT ${SCAN_ROWS}`;
  const values = sides.length === 1 ? 'v0' : `arrayJoin([${sides.map((_, i) => `v${i}`).join(', ')}])`;
  const rows = await ctx.db.rows<{ v: string; n: string }>(
    `SELECT v, count() AS n FROM (SELECT ${values} AS v FROM (${recent})) WHERE v != '' GROUP BY v`,
  );
  return rankSuggestions(
    rows.map((r) => ({ v: r.v, n: Number(r.n) })),
    cols.list,
    q.prefix,
    q.limit,
  );
}
