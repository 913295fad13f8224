import type Database from 'better-sqlite3';
import { MINUTE_US } from '../sql/flow-map-key';

/**
 * A newest-first flows page whose every term is answered by the map key (sql-filter.ts
 * answeredByMapKey: verdict, regex http-path, labels …), read only where matching flows are.
 *
 * The map's rollup counts each key's flows per minute (flow_map_minutes, written in the same
 * transaction as the rows). The matching keys are found once in flow_map_keys; the minutes that
 * hold any of their flows are walked newest first, and each matching key's own flows are read
 * from the (map_key, ts) index over runs of those minutes only, each run just long enough (by the
 * counts) to fill what the page still lacks. Before, a page that the newest 20,000 rows did not fill read every older row through the
 * table until it did, and a filter matching nothing read the whole table: the regex page took
 * 64 ms of CPU at 200k stored and grew with the store (npm run bench, scale). Now a rare or empty
 * filter costs a walk of the minute counts, and a common one a short index range. The range is
 * read key by key (map_key, ts) rather than minute by minute (ts, map_key): a rare key's 500 rows
 * can span half an hour of every other key's flows, which the ts-first index walked through
 * (7.8 against 2.4 ms of CPU at 2M stored, and growing with the flow rate).
 *
 * Counts may be high (retention deletes rows before it recounts a minute): a run that gives fewer
 * rows than counted only moves the walk on. They are never low, so no matching row is skipped.
 */
export interface MapKeyPageQuery {
  /** The filter's plain SQL on flow_map_keys columns (queryToSql without mapKey). */
  keyFilter: { sql: string; params: unknown[] };
  /** Conditions on ts and seq (time range, cursor) and their parameters. */
  window: readonly string[];
  windowParams: readonly unknown[];
  /** Inclusive bounds on ts the window implies (null: open). */
  sinceUs: number | null;
  untilUs: number | null;
  limit: number;
}

export interface PageRow {
  seq: number;
  ts: number;
  id: string;
  json: unknown;
}

type Prepare = (sql: string) => Database.Statement;

/** Minute rows read from the rollup per step of the walk. */
const MINUTES_PER_READ = 2000;

export function mapKeyPage(prepare: Prepare, q: MapKeyPageQuery): PageRow[] {
  const keys = prepare(`SELECT key_id FROM flow_map_keys WHERE ${q.keyFilter.sql}`).pluck().all(...q.keyFilter.params) as number[];
  if (keys.length === 0 || q.limit <= 0) return [];
  const keyList = JSON.stringify(keys);
  const minutes = prepare(
    `SELECT minute, n FROM flow_map_minutes WHERE minute <= ? AND minute >= ? AND key_id IN (SELECT value FROM json_each(?)) ORDER BY minute DESC LIMIT ${MINUTES_PER_READ}`,
  );
  const window = q.window.length ? ` AND ${q.window.join(' AND ')}` : '';
  const range = prepare(
    `SELECT seq, ts, id, json FROM flows INDEXED BY flows_key_ts
     WHERE map_key IN (SELECT value FROM json_each(?)) AND ts >= ? AND ts < ?${window}
     ORDER BY ts DESC, seq DESC LIMIT ?`,
  );
  const lowest = q.sinceUs === null ? Number.MIN_SAFE_INTEGER : Math.floor(q.sinceUs / MINUTE_US);
  let upper = q.untilUs === null ? Number.MAX_SAFE_INTEGER : Math.floor(q.untilUs / MINUTE_US);
  const rows: PageRow[] = [];
  // A run: consecutive minutes [from, to] holding `counted` matching flows, read in one range.
  let run: { from: number; to: number; counted: number } | null = null;
  const readRun = () => {
    if (!run) return;
    const got = range.all(keyList, run.from * MINUTE_US, (run.to + 1) * MINUTE_US, ...q.windowParams, q.limit - rows.length) as PageRow[];
    for (const r of got) rows.push(r);
    run = null;
  };
  const feed = (minute: number, n: number) => {
    if (run && minute < run.from - 1) readRun(); // minutes without a match between: not read
    if (rows.length >= q.limit) return;
    if (run) {
      run.from = minute;
      run.counted += n;
    } else run = { from: minute, to: minute, counted: n };
    // Enough for the rest of the page (the newest minute may hold rows past the cursor: a run
    // that gives fewer rows than counted only means the walk goes on).
    if (run.counted >= q.limit - rows.length) readRun();
  };
  while (rows.length < q.limit && upper >= lowest) {
    const step = minutes.all(upper, lowest, keyList) as { minute: number; n: number }[];
    if (step.length === 0) break;
    const full = step.length === MINUTES_PER_READ;
    const last = step[step.length - 1]!.minute;
    // A full read may end partway through its last minute: that minute is read again next time
    // (unless it filled the whole read by itself).
    const upTo = full && step[0]!.minute !== last ? last + 1 : last;
    let minute = step[0]!.minute;
    let n = 0;
    for (const m of step) {
      if (m.minute < upTo) break;
      if (m.minute !== minute) {
        feed(minute, n);
        minute = m.minute;
        n = 0;
      }
      n += m.n;
    }
    feed(minute, n);
    if (!full) break;
    upper = upTo - 1;
  }
  if (rows.length < q.limit) readRun();
  return rows.slice(0, q.limit);
}
