import type { RetentionPolicy, StoreCounts } from '../store';
import { type ChContext, NO_FLOOR, type Table } from './ch-context';
import { ch } from './ch-sql';
import type { Bounds } from './time-windows';

/**
 * Retention and counts on ClickHouse.
 *
 * Retention moves a floor (retention_floor, shared by every server) and drops the hour
 * partitions wholly below it. Every read filters `ts >= floor`, so what is past its age is gone
 * for every reader at once, as SQLite's DELETE makes it; the disk space of the oldest hour comes
 * back when the whole hour is past (ALTER … DELETE would rewrite that hour every minute instead).
 * A size cap drops whole hours, oldest first, until the database is under it or only the newest
 * hour is left.
 *
 * Counts come from the per-hour rollup (hourly_counts) for hours wholly above the floor and from
 * the table for the hour the floor cuts, so /api/health never scans the big tables.
 */
export const HOUR_US = 3_600_000_000;

/** Tables partitioned by the hour of event time (schema.ts). */
const HOURLY_TABLES = ['flows', 'events', 'flow_ids', 'event_ids', 'event_pods', 'event_execs', 'flow_map_minutes'];
const LIVE_KEEP_HOURS = 2;

export async function readFloor(ctx: Pick<ChContext, 'db'>): Promise<number> {
  const [row] = await ctx.db.rows<{ c: string; f: string }>('SELECT count() AS c, max(floor) AS f FROM retention_floor');
  return Number(row?.c ?? 0) === 0 ? NO_FLOOR : Number(row!.f);
}

interface KeyCount {
  key: string;
  n: number;
  lo: number;
  hi: number;
}

/** Rows with ts ≥ floor, by kind (events) or verdict (flows). */
async function countsByKey(ctx: ChContext, table: Table, floor: number): Promise<KeyCount[]> {
  const keyCol = table === 'flows' ? 'verdict' : 'kind';
  const floorHour = Math.floor(floor / HOUR_US);
  const full = await ctx.db.rows<{ key: string; n: string; lo: string; hi: string }>(
    ch`SELECT key, countMerge(n) AS n, minMerge(lo) AS lo, maxMerge(hi) AS hi FROM hourly_counts
       WHERE source = ${table}` + ` AND hour > ${floor === NO_FLOOR ? -Number.MAX_SAFE_INTEGER : floorHour} GROUP BY key`,
  );
  const partial =
    floor === NO_FLOOR
      ? []
      : await ctx.db.rows<{ key: string; n: string; lo: string; hi: string }>(
          `SELECT ${keyCol} AS key, count() AS n, min(ts) AS lo, max(ts) AS hi FROM ${table}
           WHERE ts >= ${floor} AND ts < ${(floorHour + 1) * HOUR_US} GROUP BY key`,
        );
  const out = new Map<string, KeyCount>();
  for (const r of [...full, ...partial]) {
    const n = Number(r.n);
    if (n === 0) continue;
    const c = out.get(r.key);
    if (!c) out.set(r.key, { key: r.key, n, lo: Number(r.lo), hi: Number(r.hi) });
    else {
      c.n += n;
      c.lo = Math.min(c.lo, Number(r.lo));
      c.hi = Math.max(c.hi, Number(r.hi));
    }
  }
  return [...out.values()];
}

export async function tableBounds(ctx: ChContext, table: Table): Promise<Bounds | null> {
  const floor = await ctx.floor();
  const floorHour = floor === NO_FLOOR ? -Number.MAX_SAFE_INTEGER : Math.floor(floor / HOUR_US);
  // Hours from the floor's on: the floor's own hour may start below it (clamped), which is fine
  // for bounds that only shape the time windows.
  const [row] = await ctx.db.rows<{ n: string; lo: string; hi: string }>(
    ch`SELECT countMerge(n) AS n, minMerge(lo) AS lo, maxMerge(hi) AS hi FROM hourly_counts WHERE source = ${table}` + ` AND hour >= ${floorHour}`,
  );
  const n = Number(row?.n ?? 0);
  if (!row || n === 0) return null;
  const hi = Number(row.hi);
  if (hi < floor) return null;
  return { rows: n, oldestUs: Math.max(floor, Number(row.lo)), newestUs: hi };
}

export async function storeBytes(ctx: ChContext): Promise<number> {
  const [row] = await ctx.db.rows<{ b: string }>(
    ch`SELECT sum(bytes_on_disk) AS b FROM system.parts WHERE database = ${ctx.db.target.database} AND active`,
  );
  return Number(row?.b ?? 0);
}

export async function storeCounts(ctx: ChContext): Promise<StoreCounts> {
  const floor = await ctx.floor();
  const [flows, events] = await Promise.all([countsByKey(ctx, 'flows', floor), countsByKey(ctx, 'events', floor)]);
  const all = [...flows, ...events];
  return {
    flows: flows.reduce((s, c) => s + c.n, 0),
    events: events.reduce((s, c) => s + c.n, 0),
    eventsByKind: Object.fromEntries(events.map((c) => [c.key, c.n])),
    flowsByVerdict: Object.fromEntries(flows.map((c) => [c.key, c.n])),
    oldestUs: all.length ? Math.min(...all.map((c) => c.lo)) : null,
    newestUs: all.length ? Math.max(...all.map((c) => c.hi)) : null,
    bytes: await storeBytes(ctx),
  };
}

/** Visible rows in [from, to): full hours from the rollup, the cut hours from the table. */
async function countBetween(ctx: ChContext, table: Table, from: number, to: number): Promise<number> {
  if (to <= from) return 0;
  const h0 = Math.floor(from / HOUR_US);
  const h1 = Math.floor(to / HOUR_US);
  const exact = async (lo: number, hi: number) => {
    if (hi <= lo) return 0;
    const [r] = await ctx.db.rows<{ n: string }>(`SELECT count() AS n FROM ${table} WHERE ts >= ${lo} AND ts < ${hi}`);
    return Number(r?.n ?? 0);
  };
  if (h0 === h1) return exact(from, to);
  const [mid] = await ctx.db.rows<{ n: string }>(
    ch`SELECT countMerge(n) AS n FROM hourly_counts WHERE source = ${table}` + ` AND hour > ${h0} AND hour < ${h1}`,
  );
  return (await exact(from, (h0 + 1) * HOUR_US)) + Number(mid?.n ?? 0) + (await exact(h1 * HOUR_US, to));
}

interface Partition {
  table: string;
  partition: string;
  bytes: number;
}

async function partitions(ctx: ChContext): Promise<Partition[]> {
  const rows = await ctx.db.rows<{ table: string; partition: string; b: string }>(
    ch`SELECT table, partition, sum(bytes_on_disk) AS b FROM system.parts WHERE database = ${ctx.db.target.database} AND active GROUP BY table, partition`,
  );
  return rows.map((r) => ({ table: r.table, partition: r.partition, bytes: Number(r.b) }));
}

/** Drops the hour partitions wholly below the floor, and live-relay hours no server still needs. */
async function dropBelow(ctx: ChContext, floor: number): Promise<void> {
  const firstKeptHour = Math.floor(floor / HOUR_US);
  const firstKeptDay = Math.floor(firstKeptHour / 24);
  const liveCutoff = Math.floor(Date.now() / 3_600_000) - LIVE_KEEP_HOURS;
  for (const p of await partitions(ctx)) {
    const value = Number(p.partition);
    if (!Number.isSafeInteger(value)) continue;
    const drop =
      (HOURLY_TABLES.includes(p.table) && value < firstKeptHour) ||
      (p.table === 'hourly_counts' && value < firstKeptDay) ||
      (p.table === 'live_rows' && value < liveCutoff);
    if (drop) await ctx.db.exec(`ALTER TABLE ${p.table} DROP PARTITION ${value}`);
  }
}

export async function applyRetention(
  ctx: ChContext,
  policy: RetentionPolicy,
  nowUs: number,
  setFloor: (floor: number) => Promise<void>,
): Promise<{ deletedFlows: number; deletedEvents: number }> {
  const old = await ctx.floor();
  let floor = old;
  if (policy.maxAgeMs !== null) floor = Math.max(floor, nowUs - policy.maxAgeMs * 1000);
  if (policy.maxBytes !== null && (await storeBytes(ctx)) > policy.maxBytes) {
    // Drop whole hours, oldest first, keeping the newest, until the estimate is under the cap.
    const parts = await partitions(ctx);
    const perHour = new Map<number, number>();
    let total = 0;
    for (const p of parts) {
      total += p.bytes;
      if (HOURLY_TABLES.includes(p.table)) perHour.set(Number(p.partition), (perHour.get(Number(p.partition)) ?? 0) + p.bytes);
    }
    const hours = [...perHour.keys()].filter((h) => (h + 1) * HOUR_US > floor).sort((a, b) => a - b);
    for (const h of hours.slice(0, -1)) {
      if (total <= policy.maxBytes) break;
      total -= perHour.get(h)!;
      floor = Math.max(floor, (h + 1) * HOUR_US);
    }
  }
  if (floor <= old) {
    await dropBelow(ctx, old);
    return { deletedFlows: 0, deletedEvents: 0 };
  }
  const from = old === NO_FLOOR ? -Number.MAX_SAFE_INTEGER : old;
  const deleted = await Promise.all([countBetween(ctx, 'flows', from, floor), countBetween(ctx, 'events', from, floor)]);
  await setFloor(floor);
  await dropBelow(ctx, floor);
  return { deletedFlows: deleted[0], deletedEvents: deleted[1] };
}
