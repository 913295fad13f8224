import type Database from 'better-sqlite3';

/**
 * The oldest and newest stored time over flows and events, each end from its table's ts index.
 * `SELECT min(ts), max(ts) FROM t` is not that: SQLite only takes an aggregate from an index
 * when it is alone in its SELECT, and the pair read every row (`EXPLAIN QUERY PLAN`: SCAN
 * flows), seconds at ten million stored, on every retention pass.
 */
export function storedTimeSpan(db: Database.Database): { oldestUs: number; newestUs: number } | null {
  const ends = db
    .prepare(
      `SELECT (SELECT min(ts) FROM flows) AS f0, (SELECT max(ts) FROM flows) AS f1,
              (SELECT min(ts) FROM events) AS e0, (SELECT max(ts) FROM events) AS e1`,
    )
    .get() as Record<'f0' | 'f1' | 'e0' | 'e1', number | null>;
  const lows = [ends.f0, ends.e0].filter((v): v is number => v !== null);
  const highs = [ends.f1, ends.e1].filter((v): v is number => v !== null);
  return lows.length === 0 ? null : { oldestUs: Math.min(...lows), newestUs: Math.max(...highs) };
}
