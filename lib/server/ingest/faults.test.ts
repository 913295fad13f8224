import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scenarioRecords } from '@/test/fixtures/scenario-records';
import { loadConfig } from '../config/config';
import { createHub, type Hub } from '../hub';
import { SqliteStore } from '../store/sqlite/sqlite-store';
import { IngestBatcher } from './batcher';

async function until(what: string, fn: () => boolean | Promise<boolean>, ms = 20_000, state?: () => unknown): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}${state ? `: ${JSON.stringify(state())}` : ''}`);
}

describe('an endpoint that speaks garbage', () => {
  let hub: Hub | null = null;
  let server: net.Server | null = null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-garbage-'));

  afterEach(async () => {
    await hub?.stop();
    server?.close();
  });

  it('is logged, retried with backoff, and the server stays up', async () => {
    let connections = 0;
    server = net.createServer((socket) => {
      connections++;
      socket.end(Buffer.from('HTTP/1.1 200 OK\r\n\r\n\u0000\u0001garbage, not HTTP/2'));
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    hub = await createHub(loadConfig({ HOLOCRON_AGENTS: `tetragon://127.0.0.1:${port}`, HOLOCRON_DB: path.join(dir, 'g.db') }));
    const agent = hub.agents[0]!;
    await until('two reconnect attempts', () => agent.status.reconnects >= 2 && connections >= 2);
    expect(agent.status.state).not.toBe('connected');
    expect(agent.status.lastError).toBeTruthy();
    // The rest of the server still works.
    const r = scenarioRecords();
    await hub.store.insert(r.flows.slice(0, 5), []);
    expect((await hub.store.counts()).flows).toBe(5);
  });
});

// A full or read-only disk: a clear error, ingest pauses (sources are asked to stop reading),
// nothing crashes, and nothing already received is dropped once the disk is writable again.
const isRoot = process.getuid?.() === 0;
describe.skipIf(!isRoot)('a full disk (tmpfs; needs root), then a read-only database', () => {
  const mnt = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-disk-'));
  afterEach(() => {
    try {
      execFileSync('umount', [mnt]);
    } catch {
      /* not mounted */
    }
  });

  it('pauses ingest with the reason and resumes without losing the queue', { timeout: 90_000 }, async () => {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mnt]);
    const store = new SqliteStore(path.join(mnt, 'h.db'));
    const congestion: boolean[] = [];
    const batcher = new IngestBatcher(store, {
      maxBatch: 500,
      maxDelayMs: 5,
      highWater: 100_000,
      onInserted: () => {},
      onLost: () => {},
      onCongestion: (c) => congestion.push(c),
    });
    // Fill the disk so the next batches cannot be written.
    const filler = path.join(mnt, 'filler');
    fs.writeFileSync(filler, Buffer.alloc(7_600_000));
    const records = [0, 1, 2, 3].map((loop) => scenarioRecords(1_795_000_000_000_000_000n + BigInt(loop) * 60_000_000_000n, loop));
    for (const r of records) for (const f of r.flows) batcher.acceptFlow(f);
    await until('the store to refuse a batch', () => batcher.stats.storeError !== null);
    expect(batcher.stats.storeError).toMatch(/full/i);
    expect(congestion[0]).toBe(true); // the sources were told to pause
    const total = records.reduce((n, r) => n + r.flows.length, 0);
    expect(batcher.stats.inserted + batcher.stats.queued).toBe(total);

    fs.rmSync(filler);
    await until('ingest to resume and drain', () => batcher.stats.storeError === null && batcher.stats.queued === 0, 20_000, () => batcher.stats);
    expect((await store.counts()).flows).toBe(total);
    expect(congestion[congestion.length - 1]).toBe(false);

    // A disk remounted read-only under an open database cannot be staged here (the kernel refuses
    // to remount a busy mount), so SQLite's own read-only switch produces the same error path.
    await store.writerPragma('query_only = ON');
    const more = scenarioRecords(1_796_000_000_000_000_000n, 9);
    for (const f of more.flows.slice(0, 50)) batcher.acceptFlow(f);
    await until('the read-only error', () => batcher.stats.storeError !== null, 10_000, () => batcher.stats);
    expect(batcher.stats.storeError).toMatch(/readonly|read-only|read only/i);
    expect(batcher.stats.queued).toBe(50);
    await store.writerPragma('query_only = OFF');
    await until('the queued flows to land', () => batcher.stats.queued === 0 && batcher.stats.storeError === null, 20_000, () => batcher.stats);
    expect((await store.counts()).flows).toBe(total + 50);
    batcher.close();
    await store.close();
  });
});
