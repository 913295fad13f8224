import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scenarioRecords } from '@/test/fixtures/scenario-records';
import type { EventRecord, FlowRecord } from '../store';
import { SqliteStore } from './sqlite-store';

const MiB = 1024 * 1024;
const LOOP_NS = 60_000_000_000n;

// A size-cap retention over a store that readers are reading: the 2026-12-07 bench's 10M store
// (over the 4 GiB default cap) grew its WAL to 60 GB in 15 minutes, the disk 98 % full, because
// one pass deleted everything due while a reader's snapshot kept the WAL from being reset.
describe('size-cap retention while a reader holds a snapshot', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-retention-wal-'));
    file = path.join(dir, 'h.db');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const walBytes = () => (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);

  it('keeps the WAL to a few MiB, and gets under the cap over the next passes, oldest first', async () => {
    const store = new SqliteStore(file);
    const flows: FlowRecord[] = [];
    const events: EventRecord[] = [];
    for (let loop = 0; loop < 30; loop++) {
      const r = scenarioRecords(1_795_000_000_000_000_000n + BigInt(loop) * LOOP_NS, loop);
      await store.insert(r.flows, r.events);
      flows.push(...r.flows);
      events.push(...r.events);
    }
    const before = await store.counts();
    await store.writerPragma('wal_checkpoint(TRUNCATE)');
    expect(walBytes()).toBe(0);

    // A reader on its own connection (as a read-pool thread or an export has), mid-read.
    const reader = new Database(file, { readonly: true });
    reader.exec('BEGIN');
    const seen = reader.prepare('SELECT count(*) FROM flows').pluck().get();
    expect(seen).toBe(before.flows);

    const cap = Math.floor(before.bytes / 4);
    let peakWal = 0;
    const watch = setInterval(() => (peakWal = Math.max(peakWal, walBytes())), 5);
    try {
      await store.applyRetention({ maxAgeMs: null, maxBytes: cap }, Date.now() * 1000);
      peakWal = Math.max(peakWal, walBytes());
      // The pass stopped once the WAL reached its budget (a sixteenth of the cap, 4 MiB at least):
      // the rows it deleted are a part of what is due, and the reader still reads its snapshot.
      expect(peakWal).toBeLessThan(8 * MiB);
      expect(reader.prepare('SELECT count(*) FROM flows').pluck().get()).toBe(before.flows);
      // Queries on other connections go on meanwhile.
      expect((await store.listFlows({ q: null, sinceUs: null, untilUs: null, limit: 10, cursor: null })).rows).toHaveLength(10);

      reader.exec('COMMIT');
      for (let pass = 0; pass < 5 && (await store.counts()).bytes > cap; pass++) {
        await store.applyRetention({ maxAgeMs: null, maxBytes: cap }, Date.now() * 1000);
        peakWal = Math.max(peakWal, walBytes());
      }
    } finally {
      clearInterval(watch);
      reader.close();
    }
    const after = await store.counts();
    expect(after.bytes).toBeLessThanOrEqual(cap);
    expect(peakWal).toBeLessThan(8 * MiB);
    // Oldest first, in both tables alike: everything at or after the oldest kept time is there.
    expect(after.oldestUs!).toBeGreaterThan(before.oldestUs!);
    expect(after.newestUs).toBe(before.newestUs);
    expect(after.flows).toBe(flows.filter((f) => f.summary.ts >= after.oldestUs!).length);
    expect(after.events).toBe(events.filter((e) => e.summary.ts >= after.oldestUs!).length);
    const newest = flows.reduce((a, b) => (b.summary.ts > a.summary.ts ? b : a));
    expect((await store.getFlow(newest.summary.id))?.json).toBe(newest.json);
    await store.close();
  }, 60_000);
});
