import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseQuery } from '@/lib/domain/query/parse';
import type { TetragonEventJson } from '@/lib/domain/wire-types';
import { HttpError } from '@/lib/server/http/http-error';
import { eventRecord } from '@/lib/server/ingest/records';
import { scenarioRecords } from '@/test/fixtures/scenario-records';
import { openStore } from '../open-store';
import type { Store } from '../store';
import { ReadPool, type ReadPoolStats } from './read-pool';
import type { SqliteStore } from './sqlite-store';

const opened: Store[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function storeWith(budget: { timeMs: number; maxRows: number }, argBytes = 0, copies = 4, dbFile?: string): Promise<Store> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-readpool-'));
  dirs.push(dir);
  const store = await openStore({ store: null, dbFile: dbFile ?? path.join(dir, 'h.db'), queryBudget: budget });
  opened.push(store);
  for (let loop = 0; loop < copies; loop++) {
    const { flows, events } = scenarioRecords(1_795_000_000_000_000_000n + BigInt(loop) * 3_600_000_000_000n, loop);
    const widened = argBytes
      ? events.map((e) => {
          const json = JSON.parse(e.json) as TetragonEventJson;
          const p = json.process_exec?.process;
          if (p) p.arguments = `${'a'.repeat(argBytes)} ${p.arguments ?? ''}`;
          return p ? eventRecord(json) : e;
        })
      : events;
    await store.insert(flows, widened);
  }
  return store;
}

const list = (store: Store, q: string) => store.listEvents({ q: parseQuery(q, 'events'), sinceUs: null, untilUs: null, limit: 100, cursor: null });

/** The longest the event loop went without running a 10 ms timer while `work` was pending. */
async function longestStall(work: Promise<unknown>): Promise<number> {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 10);
  await work.catch(() => {});
  clearInterval(timer);
  return worst;
}

describe('reads on reader threads, within a budget', () => {
  it('answers the ReDoS patterns of issue 16 correctly and without holding the event loop', async () => {
    const store = await storeWith({ timeMs: 10_000, maxRows: 5_000_000 }, 20_000);
    expect('readPool' in store).toBe(true);
    for (const q of ['args=(.+)+#', 'args=^(a+)+$', Array.from({ length: 30 }, () => 'args="(.*a){12}"').join(' ')]) {
      const page = list(store, q);
      expect(await longestStall(page), q).toBeLessThan(500);
      const rows = (await page).rows;
      // Same answer as the in-memory matcher would give: only rows whose arguments match.
      if (q === 'args=(.+)+#') expect(rows).toHaveLength(0);
      if (q.startsWith('args="(.*a)')) expect(rows.length).toBeGreaterThan(0);
    }
    // Answered on reader threads, not on this one.
    expect((store as Store & { readPool: ReadPoolStats }).readPool).toMatchObject({ inline: false, threads: 2 });
  });

  it('stops a query past its row budget with a 503 naming HOLOCRON_QUERY_MAX_ROWS', async () => {
    const store = await storeWith({ timeMs: 10_000, maxRows: 50 });
    const error = await list(store, 'args=nothing-matches-this').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 503, param: 'q' });
    expect((error as Error).message).toMatch(/more than 50 rows .*HOLOCRON_QUERY_MAX_ROWS/);
    // The thread is still good for the next query.
    await expect(list(store, 'event-type=exec')).resolves.toMatchObject({ rows: expect.any(Array) });
  });

  it('stops a query past its time budget with a 503 naming HOLOCRON_QUERY_TIMEOUT, and keeps answering', async () => {
    // 2 MB of arguments per exec: each regex test takes milliseconds, the whole scan far longer than 150 ms.
    const store = await storeWith({ timeMs: 150, maxRows: 5_000_000 }, 2_000_000, 2);
    const started = performance.now();
    const query = list(store, 'args=(x+x+)+y');
    const stall = await longestStall(query);
    const error = await query.catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503, param: 'q' });
    expect((error as Error).message).toMatch(/time budget of 150 ms .*HOLOCRON_QUERY_TIMEOUT/);
    expect(performance.now() - started).toBeLessThan(150 + 1000 + 500);
    expect(stall).toBeLessThan(500);
    // Still answering. On a loaded 2-core machine one small query can itself pass 150 ms, so the
    // pool gets three tries: a pool that stopped answering fails all three.
    let answered: unknown = null;
    for (let i = 0; i < 3 && !answered; i++) answered = await list(store, 'event-type=exit').catch(() => null);
    expect(answered).toMatchObject({ rows: expect.any(Array) });
  });

  it('exports through the pool in order, as the store itself does', async () => {
    const store = await storeWith({ timeMs: 10_000, maxRows: 5_000_000 }, 0, 3);
    const ids: string[] = [];
    for await (const batch of store.exportRows('events', { q: null, sinceUs: null, untilUs: null })) ids.push(...batch.map((r) => r.id));
    expect(ids.length).toBe((await store.counts()).events);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('renders an export on the reader threads to the same bytes the rows give, NDJSON and JSON', async () => {
    const store = await storeWith({ timeMs: 10_000, maxRows: 5_000_000 }, 0, 2);
    const query = { q: parseQuery('event-type=exec', 'events'), sinceUs: null, untilUs: null };
    const jsons: string[] = [];
    for await (const batch of store.exportRows('events', query, 7)) jsons.push(...batch.map((r) => r.json));
    expect(jsons.length).toBeGreaterThan(14);
    const pool = (store as Store & { readPool: ReadPoolStats }).readPool;
    for (const format of ['ndjson', 'json'] as const) {
      const asked = pool.queries;
      const chunks: Uint8Array[] = [];
      for await (const bytes of store.exportBytes!('events', query, format, 7)) chunks.push(bytes);
      expect(chunks.length).toBe(Math.ceil(jsons.length / 7) + (format === 'json' ? 1 : 0)); // one per batch (+ the closing bracket)
      expect(pool.queries - asked).toBe(Math.ceil(jsons.length / 7)); // each batch read and rendered by a reader thread
      const text = Buffer.concat(chunks).toString('utf8');
      expect(text).toBe(format === 'ndjson' ? `${jsons.join('\n')}\n` : `[\n${jsons.join(',\n')}\n]\n`);
    }
    const none = { q: parseQuery('pod=nowhere/none', 'events'), sinceUs: null, untilUs: null };
    const empty: string[] = [];
    for await (const bytes of store.exportBytes!('events', none, 'json')) empty.push(Buffer.from(bytes).toString());
    expect(empty.join('')).toBe('[]\n');
  });

  it("serves a waiting page before the export batches queued ahead of it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-readpool-'));
    dirs.push(dir);
    const file = path.join(dir, 'h.db');
    const store = await storeWith({ timeMs: 10_000, maxRows: 5_000_000 }, 0, 2, file);
    // One reader thread: while it answers the first request, everything else waits in line.
    const pool = new ReadPool(file, { timeMs: 10_000, maxRows: 5_000_000 }, store as Store & Pick<SqliteStore, 'exportPage'>, 1);
    try {
      await pool.run('listEvents', [{ q: null, sinceUs: null, untilUs: null, limit: 1, cursor: null }]);
      const done: string[] = [];
      const all = [
        pool.run('listEvents', [{ q: null, sinceUs: null, untilUs: null, limit: 50, cursor: null }]).then(() => done.push('first page')),
        ...[1, 2, 3].map((n) => pool.run('exportPage', ['events', { q: null, sinceUs: null, untilUs: null }, null, 50, 'ndjson', true], 'bulk').then(() => done.push(`export batch ${n}`))),
        pool.run('listEvents', [{ q: parseQuery('event-type=exec', 'events'), sinceUs: null, untilUs: null, limit: 50, cursor: null }]).then(() => done.push('second page')),
      ];
      expect(pool.stats.queued).toBe(4);
      await Promise.all(all);
      expect(done).toEqual(['first page', 'second page', 'export batch 1', 'export batch 2', 'export batch 3']);
    } finally {
      await pool.close();
    }
  });
});
