import type { EventRecord, FlowRecord, InsertResult } from '../store';
import { flowMapKeyColumns, flowMapKeyHash, MINUTE_US } from '../sql/flow-map-key';
import type { ChContext, Table } from './ch-context';
import {
  EVENT_INSERT_COLUMNS,
  eventRow,
  FLOW_INSERT_COLUMNS,
  flowRow,
  MAP_INSERT_COLUMNS,
  type MapCount,
  mapRow,
} from './ch-rows';
import type { RecentIds } from './recent-ids';
import type { WriteSequence } from './write-sequence';

/**
 * The insert path. ClickHouse has no unique keys, so "new" is decided here, the way SQLite's
 * INSERT OR IGNORE decides it: the first copy of an id in the batch, unless this server stored it
 * lately (RecentIds) or ClickHouse already holds it. ClickHouse is asked through the id-ordered
 * key table (flow_ids / event_ids), limited to the batch's hours (an event's time is part of it:
 * the same event always has the same ts), and not at all for the part of the batch newer than
 * anything stored — a live stream's usual case.
 * The caller (ClickHouseStore) runs one write at a time, so two batches of this server never
 * race; two servers ingesting the same event at the same instant could both store it —
 * only when agents are given to two servers at once — and ReplacingMergeTree folds the copies.
 */
interface Keyed {
  id: string;
  ts: number;
}

async function storedIds(ctx: ChContext, table: Table, items: Keyed[], floor: number): Promise<Set<string>> {
  const found = new Set<string>();
  // Nothing stored is newer than the table's newest row: a live batch (times past it) needs no probe.
  const bounds = await ctx.bounds(table, 0);
  const maybe = bounds ? items.filter((k) => k.ts <= bounds.newestUs) : [];
  if (maybe.length === 0) return found;
  let lo = Infinity;
  let hi = -Infinity;
  for (const k of maybe) {
    lo = Math.min(lo, k.ts);
    hi = Math.max(hi, k.ts);
  }
  // The id-ordered key table: the cost follows the batch, not how much is stored in its time span.
  const rows = await ctx.db.rowsWithList<{ id: string }>(
    `SELECT id FROM ${table === 'flows' ? 'flow_ids' : 'event_ids'} WHERE ts >= ${Math.max(lo, floor)} AND ts <= ${hi} AND id IN probe`,
    'probe',
    maybe.map((k) => k.id),
  );
  for (const r of rows) found.add(r.id);
  return found;
}

/** The first copy of each id that is neither recent nor stored. */
async function newOnes<T extends { summary: Keyed }>(ctx: ChContext, table: Table, recs: T[], recent: RecentIds, floor: number): Promise<T[]> {
  const seen = new Set<string>();
  const candidates: T[] = [];
  for (const r of recs) {
    const id = r.summary.id;
    if (seen.has(id)) continue;
    seen.add(id);
    // Rows below the retention floor are stored and new, as in SQLite (which deletes them at its
    // next retention run); here they are hidden at once.
    if (!recent.has(id, floor)) candidates.push(r);
  }
  if (candidates.length === 0) return [];
  const stored = await storedIds(ctx, table, candidates.map((c) => c.summary), floor);
  return candidates.filter((c) => !stored.has(c.summary.id));
}

/** Per-(minute, group key) counts of the new flows, for the map's rollup. */
function mapCounts(flows: { rec: FlowRecord; mapKey: string }[]): MapCount[] {
  const counts = new Map<string, MapCount>();
  for (const { rec, mapKey } of flows) {
    const ts = rec.summary.ts;
    const minute = Math.floor(ts / MINUTE_US);
    const k = `${minute}:${mapKey}`;
    const c = counts.get(k);
    if (c) {
      c.n++;
      c.first = Math.min(c.first, ts);
      c.last = Math.max(c.last, ts);
    } else {
      counts.set(k, { minute, key: mapKey, cols: flowMapKeyColumns(rec.summary), n: 1, first: ts, last: ts });
    }
  }
  return [...counts.values()];
}

export async function insertBatch(
  ctx: ChContext,
  seqs: WriteSequence,
  recent: RecentIds,
  flows: FlowRecord[],
  events: EventRecord[],
): Promise<InsertResult> {
  const floor = await ctx.floor();
  const [newFlows, newEvents] = await Promise.all([newOnes(ctx, 'flows', flows, recent, floor), newOnes(ctx, 'events', events, recent, floor)]);

  // The three writes go out at once (ClickHouse runs each on its own thread). Other servers'
  // relays see them in any order but deliver by sequence, so the order does not show.
  const writes: Promise<void>[] = [];
  if (newFlows.length) {
    const first = seqs.take(newFlows.length);
    const stamped = newFlows.map((rec, i) => ({ rec, seq: first + i, origin: seqs.origin, mapKey: flowMapKeyHash(flowMapKeyColumns(rec.summary)) }));
    writes.push(ctx.db.insert('flows', FLOW_INSERT_COLUMNS, stamped.map(flowRow)));
    writes.push(ctx.db.insert('flow_map_input', MAP_INSERT_COLUMNS, mapCounts(stamped).map(mapRow)));
  }
  if (newEvents.length) {
    const first = seqs.take(newEvents.length);
    writes.push(ctx.db.insert('events', EVENT_INSERT_COLUMNS, newEvents.map((rec, i) => eventRow({ rec, seq: first + i, origin: seqs.origin }))));
  }
  const settled = await Promise.allSettled(writes);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  for (const r of newFlows) recent.add(r.summary.id, r.summary.ts);
  for (const r of newEvents) recent.add(r.summary.id, r.summary.ts);
  return {
    flows: newFlows.map((r) => r.summary),
    flowJson: newFlows.map((r) => r.json),
    events: newEvents.map((r) => r.summary),
    eventJson: newEvents.map((r) => r.json),
  };
}
