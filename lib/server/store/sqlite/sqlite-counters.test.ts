import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { scenarioRecords } from '@/test/fixtures/scenario-records';
import { SqliteStore } from './sqlite-store';
import { storedTimeSpan } from './time-span';

const BASE_NS = 1_795_000_000_000_000_000n;
const HOUR_NS = 3_600_000_000_000n;

/** What a fresh open counts, from the file itself (SqliteCounters' recount). */
function recounted(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const group = (sql: string) => Object.fromEntries((db.prepare(sql).all() as { k: string; n: number }[]).map((r) => [r.k, r.n]));
    return {
      byVerdict: group('SELECT verdict AS k, count(*) AS n FROM flows GROUP BY verdict'),
      byKind: group('SELECT kind AS k, count(*) AS n FROM events GROUP BY kind'),
      span: storedTimeSpan(db),
    };
  } finally {
    db.close();
  }
}

describe('the counters after retention', () => {
  const dirs: string[] = [];
  const open = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-counters-'));
    dirs.push(dir);
    const file = path.join(dir, 'h.db');
    return { file, store: new SqliteStore(file) };
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('take off what was deleted, by verdict and by kind, as a recount of the file would give', async () => {
    const { file, store } = open();
    for (let loop = 0; loop < 4; loop++) {
      const r = scenarioRecords(BASE_NS + BigInt(loop) * HOUR_NS, loop);
      await store.insert(r.flows, r.events);
    }
    const before = await store.counts();
    // By age: the first two hours go.
    const cutoffUs = Number((BASE_NS + 2n * HOUR_NS) / 1000n);
    const now = cutoffUs + 3_600_000_000;
    const byAge = await store.applyRetention({ maxAgeMs: 3_600_000, maxBytes: null }, now);
    expect(byAge.deletedFlows).toBeGreaterThan(0);
    expect(byAge.deletedEvents).toBeGreaterThan(0);
    let counts = await store.counts();
    expect(counts.flows).toBe(before.flows - byAge.deletedFlows);
    expect(counts.events).toBe(before.events - byAge.deletedEvents);
    let file$ = recounted(file);
    expect(counts.flowsByVerdict).toEqual(file$.byVerdict);
    expect(counts.eventsByKind).toEqual(file$.byKind);
    expect({ oldestUs: counts.oldestUs, newestUs: counts.newestUs }).toEqual(file$.span);
    expect(counts.oldestUs!).toBeGreaterThanOrEqual(cutoffUs);
    expect(counts.newestUs).toBe(before.newestUs);

    // By size: whatever rounds it takes.
    const bySize = await store.applyRetention({ maxAgeMs: null, maxBytes: Math.floor(counts.bytes / 2) }, now);
    expect(bySize.deletedFlows + bySize.deletedEvents).toBeGreaterThan(0);
    counts = await store.counts();
    file$ = recounted(file);
    expect(counts.flowsByVerdict).toEqual(file$.byVerdict);
    expect(counts.eventsByKind).toEqual(file$.byKind);
    expect(counts.flows).toBe(Object.values(file$.byVerdict).reduce((a, b) => a + b, 0));
    expect(counts.events).toBe(Object.values(file$.byKind).reduce((a, b) => a + b, 0));
    expect({ oldestUs: counts.oldestUs, newestUs: counts.newestUs }).toEqual(file$.span);

    // Everything: no counts, no span.
    await store.applyRetention({ maxAgeMs: 0, maxBytes: null }, counts.newestUs! + 1);
    counts = await store.counts();
    expect(counts).toMatchObject({ flows: 0, events: 0, flowsByVerdict: {}, eventsByKind: {}, oldestUs: null, newestUs: null });
    await store.close();
  });
});

describe('storedTimeSpan', () => {
  const db = () => {
    const d = new Database(':memory:');
    d.exec(`CREATE TABLE flows (seq INTEGER PRIMARY KEY, ts INTEGER NOT NULL); CREATE INDEX flows_ts ON flows(ts, seq);
            CREATE TABLE events (seq INTEGER PRIMARY KEY, ts INTEGER NOT NULL); CREATE INDEX events_ts ON events(ts, seq);`);
    return d;
  };

  it('spans both tables, either of which may be empty', () => {
    const d = db();
    expect(storedTimeSpan(d)).toBeNull();
    d.exec('INSERT INTO events (ts) VALUES (50), (70)');
    expect(storedTimeSpan(d)).toEqual({ oldestUs: 50, newestUs: 70 });
    d.exec('INSERT INTO flows (ts) VALUES (60), (90)');
    expect(storedTimeSpan(d)).toEqual({ oldestUs: 50, newestUs: 90 });
    d.exec('DELETE FROM events');
    expect(storedTimeSpan(d)).toEqual({ oldestUs: 60, newestUs: 90 });
  });

  it('reads each end from the ts index, never the rows', () => {
    // The statement as storedTimeSpan prepares it: every table access is an index search.
    const d = db();
    const plans: string[] = [];
    const prepare = d.prepare.bind(d);
    d.prepare = ((sql: string) => {
      plans.push(...(prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail));
      return prepare(sql);
    }) as typeof d.prepare;
    storedTimeSpan(d);
    expect(plans.filter((p) => /flows|events/.test(p))).toHaveLength(4);
    for (const p of plans) expect(p).not.toMatch(/^SCAN (flows|events)/);
  });
});
