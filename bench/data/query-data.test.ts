import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '@/lib/server/store/sqlite/sqlite-store';
import type { Store } from '@/lib/server/store/store';
import { fillQueryStore } from './query-data';

describe('fillQueryStore', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('stores every item it builds while building the next batch, and times only the store', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-fill-'));
    dirs.push(dir);
    const store = new SqliteStore(path.join(dir, 'q.db'));
    const seen: { stored: number; insertMs: number }[] = [];
    const t0 = performance.now();
    const data = await fillQueryStore(store, 6000, { stressPod: false, batch: 1000, onStored: (stored, insertMs) => seen.push({ stored, insertMs }) });
    const wallMs = performance.now() - t0;
    const counts = await store.counts();
    await store.close();
    expect(data.flows + data.events).toBeGreaterThan(5000);
    // Nothing lost or stored twice: what the store holds is what the fill counted.
    expect(counts.flows).toBe(data.flows);
    expect(counts.events).toBe(data.events);
    // One report per insert, in order, with the store's time growing and below the fill's wall time.
    expect(seen.length).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.stored).toBeGreaterThanOrEqual(seen[i - 1]!.stored);
      expect(seen[i]!.insertMs).toBeGreaterThanOrEqual(seen[i - 1]!.insertMs);
    }
    expect(seen.at(-1)).toEqual({ stored: data.flows + data.events, insertMs: data.insertMs });
    expect(data.insertMs).toBeGreaterThan(0);
    expect(data.insertMs).toBeLessThan(wallMs);
  });

  it('fails with the store when an insert fails, even one left in flight', async () => {
    let calls = 0;
    const failing = {
      async insert() {
        calls++;
        throw new Error('disk full');
      },
    } as unknown as Store;
    await expect(fillQueryStore(failing, 3000, { stressPod: false, batch: 1000 })).rejects.toThrow('disk full');
    expect(calls).toBe(1); // nothing more is sent after the failure is seen
  });
});
