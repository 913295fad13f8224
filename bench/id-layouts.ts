/**
 * Insert cost as the store grows, for the two ways a row is found by id (row-ids.ts): a file with
 * `id` UNIQUE (schema 8 and older) and one with `id_key` (schema 9). One process, one thread: the
 * same Death Star batches (8,000 items, over the last hour, as the scale section fills) go into
 * both files in turns, so the machine's load weighs on both alike. Writer CPU µs an item, for each
 * doubling of the stored items:
 *
 *   npx tsx bench/id-layouts.ts [items, 800000] [page cache MiB, 8]
 *
 * A small page cache stands for a larger store: the writer's 128 MiB at 10M items is 8 MiB at
 * ~600k. The files live in a temporary directory, deleted at the end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEATH_STAR_CYCLE_SECONDS } from '@/lib/agent/sources/scenario/death-star';
import { openConnection } from '@/lib/server/store/sqlite/sqlite-connection';
import { applySchema } from '@/lib/server/store/sqlite/schema';
import { SqliteWrites } from '@/lib/server/store/sqlite/sqlite-writes';
import { writeUniqueIdFile } from '@/lib/server/store/sqlite/testing/unique-id-file';
import type { EventRecord, FlowRecord } from '@/lib/server/store/store';
import { cycleRecords } from './data/query-data';

const total = Number(process.argv[2] ?? 800_000);
const cacheMiB = Number(process.argv[3] ?? 8);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-bench-ids-'));

try {
  const files = { unique: path.join(dir, 'unique.db'), keyed: path.join(dir, 'keyed.db') };
  writeUniqueIdFile(files.unique, path.join(dir, 'fresh.db'));
  const layouts = (Object.keys(files) as (keyof typeof files)[]).map((name) => {
    const db = openConnection(files[name], cacheMiB);
    applySchema(db);
    return { name, db, writes: new SqliteWrites(db), cpuUs: 0, items: 0 };
  });

  const nowUs = Date.now() * 1000;
  const spanUs = 3600e6;
  const first = cycleRecords(BigInt(nowUs) * 1000n, 0);
  const cycles = Math.max(1, Math.round(total / (first.flows.length + first.events.length)));
  const stepUs = (spanUs - DEATH_STAR_CYCLE_SECONDS * 1e6 - 1e6) / cycles;
  let flows: FlowRecord[] = [];
  let events: EventRecord[] = [];
  let stored = 0;
  let nextReport = 50_000;
  const line = () => layouts.map((l) => `${l.name} ${(l.cpuUs / Math.max(1, l.items)).toFixed(1)}`).join(', ');
  for (let k = 0; k < cycles; k++) {
    const c = cycleRecords(BigInt(Math.round(nowUs - spanUs + k * stepUs)) * 1000n, k);
    flows.push(...c.flows);
    events.push(...c.events);
    if (flows.length + events.length < 8000 && k < cycles - 1) continue;
    const batch = { flows: flows.map((f) => f.summary), events: events.map((e) => e.summary), flowJson: flows.map((f) => f.json), eventJson: events.map((e) => e.json) };
    // Taking turns in both orders: neither layout always runs with the other's pages just evicted.
    for (const l of k % 2 ? layouts : [...layouts].reverse()) {
      const t = process.cpuUsage();
      const r = l.writes.insert(batch);
      const d = process.cpuUsage(t);
      l.cpuUs += d.user + d.system;
      l.items += r.flows.length + r.events.length;
    }
    stored += batch.flows.length + batch.events.length;
    flows = [];
    events = [];
    if (stored >= nextReport || k === cycles - 1) {
      console.log(`up to ${stored.toLocaleString('en-US')} stored, writer CPU µs an item: ${line()}`);
      nextReport *= 2;
      for (const l of layouts) [l.cpuUs, l.items] = [0, 0];
    }
  }
  for (const l of layouts) {
    l.db.close();
    console.log(`${l.name}: ${(fs.statSync(files[l.name]).size / stored).toFixed(0)} file bytes an item`);
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
