import { decodeCursor, encodeCursor } from '../cursor';
import type { ListQuery, Page } from '../store';
import { type ChContext, type KeyedRow, keyed, MAX_TS, type Table, uniqueById } from './ch-context';
import { queryToClickHouse } from './ch-filter';
import { firstWidth, windows } from './time-windows';

/**
 * Pages of flows or events, newest or oldest first, with the SQLite store's cursor semantics
 * (the (ts, seq) of the last row served; seq is the inserting server's order). Each window is one
 * query: the keys of the matching rows are chosen on the small columns, and only those rows'
 * JSON is read (PREWHERE id IN …), so a page never reads the JSON of rows it does not return.
 */
export interface RowsInRange {
  table: Table;
  where: string; // a WHERE expression on the table's columns
  from: number; // inclusive ts bounds
  to: number;
  order: 'newest' | 'oldest';
  limit: number;
}

export async function rowsInRange(ctx: ChContext, r: RowsInRange): Promise<KeyedRow[]> {
  const dir = r.order === 'newest' ? 'DESC' : 'ASC';
  const range = `ts >= ${r.from} AND ts <= ${r.to}`;
  const order = `ORDER BY ts ${dir}, seq ${dir}, id ${dir}`;
  const rows = await ctx.db.rows<{ ts: string; seq: string; id: string; json: string }>(
    `SELECT ts, seq, id, json FROM ${r.table}
     PREWHERE id IN (SELECT id FROM ${r.table} WHERE ${range} AND (${r.where}) ${order} LIMIT ${r.limit})
     WHERE ${range} AND (${r.where}) ${order} LIMIT ${r.limit}`,
  );
  return uniqueById(rows.map(keyed));
}

/** Rows in [lo, hi] matching `where`, walked in growing time windows until `limit` are found. */
export async function scanRows(
  ctx: ChContext,
  table: Table,
  where: string,
  lo: number,
  hi: number,
  order: 'newest' | 'oldest',
  limit: number,
): Promise<KeyedRow[]> {
  if (lo > hi) return [];
  // No bounds (a cached "empty", or nothing stored): one window over the whole range.
  const bounds = (await ctx.bounds(table)) ?? { oldestUs: lo, newestUs: Math.min(hi, lo), rows: 0 };
  const out: KeyedRow[] = [];
  const plan = windows({ lo, hi, order, bounds, firstWidth: firstWidth(bounds, limit) });
  for (let w = plan.next(); !w.done; ) {
    const rows = await rowsInRange(ctx, { table, where, from: w.value.from, to: w.value.to, order, limit: limit - out.length });
    out.push(...rows);
    if (out.length >= limit) break;
    w = plan.next({ found: rows.length, want: limit - out.length });
  }
  return out;
}

export async function listRows(ctx: ChContext, table: Table, query: ListQuery): Promise<Page> {
  const newest = (query.order ?? 'newest') === 'newest';
  const floor = await ctx.floor();
  let lo = Math.max(query.sinceUs ?? floor, floor);
  let hi = query.untilUs ?? MAX_TS;
  const where = [queryToClickHouse(query.q)];
  if (query.cursor) {
    const c = decodeCursor(query.cursor);
    // The tuple test picks the rows after the cursor; the plain bound lets the key prune.
    if (newest) {
      hi = Math.min(hi, c.ts);
      where.push(`(ts, seq) < (${c.ts}, ${c.seq})`);
    } else {
      lo = Math.max(lo, c.ts);
      where.push(`(ts, seq) > (${c.ts}, ${c.seq})`);
    }
  }
  const rows = await scanRows(ctx, table, where.join(' AND '), lo, hi, newest ? 'newest' : 'oldest', query.limit);
  const last = rows[rows.length - 1];
  return {
    rows: rows.map(({ id, json }) => ({ id, json })),
    next: rows.length === query.limit && last ? encodeCursor({ ts: last.ts, seq: last.seq }) : null,
  };
}
