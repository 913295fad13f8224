import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scenarioRecords } from '@/test/fixtures/scenario-records';
import { SqliteStore } from './sqlite-store';

describe('SqliteStore', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-store-'));
    file = path.join(dir, 'nested', 'holocron.db');
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps history across a restart, in WAL mode, with the upstream JSON verbatim', async () => {
    const { flows, events } = scenarioRecords();
    const first = new SqliteStore(file);
    const inserted = await first.insert(flows, events);
    expect(inserted.flows).toHaveLength(flows.length);
    expect(inserted.events).toHaveLength(events.length);
    await first.close();

    const again = new SqliteStore(file);
    const counts = await again.counts();
    expect(counts.flows).toBe(flows.length);
    expect(counts.events).toBe(events.length);
    const one = await again.getEvent(events[10]!.summary.id);
    expect(one?.json).toBe(events[10]!.json);
    await again.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('stores the same event once, whatever the path it comes back by', async () => {
    const { flows, events } = scenarioRecords();
    const store = new SqliteStore(file);
    await store.insert(flows, events);
    const replay = await store.insert(flows, events);
    expect(replay.flows).toHaveLength(0);
    expect(replay.events).toHaveLength(0);
    const next = scenarioRecords(1_795_000_000_000_000_000n + 60_000_000_000n, 1);
    const loop = await store.insert(next.flows, next.events);
    expect(loop.flows.length).toBe(next.flows.length); // a new cycle has fresh ids
    expect((await store.counts()).flows).toBe(flows.length + next.flows.length);
    await store.close();
  });

  it('pages newest first with cursors that never repeat or skip a row', async () => {
    const { flows, events } = scenarioRecords();
    const store = new SqliteStore(file);
    await store.insert(flows, events);
    const seen: string[] = [];
    let cursor: string | null = null;
    let lastTs = Infinity;
    do {
      const page = await store.listEvents({ q: null, sinceUs: null, untilUs: null, limit: 37, cursor });
      for (const r of page.rows) {
        const ts = Date.parse(JSON.parse(r.json).time);
        expect(ts).toBeLessThanOrEqual(lastTs);
        lastTs = ts;
      }
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.next;
    } while (cursor);
    expect(seen).toHaveLength(events.length);
    expect(new Set(seen).size).toBe(events.length);
    await store.close();
  });

  it('applies the time range to lists and exports', async () => {
    const { flows, events } = scenarioRecords();
    const store = new SqliteStore(file);
    await store.insert(flows, events);
    const sorted = events.map((e) => e.summary.ts).sort((a, b) => a - b);
    const mid = sorted[Math.floor(sorted.length / 2)]!;
    const page = await store.listEvents({ q: null, sinceUs: mid, untilUs: null, limit: 1000, cursor: null });
    expect(page.rows.length).toBe(sorted.filter((t) => t >= mid).length);
    await store.close();
  });

  it('retention deletes what is older than the maximum age and nothing newer', async () => {
    const { flows, events } = scenarioRecords();
    const store = new SqliteStore(file);
    await store.insert(flows, events);
    const all = [...flows.map((f) => f.summary.ts), ...events.map((e) => e.summary.ts)];
    const newest = Math.max(...all);
    // "now" is 30 s after the newest item; keep 45 s: the first ~15 s of the cycle must go.
    const result = await store.applyRetention({ maxAgeMs: 45_000, maxBytes: null }, newest + 30_000_000);
    const cutoff = newest + 30_000_000 - 45_000_000;
    expect(result.deletedFlows).toBe(flows.filter((f) => f.summary.ts < cutoff).length);
    expect(result.deletedEvents).toBe(events.filter((e) => e.summary.ts < cutoff).length);
    expect(result.deletedFlows).toBeGreaterThan(0);
    const left = await store.counts();
    expect(left.flows).toBe(flows.length - result.deletedFlows);
    expect(left.oldestUs).toBeGreaterThanOrEqual(cutoff);
    await store.close();
  });

  it('retention by size drops the oldest data until the file is under the cap', async () => {
    const store = new SqliteStore(file);
    for (let loop = 0; loop < 6; loop++) {
      const r = scenarioRecords(1_795_000_000_000_000_000n + BigInt(loop) * 60_000_000_000n, loop);
      await store.insert(r.flows, r.events);
    }
    const before = await store.counts();
    const cap = Math.floor(before.bytes / 2);
    await store.applyRetention({ maxAgeMs: null, maxBytes: cap }, Date.now() * 1000);
    const after = await store.counts();
    expect(after.bytes).toBeLessThanOrEqual(cap);
    expect(after.flows).toBeGreaterThan(0);
    expect(after.oldestUs!).toBeGreaterThan(before.oldestUs!);
    expect(after.newestUs).toBe(before.newestUs);
    await store.close();
  });

  it('refuses a cursor it did not issue', async () => {
    const store = new SqliteStore(file);
    await expect(store.listFlows({ q: null, sinceUs: null, untilUs: null, limit: 5, cursor: 'bm9wZQ' })).rejects.toThrow(/cursor/);
    await store.close();
  });
});
