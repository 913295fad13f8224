import type { ClickHouseConnection } from './ch-client';
import type { Bounds } from './time-windows';

/** What the query modules of the ClickHouse store share: the connection and two cached facts. */
export interface ChContext {
  db: ClickHouseConnection;
  /** The retention floor: rows older than this are gone as far as any reader may tell. */
  floor(): Promise<number>;
  /**
   * Where the table's visible rows lie in time (null: it held none), at most `maxAgeMs` old
   * (default 1 s). Stale bounds only shape time windows, never limit them; a caller that must
   * not miss a row written a moment ago by another server asks with 0.
   */
  bounds(table: Table, maxAgeMs?: number): Promise<Bounds | null>;
}

export type Table = 'flows' | 'events';

export const NO_FLOOR = -Number.MAX_SAFE_INTEGER;
export const MAX_TS = Number.MAX_SAFE_INTEGER;

export interface KeyedRow {
  ts: number;
  seq: number;
  id: string;
  json: string;
}

/** JSONEachRow gives 64-bit integers as strings. */
export function keyed(r: { ts: string | number; seq: string | number; id: string; json: string }): KeyedRow {
  return { ts: Number(r.ts), seq: Number(r.seq), id: r.id, json: r.json };
}

/** Drops a second copy of an id (two servers racing on one event, before a merge folds them). */
export function uniqueById<T extends { id: string }>(rows: T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
}
