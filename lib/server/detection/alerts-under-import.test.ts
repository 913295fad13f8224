import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { scenarioNdjson, scenarioRecords } from '@/test/fixtures/scenario-records';
import { importNdjson } from '../api/import-ndjson';
import type { Hub } from '../hub';
import { LiveHub } from '../live/live-hub';
import { openStore } from '../store/open-store';
import type { SqliteStore } from '../store/sqlite/sqlite-store';
import { DetectionRunner } from './detection-runner';
import { CYCLE_NS, DETECTION_CONFIG, SCENARIO_BASE_NS } from './testing/scenario-feed';

/**
 * Issue 16, item 2: alerts were written on the request thread's connection and dropped ("database
 * is locked") while a large import held the writer's lock. Here a 60 MB import of incident copies
 * runs through the real store (writer thread, reader threads) while other batches keep the writer
 * busy and detection raises alerts from the import, and every occurrence detection found must be
 * in the store.
 */
describe('alerts under a 60 MB import', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-alerts-import-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stores every alert occurrence, losing none', async () => {
    const store = await openStore({ store: null, dbFile: path.join(dir, 'h.db') });
    const live = new LiveHub();
    const detection = new DetectionRunner({ config: DETECTION_CONFIG, store, live, log: () => {} }).start();
    const hub = { store, live } as unknown as Hub;
    const parts: string[] = [];
    let bytes = 0;
    for (let loop = 0; bytes < 60 * 1024 * 1024; loop++) {
      const text = scenarioNdjson(SCENARIO_BASE_NS + BigInt(loop) * CYCLE_NS * 20n);
      parts.push(text);
      bytes += Buffer.byteLength(text);
    }
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        for (const p of parts) c.enqueue(encoder.encode(p));
        c.close();
      },
    });
    // Alerts fire while the import is still storing: detection runs on every published batch.
    let alertsDuringImport = 0;
    const unsubscribe = live.subscribe((items) => (alertsDuringImport += items.filter((i) => i.source === 'alerts').length));
    // And the writer is never idle: other batches (an agent flooding) queued back to back, so the
    // write lock is almost always held — the condition under which alerts timed out on it.
    let importing = true;
    const flood = (async () => {
      for (let loop = 1000; importing; loop += 3) {
        const batches = [0, 1, 2].map((k) => scenarioRecords(SCENARIO_BASE_NS + BigInt(loop + k) * CYCLE_NS * 20n, loop + k));
        await Promise.all(batches.map((b) => store.insert(b.flows, b.events)));
      }
    })();
    const report = await importNdjson(hub, body, 128 * 1024 * 1024);
    importing = false;
    await flood;
    unsubscribe();
    await detection.whenIdle();
    detection.stop();

    expect(report.errorCount).toBe(0);
    expect(report.events.added).toBeGreaterThan(parts.length * 200);
    expect(alertsDuringImport).toBeGreaterThan(0);
    const stats = detection.health();
    expect(stats.matches).toBeGreaterThanOrEqual(parts.length * 5); // the incident's five alerts per copy, at least
    expect(stats.alertsLost).toBe(0);
    expect(stats.errors).toBe(0);
    const sqlite = store as unknown as SqliteStore;
    const hits = sqlite.sql<{ n: number }>('SELECT count(*) AS n FROM alert_hits')[0]!.n;
    expect(hits).toBe(stats.matches);
    const counted = sqlite.sql<{ n: number }>('SELECT coalesce(sum(count), 0) AS n FROM alerts')[0]!.n;
    expect(counted).toBe(stats.matches);
    await store.close();
  }, 300_000);

  it('retries an alert write that meets a write lock held past busy_timeout, instead of dropping it', async () => {
    const file = path.join(dir, 'locked.db');
    const store = await openStore({ store: null, dbFile: file });
    const live = new LiveHub();
    const detection = new DetectionRunner({ config: DETECTION_CONFIG, store, live, log: () => {} });
    const { events } = scenarioRecords(SCENARIO_BASE_NS, 0);
    await store.insert([], events);
    // Another writer (a long import's transaction, a checkpoint) holds the lock for 7 s: longer
    // than the 5 s busy_timeout, which is what made "storing alerts: database is locked".
    const locker = new Database(file);
    locker.pragma('busy_timeout = 1000');
    locker.exec('BEGIN IMMEDIATE');
    locker.prepare("INSERT INTO alert_hits (occurrence_id, alert_id, event_id, exec_id, ts) VALUES ('lock', 'lock', 'lock', '', 0)").run();
    const release = new Promise<void>((resolve) =>
      setTimeout(() => {
        locker.exec('ROLLBACK');
        locker.close();
        resolve();
      }, 7000),
    );
    const result = await detection.process(events);
    await release;
    await detection.whenIdle();
    const stats = detection.health();
    expect(stats.matches).toBeGreaterThanOrEqual(5);
    expect(result?.created.length).toBeGreaterThanOrEqual(5);
    expect(stats.storeRetries).toBeGreaterThan(0);
    expect(stats.alertsLost).toBe(0);
    const hits = (store as unknown as SqliteStore).sql<{ n: number }>('SELECT count(*) AS n FROM alert_hits')[0]!.n;
    expect(hits).toBe(stats.matches);
    await store.close();
  }, 60_000);
});
