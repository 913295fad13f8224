import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scenarioRecords } from '@/test/fixtures/scenario-records';
import { SqliteStore } from '../store/sqlite/sqlite-store';
import { IngestBatcher } from './batcher';

async function until(what: string, fn: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (fn()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('ingest batcher, per-agent tallies', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-batcher-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('counts each stored row once under its agent: not duplicates, not a refused batch twice, not records accepted directly', async () => {
    const store = new SqliteStore(path.join(dir, 'b.db'));
    const batcher = new IngestBatcher(store, { maxBatch: 7, maxDelayMs: 1, highWater: 10_000, onInserted: () => {}, onLost: () => {}, onCongestion: () => {} });
    const a = batcher.sinkFor('agent-a');
    const b = batcher.sinkFor('agent-b');
    const r = scenarioRecords();
    const flows = r.flows.slice(0, 20);
    const events = r.events.slice(0, 12);
    // The store refuses the first batches: they go back to the front of the queue with their agents.
    await store.writerPragma('query_only = ON');
    flows.slice(0, 10).forEach((f) => a.acceptFlow(f));
    events.slice(0, 5).forEach((e) => b.acceptEvent(e));
    await until('a refused batch', () => batcher.stats.storeError !== null);
    flows.slice(10, 15).forEach((f) => b.acceptFlow(f));
    events.slice(5, 12).forEach((e) => a.acceptEvent(e));
    flows.slice(15).forEach((f) => batcher.acceptFlow(f)); // no agent (an import's path)
    await store.writerPragma('query_only = OFF');
    await until('the queue to drain', () => batcher.stats.queued === 0 && batcher.stats.storeError === null);
    // Sent again by agent b (a replay after a reconnect): duplicates, not counted.
    flows.slice(0, 3).forEach((f) => b.acceptFlow(f));
    events.slice(0, 2).forEach((e) => b.acceptEvent(e));
    await batcher.flush();
    await until('the replay to be written', () => batcher.stats.queued === 0);
    expect(batcher.stats.duplicates).toBe(5);
    expect(Object.fromEntries(batcher.storedByOrigin)).toEqual({
      'agent-a': { flows: 10, events: 7 },
      'agent-b': { flows: 5, events: 5 },
    });
    expect(await store.counts()).toMatchObject({ flows: 20, events: 12 });
    batcher.close();
    await store.close();
  });
});
