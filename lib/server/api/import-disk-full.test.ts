import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioNdjson } from '@/test/fixtures/scenario-records';
import type { Hub } from '../hub';
import { LiveHub } from '../live/live-hub';
import { SqliteStore } from '../store/sqlite/sqlite-store';
import { ImportStopped, importNdjson } from './import-ndjson';

/**
 * Issue 16, item 9, on a real filesystem that fills up: a 40 MiB tmpfs mounted for the test (as
 * root; skipped otherwise). A 16 MiB ballast file takes part of it so that space can be freed afterwards.
 */
function mountSmallDisk(dir: string, size: string): string | null {
  if (process.getuid?.() !== 0) return 'not root: cannot mount a small filesystem';
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
    return null;
  } catch (e) {
    return `mount failed: ${(e as Error).message.split('\n')[0]}`;
  }
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-diskfull-'));
const unavailable = mountSmallDisk(root, '40m');
const suite = unavailable ? describe.skip : describe;

/** The lines as an upload, encoded as it is read (the whole text is never one buffer). */
function body(lines: readonly string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let at = 0;
  return new ReadableStream({
    pull(c) {
      if (at >= lines.length) return c.close();
      c.enqueue(encoder.encode(`${lines.slice(at, at + 500).join('\n')}\n`));
      at += 500;
    },
  });
}

suite(`import on a full disk${unavailable ? ` — skipped: ${unavailable}` : ''}`, () => {
  let store: SqliteStore;
  let hub: Hub;
  const ballast = path.join(root, 'ballast');
  const lines: string[] = [];

  beforeAll(() => {
    fs.writeFileSync(ballast, Buffer.alloc(16 * 1024 * 1024, 1));
    store = new SqliteStore(path.join(root, 'h.db'));
    hub = { store, live: new LiveHub() } as unknown as Hub;
    // ~100 MB of distinct events and flows (~45 MB stored): 90 copies of the incident, an hour
    // apart — more than the 24 MiB left, whatever the storage's compression.
    for (let loop = 0; loop < 90; loop++) lines.push(...scenarioNdjson(1_795_000_000_000_000_000n + BigInt(loop) * 3_600_000_000_000n).trim().split('\n'));
  });

  afterAll(async () => {
    await store?.close();
    try {
      execFileSync('umount', [root]);
    } catch {
      /* not mounted */
    }
    fs.rmSync(root, { recursive: true, force: true });
  });

  const stored = () =>
    store.sql<{ n: number }>('SELECT (SELECT count(*) FROM flows) + (SELECT count(*) FROM events) AS n')[0]!.n;

  it('reports exactly how many lines were stored before the disk filled, then recovers and hands the WAL back', async () => {
    const error = await importNdjson(hub, body(lines), 1024 ** 3).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportStopped);
    const stopped = error as ImportStopped;
    expect(stopped.status).toBe(507);
    const through = stopped.report.storedThroughLine!;
    expect(through).toBeGreaterThan(0);
    expect(through).toBeLessThan(lines.length);
    expect(stopped.message).toMatch(new RegExp(`disk is full .*lines 1–${through} are stored`));
    // Every line is one distinct record: what the answer says is what the store holds.
    expect(stored()).toBe(through);
    expect(stopped.report.flows.added + stopped.report.events.added).toBe(through);
    const body507 = await stopped.toResponse().json();
    expect(body507).toMatchObject({ storedThroughLine: through, error: expect.stringContaining('disk is full') });
    expect(store.disk).toMatchObject({ state: 'full', fullErrors: expect.any(Number) });
    // What the disk holds now: the database and whatever the WAL kept. (With compact rows a
    // checkpoint may already have emptied the WAL here; either way the freed space must stay free.)
    const heldAtFull = fileBytes(path.join(root, 'h.db')) + (store.disk.walBytes ?? 0);

    // Space is freed: with no write coming, the WAL is checkpointed and truncated within seconds.
    fs.rmSync(ballast);
    const freed = Date.now();
    while (store.disk.state === 'full' && Date.now() - freed < 12_000) await new Promise((r) => setTimeout(r, 200));
    expect(store.disk).toMatchObject({ state: 'ok', walBytes: 0 });
    // The space came back: the store holds no more than it did at full, and the 16 MiB freed are free.
    expect(fileBytes(path.join(root, 'h.db'))).toBeLessThanOrEqual(heldAtFull);
    expect(store.disk.freeBytes).toBeGreaterThan(16 * 1024 * 1024);
    // And the next lines of the file go in (5,000: what the freed 16 MiB holds with room to spare).
    const next = lines.slice(through, through + 5000);
    const rest = await importNdjson(hub, body(next));
    expect(rest.flows.added + rest.events.added).toBe(next.length);
    expect(stored()).toBe(through + next.length);
    expect(store.disk).toMatchObject({ state: 'ok', lastCheckpoint: expect.any(String) });
    expect(store.disk.walBytes).toBe(0);
  });
});

function fileBytes(file: string): number {
  return fs.statSync(file).size;
}
