/**
 * The WAL while size-cap retention runs under readers, at a realistic size: a store filled with
 * the scale section's Death Star batches, then a cap at half its size, retention's passes on the
 * writer thread while this thread reads back to back (a page of flows, a page of a pod's events,
 * as the read pool does) and, for a while, one reader holds a snapshot (as an export's batch
 * does). The WAL file's size is sampled every 50 ms.
 *
 *   npx tsx bench/retention-wal.ts [items, 1000000]
 *
 * The store lives in a temporary directory, deleted at the end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { parseQuery } from '@/lib/domain/query/parse';
import { SqliteStore } from '@/lib/server/store/sqlite/sqlite-store';
import { fillQueryStore } from './data/query-data';
import { percentile } from './support/stats';

const total = Number(process.argv[2] ?? 1_000_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-bench-retention-wal-'));
const file = path.join(dir, 'r.db');
const MiB = 1024 * 1024;
const walMiB = () => (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size / MiB : 0);

async function main(): Promise<void> {
  let store = new SqliteStore(file);
  const t0 = performance.now();
  const filled = await fillQueryStore(store, total, { stressPod: false, batch: 8000 });
  console.log(`filled ${(filled.flows + filled.events).toLocaleString('en-US')} items in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  await store.close();
  store = new SqliteStore(file);
  const reader = new SqliteStore(file, { reader: true });
  const before = await store.counts();
  const fileMiB = fs.statSync(file).size / MiB;
  const cap = Math.floor(before.bytes / 2);
  console.log(`store: ${(before.bytes / MiB).toFixed(0)} MiB in pages, file ${fileMiB.toFixed(0)} MiB, WAL ${walMiB().toFixed(0)} MiB; cap ${(cap / MiB).toFixed(0)} MiB`);

  let peak = 0;
  const samples: string[] = [];
  const started = performance.now();
  const sampler = setInterval(() => {
    const w = walMiB();
    peak = Math.max(peak, w);
    if (samples.length < 400 && Math.round(performance.now() - started) % 1000 < 50) samples.push(`${((performance.now() - started) / 1000).toFixed(0)}s:${w.toFixed(0)}`);
  }, 50);
  const q = parseQuery('from:pod=default/xwing', 'flows');
  const readMs: number[] = [];
  let done = false;
  let passes = 0;
  let deleted = 0;
  let pinnedUntil = 0;
  const retain = (async () => {
    while ((await store.counts()).bytes > cap) {
      const r = await store.applyRetention({ maxAgeMs: null, maxBytes: cap }, Date.now() * 1000);
      passes++;
      deleted += r.deletedFlows + r.deletedEvents;
      if (r.deletedFlows + r.deletedEvents === 0) await new Promise((res) => setTimeout(res, 200)); // pinned: wait a little
    }
    done = true;
  })();
  // One reader holds a snapshot for 3 s, 2 s in.
  const holder = new Database(file, { readonly: true });
  setTimeout(() => {
    holder.exec('BEGIN');
    holder.prepare('SELECT count(*) FROM events').get();
    pinnedUntil = performance.now() + 3000;
    setTimeout(() => holder.exec('COMMIT'), 3000);
  }, 2000);
  while (!done) {
    const r0 = performance.now();
    await reader.listFlows({ q, sinceUs: null, untilUs: null, limit: 100, cursor: null });
    await reader.listEvents({ q: null, sinceUs: null, untilUs: null, limit: 100, cursor: null });
    readMs.push(performance.now() - r0);
    await new Promise((res) => setImmediate(res));
  }
  await retain;
  clearInterval(sampler);
  holder.close();
  const seconds = (performance.now() - started) / 1000;
  const after = await store.counts();
  console.log(`retention: ${deleted.toLocaleString('en-US')} rows in ${seconds.toFixed(1)} s (${Math.round(deleted / seconds).toLocaleString('en-US')} rows/s), ${passes} calls; ${(after.bytes / MiB).toFixed(0)} MiB in pages after`);
  console.log(`WAL: peak ${peak.toFixed(1)} MiB, ${walMiB().toFixed(1)} MiB at the end; a pinned reader for 3 s (${pinnedUntil ? 'held' : 'not held'})`);
  console.log(`reads meanwhile: ${readMs.length} pairs, p50 ${percentile(readMs, 50).toFixed(1)} ms, p95 ${percentile(readMs, 95).toFixed(1)} ms, max ${readMs.reduce((a, b) => Math.max(a, b), 0).toFixed(0)} ms`);
  console.log(`WAL MiB each second: ${samples.join(' ')}`);
  await reader.close();
  await store.close();
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(dir, { recursive: true, force: true }));
