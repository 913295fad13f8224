import { describe, expect, it } from 'vitest';
import type { Store, StoredRow } from '../store/store';
import { ExportSlots } from './export-slots';
import { exportStream, parseExportParams } from './export-stream';

/** A store whose export yields `batches` batches of 1000 rows of ~1 KiB, counting what was read. */
function countingStore(batches: number) {
  const seen = { batches: 0, returned: false };
  const store = {
    async *exportRows() {
      try {
        for (let b = 0; b < batches; b++) {
          seen.batches++;
          yield Array.from({ length: 1000 }, (_, i) => ({ id: `${b}-${i}`, json: JSON.stringify({ n: b * 1000 + i, pad: 'p'.repeat(1000) }) }) as unknown as StoredRow);
        }
      } finally {
        seen.returned = true;
      }
    },
  } as unknown as Store;
  return { store, seen };
}

describe('exportStream', () => {
  it('reads the store only as fast as the client reads, in chunks of about 64 KiB', async () => {
    const { store, seen } = countingStore(50);
    let released = 0;
    const res = exportStream(store, parseExportParams(new URLSearchParams('source=events')), new AbortController().signal, () => released++);
    const reader = res.body!.getReader();
    await new Promise((r) => setTimeout(r, 50));
    expect(seen.batches).toBe(0); // nothing read before the client asks
    let bytes = 0;
    for (let i = 0; i < 20; i++) {
      const { value } = await reader.read();
      expect(value!.byteLength).toBeLessThan(80 * 1024);
      bytes += value!.byteLength;
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(seen.batches).toBe(2); // ~1.3 MB read: two batches of ~1 MB, not fifty
    expect(bytes).toBeGreaterThan(1_000_000);
    await reader.cancel();
    expect(seen.returned).toBe(true);
    expect(released).toBe(1);
  });

  it('writes every row once, as NDJSON or one JSON array', async () => {
    for (const format of ['ndjson', 'json'] as const) {
      const { store } = countingStore(3);
      const text = await exportStream(store, parseExportParams(new URLSearchParams(`source=events&format=${format}`)), new AbortController().signal).text();
      const rows = format === 'ndjson' ? text.trim().split('\n').map((l) => JSON.parse(l)) : JSON.parse(text);
      expect(rows.map((r: { n: number }) => r.n)).toEqual(Array.from({ length: 3000 }, (_, i) => i));
    }
    const { store } = countingStore(0);
    expect(await exportStream(store, parseExportParams(new URLSearchParams('source=flows&format=json')), new AbortController().signal).text()).toBe('[]\n');
  });

  it('limits how many stream at once, with a 429 naming the limit', () => {
    const slots = new ExportSlots(2);
    const a = slots.acquire();
    slots.acquire();
    expect(() => slots.acquire()).toThrow(/limit is 2 \(HOLOCRON_MAX_EXPORTS\)/);
    a();
    a(); // idempotent
    expect(slots.inUse).toBe(1);
    expect(() => slots.acquire()).not.toThrow();
  });
});
