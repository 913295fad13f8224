import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { flowRecord } from '@/lib/server/ingest/records';
import { SqliteStore } from './sqlite-store';
import { hubbleLine, pod } from './testing/hubble-flow-line';

const t0 = 1_795_000_000_000_000;
const flows = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) =>
    flowRecord(hubbleLine({ uuid: `w-${from + i}`, tsUs: t0 + (from + i) * 1000, src: pod('default', 'a-1', '10.0.0.1', 40000 + ((from + i) % 1000)), dst: pod('default', 'b-1', '10.0.0.2', 80) })),
  );

describe('ingest writes on the writer thread', () => {
  const dirs: string[] = [];
  const open = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-writer-'));
    dirs.push(dir);
    return new SqliteStore(path.join(dir, 'h.db'));
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('commits on its own thread, and a batch is readable here as soon as insert resolves', async () => {
    const store = open();
    const first = await store.insert(flows(0, 300), []);
    expect(store.writesInThread).toBe(true);
    expect(first.flows).toHaveLength(300);
    const page = await store.listFlows({ q: null, sinceUs: null, untilUs: null, limit: 1000, cursor: null });
    expect(page.rows).toHaveLength(300);
    // The same ids again: the thread says which were new, and the answer maps back to this batch.
    const again = await store.insert([...flows(250, 100)], []);
    expect(again.flows.map((f) => f.id)).toEqual(flows(300, 50).map((f) => f.summary.id));
    expect(again.flowJson).toEqual(flows(300, 50).map((f) => f.json));
    expect((await store.counts()).flows).toBe(350);
    await store.close();
  });

  it('reports a refused transaction with SQLite’s message and stores none of the batch', async () => {
    const store = open();
    await store.insert(flows(0, 10), []);
    await store.writerPragma('query_only = ON');
    await expect(store.insert(flows(10, 10), [])).rejects.toThrow(/readonly|read-only/i);
    await store.writerPragma('query_only = OFF');
    expect((await store.counts()).flows).toBe(10);
    expect((await store.insert(flows(10, 10), [])).flows).toHaveLength(10);
    await store.close();
  });

  it('falls back to this thread when the writer thread dies, losing nothing', async () => {
    const store = open();
    await store.insert(flows(0, 100), []);
    const writer = (store as unknown as { writer: { worker: Worker | null } }).writer;
    const exited = new Promise((resolve) => writer.worker!.once('exit', resolve));
    const pending = store.insert(flows(100, 100), []); // may be in flight when the thread goes
    await writer.worker!.terminate();
    await exited;
    await pending;
    expect(store.writesInThread).toBe(false);
    await store.insert(flows(200, 100), []);
    expect((await store.counts()).flows).toBe(300);
    const ids = (await store.listFlows({ q: null, sinceUs: null, untilUs: null, limit: 1000, cursor: null })).rows.map((r) => r.id);
    expect(new Set(ids).size).toBe(300);
    await store.close();
  });

  it('runs retention on the thread and recounts here', async () => {
    const store = open();
    await store.insert(flows(0, 1000), []);
    const r = await store.applyRetention({ maxAgeMs: 500, maxBytes: null }, t0 + 1000 * 1000);
    expect(r.deletedFlows).toBe(500);
    expect((await store.counts()).flows).toBe(500);
    await store.close();
  });

  it('keeps a script that only awaits the store alive until its batch is answered', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-writer-'));
    dirs.push(dir);
    const script = `
      import { SqliteStore } from './lib/server/store/sqlite/sqlite-store';
      import { flowRecord } from './lib/server/ingest/records';
      import { hubbleLine, pod } from './lib/server/store/sqlite/testing/hubble-flow-line';
      const store = new SqliteStore(${JSON.stringify(path.join(dir, 'h.db'))});
      const f = flowRecord(hubbleLine({ uuid: 'alive-1', tsUs: ${t0}, src: pod('default', 'a-1', '10.0.0.1', 1), dst: pod('default', 'b-1', '10.0.0.2', 80) }));
      store.insert([f], []).then(async (r) => { console.log('stored', r.flows.length, store.writesInThread); await store.close(); });
    `;
    const out = execFileSync(path.resolve('node_modules/.bin/tsx'), ['--eval', script], { cwd: process.cwd(), encoding: 'utf8' });
    expect(out.trim()).toBe('stored 1 true');
  });
});
