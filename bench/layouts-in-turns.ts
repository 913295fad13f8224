import { DEATH_STAR_CYCLE_SECONDS } from '@/lib/agent/sources/scenario/death-star';
import type { SqliteWrites } from '@/lib/server/store/sqlite/sqlite-writes';
import type { EventRecord, FlowRecord } from '@/lib/server/store/store';
import { cycleRecords } from './data/query-data';

/** One file of a layout comparison (bench/id-layouts.ts, bench/address-layouts.ts). */
export interface Layout {
  name: string;
  writes: SqliteWrites;
}

/**
 * Fills every layout with the same Death Star batches (8,000 items over the last hour, as the
 * scale section fills) in turns, in one thread, so the machine's load weighs on all alike, and
 * prints the writer CPU µs an item of each for every doubling of the stored items. Returns the
 * items stored in each.
 */
export function fillInTurns(layouts: readonly Layout[], total: number): number {
  const cost = layouts.map(() => ({ cpuUs: 0, items: 0 }));
  const nowUs = Date.now() * 1000;
  const spanUs = 3600e6;
  const first = cycleRecords(BigInt(nowUs) * 1000n, 0);
  const cycles = Math.max(1, Math.round(total / (first.flows.length + first.events.length)));
  const stepUs = (spanUs - DEATH_STAR_CYCLE_SECONDS * 1e6 - 1e6) / cycles;
  let flows: FlowRecord[] = [];
  let events: EventRecord[] = [];
  let stored = 0;
  let nextReport = 50_000;
  const line = () => layouts.map((l, i) => `${l.name} ${(cost[i]!.cpuUs / Math.max(1, cost[i]!.items)).toFixed(1)}`).join(', ');
  for (let k = 0; k < cycles; k++) {
    const c = cycleRecords(BigInt(Math.round(nowUs - spanUs + k * stepUs)) * 1000n, k);
    flows.push(...c.flows);
    events.push(...c.events);
    if (flows.length + events.length < 8000 && k < cycles - 1) continue;
    const batch = { flows: flows.map((f) => f.summary), events: events.map((e) => e.summary), flowJson: flows.map((f) => f.json), eventJson: events.map((e) => e.json) };
    // Taking turns in both orders: no layout always runs with the other's pages just evicted.
    const order = layouts.map((_, i) => i);
    for (const i of k % 2 ? order : order.reverse()) {
      const t = process.cpuUsage();
      const r = layouts[i]!.writes.insert(batch);
      const d = process.cpuUsage(t);
      cost[i]!.cpuUs += d.user + d.system;
      cost[i]!.items += r.flows.length + r.events.length;
    }
    stored += batch.flows.length + batch.events.length;
    flows = [];
    events = [];
    if (stored >= nextReport || k === cycles - 1) {
      console.log(`up to ${stored.toLocaleString('en-US')} stored, writer CPU µs an item: ${line()}`);
      nextReport *= 2;
      for (const c of cost) [c.cpuUs, c.items] = [0, 0];
    }
  }
  return stored;
}
