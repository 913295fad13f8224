import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '@/lib/domain/query/parse';
import { flowRecord } from '@/lib/server/ingest/records';
import type { FlowRecord } from '../store';
import { SqliteStore } from './sqlite-store';
import { hubbleLine, pod } from './testing/hubble-flow-line';

// A filtered page is first looked for among the newest 20,000 rows (sqlite-store.ts newestFirst)
// and otherwise left to SQLite's plan: both ways must give exactly the page a full scan would,
// and pages must join up through the cursor.
describe('filtered pages over more rows than the newest-first look covers', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-newest-first-'));
  let store: SqliteStore;
  const all: FlowRecord[] = [];
  const t0 = 1_795_000_000_000_000;

  beforeAll(async () => {
    store = new SqliteStore(path.join(dir, 'h.db'));
    // 30,000 flows a millisecond apart (some share a timestamp): busy talks on every third
    // flow, rare only among the oldest thousand, and both directions of the filter exist.
    for (let i = 0; i < 30_000; i++) {
      const src = i % 3 === 0 ? 'busy-1' : i < 1000 && i % 10 === 1 ? 'rare-1' : `other-${i % 7}`;
      all.push(flowRecord(hubbleLine({ uuid: `f-${i}`, tsUs: t0 + Math.floor(i / 2) * 1000, src: pod('default', src, '10.0.0.1', 40000 + (i % 1000)), dst: pod('default', 'server-1', '10.0.0.2', 80) })));
    }
    for (let i = 0; i < all.length; i += 5000) await store.insert(all.slice(i, i + 5000), []);
  });

  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const expected = (podName: string, limit: number, beforeUs = Infinity) =>
    all
      .filter((r) => r.summary.source.pod === podName && r.summary.ts < beforeUs)
      .sort((a, b) => b.summary.ts - a.summary.ts || b.summary.id.localeCompare(a.summary.id))
      .slice(0, limit)
      .map((r) => r.summary.ts);

  const page = async (q: string, limit: number, cursor: string | null = null) => {
    const p = await store.listFlows({ q: parseQuery(q, 'flows'), sinceUs: null, untilUs: null, limit, cursor });
    const ts = await Promise.all(p.rows.map(async (r) => all.find((x) => x.summary.id === r.id)!.summary.ts));
    return { ...p, ts };
  };

  it('answers a common filter from the newest rows', async () => {
    const p = await page('from:pod=default/busy', 500);
    expect(p.ts).toEqual(expected('busy-1', 500));
    expect(p.next).not.toBeNull();
  });

  it('answers a filter that is rare among the newest rows through the index, completely', async () => {
    const p = await page('from:pod=default/rare', 500);
    expect(p.ts).toEqual(expected('rare-1', 500));
    expect(p.ts.length).toBe(67); // i < 1000, i % 10 = 1, not a busy one
    expect(p.next).toBeNull();
  });

  it('pages a common filter across the edge of the newest rows without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 30; i++) {
      const p = await store.listFlows({ q: parseQuery('from:pod=default/busy', 'flows'), sinceUs: null, untilUs: null, limit: 1000, cursor });
      seen.push(...p.rows.map((r) => r.id));
      cursor = p.next;
      if (!cursor) break;
    }
    expect(seen).toHaveLength(10_000);
    expect(new Set(seen).size).toBe(10_000);
  });

  it('keeps to the time window', async () => {
    const sinceUs = t0 + 14_000_000;
    const p = await store.listFlows({ q: parseQuery('from:pod=default/busy', 'flows'), sinceUs, untilUs: t0 + 14_500_000, limit: 1000, cursor: null });
    const times = p.rows.map((r) => all.find((x) => x.summary.id === r.id)!.summary.ts);
    expect(times.length).toBeGreaterThan(0);
    expect(times.every((t) => t >= sinceUs && t <= t0 + 14_500_000)).toBe(true);
    expect(times).toEqual(expected('busy-1', 1000, t0 + 14_500_001).filter((t) => t >= sinceUs));
  });
});
