import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFlowMatcher } from '@/lib/domain/query/match';
import { parseQuery } from '@/lib/domain/query/parse';
import type { FlowRecord } from '@/lib/server/store/store';
import { scenarioRecords } from '@/test/fixtures/scenario-records';
import { SqliteStore } from './sqlite-store';

// A filtered export reads oldest first in time slices that grow from a minute (oldestInSlices):
// rows seconds, hours and days apart, batches smaller than a slice's matches and slices with none
// must still come out each once, in time order, as the filter selects them.
describe('filtered pages oldest first, in time slices', () => {
  let dir: string;
  let store: SqliteStore;
  const flows: FlowRecord[] = [];
  const SECOND_NS = 1_000_000_000n;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-slices-'));
    store = new SqliteStore(path.join(dir, 'h.db'));
    const base = 1_795_000_000_000_000_000n;
    const offsets = [0n, 30n, 59n, 61n, 600n, 3n * 3600n, 2n * 86400n, 9n * 86400n];
    offsets.forEach((s, loop) => flows.push(...scenarioRecords(base + s * SECOND_NS, loop).flows));
    await store.insert(flows, []);
  });

  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each(['pod=default/xwing', 'verdict=DROPPED', 'pod=default/deathstar http-path=^/v1/'])('%s: every match once, oldest first, whatever the batch size', async (q) => {
    const query = parseQuery(q, 'flows');
    const match = compileFlowMatcher(query);
    const expected = flows
      .filter((f) => match(f.summary))
      .sort((a, b) => a.summary.ts - b.summary.ts)
      .map((f) => f.summary.id);
    expect(expected.length).toBeGreaterThan(8);
    for (const batch of [1, 3, 50, 1000]) {
      const got: string[] = [];
      for await (const rows of store.exportRows('flows', { q: query, sinceUs: null, untilUs: null }, batch)) got.push(...rows.map((r) => r.id));
      expect(got.length).toBe(expected.length);
      expect(new Set(got).size).toBe(got.length);
      // Same-time rows may come in either order: compare times in order, and the sets.
      const ts = new Map(flows.map((f) => [f.summary.id, f.summary.ts]));
      expect(got.map((id) => ts.get(id))).toEqual(expected.map((id) => ts.get(id)));
      expect([...got].sort()).toEqual([...expected].sort());
    }
  });
});
