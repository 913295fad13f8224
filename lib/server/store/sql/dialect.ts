import type { Guard, Shown, ShownOp, Where, WhereOp } from '@/lib/domain/query/stored-columns';

/**
 * What differs between the two stores' SQL, and nothing else: how a value enters the text (SQLite
 * binds it, ClickHouse 18.16 has no parameters and gets a literal from ch-sql.ts), how each
 * stored-column operation of the `q` kinds is written, and how a negated term treats NULL. The
 * builders beside this file (filter-where.ts, suggest-sides.ts, flow-pair.ts) are written once
 * against it. `where` and `shown` are records over every operation, so a dialect that lacks one
 * does not compile.
 */
export interface SqlFragment {
  sql: string;
  params: unknown[];
}

export type WhereOps = { [O in WhereOp]: (where: Extract<Where, { op: O }>, value: string) => SqlFragment };
export type ShownOps = { [O in ShownOp]: (shown: Extract<Shown, { op: O }>) => string };

export interface Dialect {
  /** A value in the SQL text: `?` with a bound parameter, or a literal. */
  value(v: string | number): SqlFragment;
  where: WhereOps;
  shown: ShownOps;
  /** A negated term (NULL must count as "does not match", so the NOT keeps the row). */
  not(sql: string): string;
}

/** `a AND b` of fragments, parameters in order. */
export function sqlAnd(...parts: SqlFragment[]): SqlFragment {
  return { sql: parts.map((p) => p.sql).join(' AND '), params: parts.flatMap((p) => p.params) };
}

/** `col = value`. */
export function sqlEq(d: Dialect, col: string, v: string | number): SqlFragment {
  const val = d.value(v);
  return { sql: `${col} = ${val.sql}`, params: val.params };
}

/** The same text in both dialects. */
export function guardSql(g: Guard): string {
  return `${g.col} != ${g.unset === '' ? "''" : '0'}`;
}

export function renderWhere(d: Dialect, where: Where, value: string): SqlFragment {
  // The mapped type pairs each op with its renderer; TypeScript cannot follow the pairing through a union.
  const f = (d.where[where.op] as (w: Where, v: string) => SqlFragment)(where, value);
  return where.guard ? { sql: `(${guardSql(where.guard)} AND ${f.sql})`, params: f.params } : f;
}

export function renderShown(d: Dialect, shown: Shown): string {
  return (d.shown[shown.op] as (s: Shown) => string)(shown);
}
