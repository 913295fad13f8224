import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { scenarioRecords } from '@/test/fixtures/scenario-records';
import { addJsonBlocks, JsonBlockReader, JsonBlockWriter, jsonRef, packJson, unpackBlock } from './json-blocks';
import { SqliteStore } from './sqlite-store';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function scratch(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-blocks-'));
  dirs.push(d);
  return path.join(d, 'h.db');
}

describe('JSON kept in compressed blocks', () => {
  const texts = [
    '{"a":1}',
    '',
    '{"s":"line\\nbreak \\"quoted\\" \u2028 \ud83d\ude80 émoji"}',
    'x'.repeat(300_000), // past a block's size: a block of its own
    '{"lone":"\ud800"}', // stored as UTF-8, like a TEXT column: U+FFFD, as before blocks
    '[]',
  ];

  it('gives back every text exactly, whatever block it landed in', () => {
    const packed = packJson(texts);
    expect(packed.blocks.length).toBeGreaterThan(1);
    const opened = packed.blocks.map(unpackBlock);
    texts.forEach((t, i) => {
      const p = packed.places[i]!;
      expect(opened[Math.floor(p / 65536)]![p % 65536]).toBe(Buffer.from(t, 'utf8').toString('utf8'));
    });
  });

  it('places rows of a group together, and each group in arrival order', () => {
    const many = Array.from({ length: 200 }, (_, i) => `{"i":${i},"pad":"${'p'.repeat(3000)}"}`);
    const packed = packJson(many, (i) => (i % 2 ? 'odd' : 'even'));
    const blockOf = (i: number) => Math.floor(packed.places[i]! / 65536);
    // ~3 KB rows fill several 128 KiB blocks per group; at most the block where the groups meet mixes them.
    const evenBlocks = new Set(many.map((_, i) => i).filter((i) => i % 2 === 0).map(blockOf));
    const oddBlocks = new Set(many.map((_, i) => i).filter((i) => i % 2 === 1).map(blockOf));
    expect([...evenBlocks].filter((b) => oddBlocks.has(b)).length).toBeLessThanOrEqual(1);
    expect(packed.places[2]! > packed.places[0]!).toBe(true);
  });

  it('resolves references through the table, and leaves older rows’ text as it is', () => {
    const db = new Database(':memory:');
    addJsonBlocks(db);
    const writer = new JsonBlockWriter(db);
    const packed = packJson(['{"n":1}', '{"n":2}']);
    const [id] = writer.store(packed.blocks, [10]);
    const reader = new JsonBlockReader(db);
    const rows = reader.resolve([{ json: jsonRef(id!, 1) as unknown }, { json: '{"old":true}' }, { id: 'no json' }]);
    expect(rows).toEqual([{ json: '{"n":2}' }, { json: '{"old":true}' }, { id: 'no json' }]);
    expect(() => reader.text(jsonRef(id! + 1, 0))).toThrow(/block .* missing/);
    expect(() => reader.text(jsonRef(id!, 5))).toThrow(/past its block/);
    // Retention: a block goes once every row older than its newest is gone, never reusing its id.
    expect(writer.expireBefore(10)).toBe(0);
    expect(writer.expireBefore(11)).toBe(1);
    const [next] = writer.store(packJson(['{}']).blocks, [20]);
    expect(next).toBeGreaterThan(id!);
    db.close();
  });

  it('opens each block once per batch of rows, however their rows interleave in it (an export reads in time order)', () => {
    const db = new Database(':memory:');
    addJsonBlocks(db);
    const writer = new JsonBlockWriter(db);
    // Three blocks; rows in time order alternate between them.
    const texts = Array.from({ length: 30 }, (_, i) => `{"g":${i % 3},"i":${i}}`);
    const ids = [0, 1, 2].map((g) => writer.store(packJson(texts.filter((_, i) => i % 3 === g)).blocks, [1])[0]!);
    let opened = 0;
    const counting = new Proxy(db, {
      get(target, prop) {
        if (prop !== 'prepare') return Reflect.get(target, prop, target);
        return (sql: string) => {
          const st = target.prepare(sql);
          const get = st.get.bind(st);
          return Object.assign(st, { get: (...a: unknown[]) => (opened++, get(...a)) });
        };
      },
    });
    const refs = () => texts.map((_, i) => ({ json: jsonRef(ids[i % 3]!, Math.floor(i / 3)) as unknown }));
    // A cache that holds one block: rows one by one would reopen a block for nearly every row.
    const small = new JsonBlockReader(counting, 1);
    expect(small.resolve(refs()).map((r) => r.json)).toEqual(texts);
    expect(opened).toBe(3);
    const roomy = new JsonBlockReader(counting);
    roomy.resolve(refs());
    expect(roomy.resolve(refs()).map((r) => r.json)).toEqual(texts);
    expect(opened).toBe(6); // kept open for the next batch
    db.close();
  });

  it('starts a new block after retention deleted the open one, never writing its expired rows back', () => {
    const db = new Database(':memory:');
    addJsonBlocks(db);
    const writer = new JsonBlockWriter(db);
    const reader = new JsonBlockReader(db);
    const [old] = writer.append('flows', ['{"old":1}'], [10]);
    expect(writer.expireBefore(11)).toBe(1);
    const [fresh] = writer.append('flows', ['{"fresh":1}'], [20]);
    expect(reader.text(fresh!)).toBe('{"fresh":1}');
    expect(() => reader.text(old!)).toThrow(/block .* missing/);
    const blocks = db.prepare('SELECT count(*) FROM json_blocks').pluck().get();
    expect(blocks).toBe(1);
    db.close();
  });

  it('stores what ingest hands it ~10× smaller than the text, and reads it back byte for byte', async () => {
    const file = scratch();
    const { flows, events } = scenarioRecords();
    const store = new SqliteStore(file);
    await store.insert(flows, events);
    for (const f of flows.slice(0, 20)) expect((await store.getFlow(f.summary.id))?.json).toBe(f.json);
    for (const e of events.slice(0, 20)) expect((await store.getEvent(e.summary.id))?.json).toBe(e.json);
    await store.close();
    const raw = new Database(file, { readonly: true });
    const textBytes = [...flows, ...events].reduce((n, r) => n + Buffer.byteLength(r.json), 0);
    const blockBytes = raw.prepare('SELECT sum(length(data)) FROM json_blocks').pluck().get() as number;
    expect(blockBytes * 10).toBeLessThan(textBytes);
    expect(raw.prepare("SELECT count(*) FROM flows WHERE typeof(json) <> 'blob'").pluck().get()).toBe(0);
    raw.close();
  });

  it('fills the open block across small batches, and a reader that opened it early sees the rows added since', async () => {
    const file = scratch();
    const { flows } = scenarioRecords();
    const store = new SqliteStore(file);
    await store.insert(flows.slice(0, 3), []);
    expect((await store.getFlow(flows[0]!.summary.id))?.json).toBe(flows[0]!.json); // the reader opens the block
    for (let i = 3; i < 30; i += 3) await store.insert(flows.slice(i, i + 3), []);
    for (const f of flows.slice(0, 30)) expect((await store.getFlow(f.summary.id))?.json).toBe(f.json);
    await store.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare('SELECT count(*) FROM json_blocks').pluck().get()).toBe(1); // ten batches, one block
    raw.close();
  });

  it('opens a file written before blocks existed: old rows read as text, new ones from blocks', async () => {
    const file = scratch();
    const { flows, events } = scenarioRecords();
    const first = new SqliteStore(file);
    await first.insert(flows.slice(0, 10), events.slice(0, 10));
    await first.close();
    // Stage the older layout: text in the rows, no blocks table, schema version 6.
    const raw = new Database(file);
    for (const r of flows.slice(0, 10)) raw.prepare('UPDATE flows SET json = ? WHERE id = ?').run(r.json, r.summary.id);
    for (const r of events.slice(0, 10)) raw.prepare('UPDATE events SET json = ? WHERE id = ?').run(r.json, r.summary.id);
    raw.exec('DROP TABLE json_blocks');
    raw.pragma('user_version = 6');
    raw.close();

    const again = new SqliteStore(file);
    await again.insert(flows.slice(10), events.slice(10));
    const all: string[] = [];
    for await (const batch of again.exportRows('flows', { q: null, sinceUs: null, untilUs: null, order: 'oldest' })) {
      for (const r of batch) all.push(r.json);
    }
    expect(all.sort()).toEqual(flows.map((f) => f.json).sort());
    expect((await again.getEvent(events[3]!.summary.id))?.json).toBe(events[3]!.json);
    expect((await again.getEvent(events[30]!.summary.id))?.json).toBe(events[30]!.json);
    await again.close();
  });
});
