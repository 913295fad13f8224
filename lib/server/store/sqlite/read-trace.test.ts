import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseQuery } from '@/lib/domain/query/parse';
import { scenarioRecords } from '@/test/fixtures/scenario-records';
import type { Store } from '../store';
import { ReadPool } from './read-pool';
import { percentileOf, ReadTrace, threadSched } from './read-trace';
import { SqliteStore } from './sqlite-store';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-read-trace-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('read trace (HOLOCRON_TRACE_READS)', () => {
  it("reports each pooled query's wait, run, CPU and reply times, and the event loop's delay", { timeout: 90_000 }, async () => {
    const file = path.join(dir, 'h.db');
    const store = new SqliteStore(file);
    const { flows, events } = scenarioRecords();
    await store.insert(flows, events);
    const lines: string[] = [];
    const pool = new ReadPool(file, { timeMs: 10_000, maxRows: 5_000_000 }, store as Store & Pick<SqliteStore, 'exportPage'>, 1, () => {}, true);
    // The pool's own trace logs to the console; this one is fed the same samples through add().
    const trace = new ReadTrace((l) => lines.push(l), 60_000);
    try {
      const query = { q: parseQuery('pod=default/tiefighter', 'events'), sinceUs: null, untilUs: null, limit: 50, cursor: null };
      // Two at once on one reader, before it has started: the second waits for the first (from
      // sources the reader's first start fails and is redone through tsx, with both queries waiting).
      await Promise.all([pool.run('listEvents', [query]), pool.run('listEvents', [query])]);
      const line = (pool as unknown as { trace: ReadTrace }).trace.summary();
      expect(line).toMatch(/^\[read trace\] 2 queries, ms \(blocks: count\) p50\/p95: queued [\d.]+\/[\d.]+, run [\d.]+\/[\d.]+, cpu [\d.-]+\/[\d.-]+, runQueue [\d.-]+\/[\d.-]+, reply [\d.]+\/[\d.]+, total [\d.]+\/[\d.]+, blocks [\d.]+\/[\d.]+; cpu by method: listEvents [\d.-]+\/[\d.-]+; event loop delay p50 [\d.]+ p99 [\d.]+ max [\d.]+$/);
      const run = Number(/run ([\d.]+)\/([\d.]+)/.exec(line)![2]);
      const total = Number(/total ([\d.]+)\/([\d.]+)/.exec(line)![2]);
      expect(total).toBeGreaterThanOrEqual(Math.floor(run));
      // A fresh reader's first page opens the stored JSON's blocks.
      expect(line).toMatch(/blocks [\d.]+\/[1-9][\d.]*;/);
      if (threadSched()) expect(Number(/cpu ([\d.]+)\/([\d.]+)/.exec(line)![2])).toBeLessThanOrEqual(run + 1);
      // Another pool's queries are not counted here, and a summary starts the count over.
      trace.add('listFlows', Date.now() - 30, Date.now() - 20, { runMs: 15, cpuMs: 10, runQueueMs: 5, blocks: 3, postedAt: Date.now() - 2 });
      expect(trace.summary()).toMatch(/^\[read trace\] 1 queries, ms \(blocks: count\) p50\/p95: queued 10\.0\/10\.0, run 15\.0\/15\.0, cpu 10\.0\/10\.0, runQueue 5\.0\/5\.0, reply [0-9]\.0\/[0-9]\.0, total (29|30|31)\.0\/(29|30|31)\.0, blocks 3\.0\/3\.0; cpu by method: listFlows 10\.0\/10\.0;/);
      expect(trace.summary()).toMatch(/^\[read trace\] 0 queries, ms \(blocks: count\) p50\/p95: queued -\/-, run -\/-.*cpu by method: -;/);
    } finally {
      trace.stop();
      await pool.close();
      await store.close();
    }
    expect(lines).toEqual([]); // the interval (a minute) never came
  });

  it('takes percentiles from the sorted values', () => {
    expect(percentileOf([], 0.5)).toBeNull();
    expect(percentileOf([5, 1, 3, 2, 4], 0.5)).toBe(3);
    expect(percentileOf(Array.from({ length: 100 }, (_, i) => 100 - i), 0.95)).toBe(96);
  });
});
