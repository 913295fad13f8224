import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { TetragonEventJson } from '@/lib/domain/wire-types';
import { eventRecord } from '@/lib/server/ingest/records';
import { microsToRfc3339 } from '@/lib/wire/timestamp';
import type { EventRecord, FlowRecord } from '../store';
import { idKey, ID_SEGMENT_BITS } from './row-ids';
import { flowLine, pod } from './testing/hubble-flow-line';
import { writeUniqueIdFile } from './testing/unique-id-file';
import { SqliteStore } from './sqlite-store';

const T0 = 1_700_000_000_000_000;
const dirs: string[] = [];
function scratch(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-row-ids-'));
  dirs.push(dir);
  return path.join(dir, 'store.db');
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const flows = (n: number, from = 0): FlowRecord[] =>
  Array.from({ length: n }, (_, i) =>
    flowLine({ uuid: `f-${from + i}`, tsUs: T0 + (from + i) * 1000, src: pod('a', 'x', '10.0.0.1', 40000 + i), dst: pod('b', 'y', '10.0.0.2', 80) }),
  );

const events = (n: number, from = 0): EventRecord[] =>
  Array.from({ length: n }, (_, i) =>
    eventRecord({
      node_name: 'n1',
      time: microsToRfc3339(T0 + (from + i) * 1000),
      process_exec: { process: { exec_id: `exec-${from + i}`, pid: from + i, binary: '/bin/sh', pod: { namespace: 'a', name: 'x' } } },
    } as TetragonEventJson),
  );

const plan = (store: SqliteStore, sql: string, ...params: unknown[]) =>
  store
    .sql<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, ...params)
    .map((r) => r.detail)
    .join('\n');

describe('rows found by id without an index in id order (row-ids.ts)', () => {
  it('stores a replayed batch once, finds each row by id, and walks only time-local indexes', async () => {
    const store = new SqliteStore(scratch());
    const [f, e] = [flows(300), events(300)];
    expect(await store.insert(f, e)).toMatchObject({ flows: expect.any(Array), events: expect.any(Array) });
    const again = await store.insert([...f.slice(0, 10), ...flows(5, 300)], [...e.slice(100, 110), ...events(5, 300)]);
    expect([again.flows.length, again.events.length]).toEqual([5, 5]);
    // A duplicate within one batch, too.
    const twice = flows(1, 400);
    expect((await store.insert([...twice, ...twice], [])).flows.length).toBe(1);
    expect((await store.counts()).flows).toBe(306);
    expect((await store.counts()).events).toBe(305);

    expect((await store.getFlow('f-123'))?.id).toBe('f-123');
    expect(JSON.parse((await store.getFlow('f-302'))!.json).flow.uuid).toBe('f-302');
    expect((await store.getEvent(e[200]!.summary.id))?.id).toBe(e[200]!.summary.id);
    expect(await store.getFlow('f-9999')).toBeNull();
    expect((await store.flowNeighbors('f-10', 2))).not.toBeNull();

    // No UNIQUE index on id: the dedup seeks (ts, id_key), the lookup (segment, id_key).
    const indexes = store.sql<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('flows', 'events')").map((r) => r.name);
    expect(indexes.filter((n) => n.startsWith('sqlite_autoindex'))).toEqual([]);
    expect(indexes).toEqual(expect.arrayContaining(['flows_ts_key', 'flows_id_seg', 'events_ts_key', 'events_id_seg']));
    expect(plan(store, 'SELECT 1 FROM flows WHERE ts = ? AND id_key = ? AND id = ?', 1, 1, 'x')).toContain('flows_ts_key (ts=? AND id_key=?)');
    await store.close();
  });

  it('keeps an item whose key collides with a stored one: the text id decides', async () => {
    const store = new SqliteStore(scratch());
    const [a] = flows(1);
    await store.insert([a!], []);
    // Stage a collision: the stored row takes the key and time of the next item.
    const [b] = flows(1, 1);
    store.sql('UPDATE flows SET id_key = ?, ts = ? WHERE id = ? RETURNING seq', idKey(b!.summary.id), b!.summary.ts, 'f-0');
    expect((await store.insert([b!], [])).flows.length).toBe(1);
    expect((await store.getFlow('f-1'))?.id).toBe('f-1');
    expect(store.sql<{ id: string }>('SELECT id FROM flows ORDER BY id').map((r) => r.id)).toEqual(['f-0', 'f-1']);
    await store.close();
  });

  it('finds rows in every segment of arrival order', async () => {
    const store = new SqliteStore(scratch());
    await store.insert(flows(3), []);
    // The next rows land two segments further on (seq jumps past 2 × 65,536).
    store.sql(`INSERT INTO flows (seq, id, ts, node, verdict, drop_reason, type, protocol, tcp_flags, direction, src_ns, src_pod, src_workload, src_identity, src_labels, src_ip, src_port, src_service,
      dst_ns, dst_pod, dst_workload, dst_identity, dst_labels, dst_ip, dst_port, dst_service, http_method, http_path, http_code, dns_query, json, id_key)
      SELECT ${2 << ID_SEGMENT_BITS} + 7, 'marker', ts, node, verdict, drop_reason, type, protocol, tcp_flags, direction, src_ns, src_pod, src_workload, src_identity, src_labels, src_ip, src_port, src_service,
      dst_ns, dst_pod, dst_workload, dst_identity, dst_labels, dst_ip, dst_port, dst_service, http_method, http_path, http_code, dns_query, json, ? FROM flows WHERE id = 'f-0' RETURNING seq`, idKey('marker'));
    await store.insert(flows(3, 3), []);
    for (const id of ['f-0', 'f-2', 'marker', 'f-4']) expect((await store.getFlow(id))?.id).toBe(id);
    expect(store.sql<{ s: number }>('SELECT max(seq) >> 16 AS s FROM flows')[0]!.s).toBe(2);
    await store.close();
  });

  it('opens a file from before version 9 (UNIQUE id, no id_key) and keeps deduplicating and finding rows there', async () => {
    // A version-8 file: today's tables with id UNIQUE and without id_key or its indexes.
    const file = scratch();
    writeUniqueIdFile(file, scratch());
    const check = new Database(file, { readonly: true });
    expect(check.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name LIKE 'sqlite_autoindex_flows%'").get()).toEqual({ n: 1 });
    check.close();

    const store = new SqliteStore(file);
    await store.insert(flows(20), events(20));
    const again = await store.insert(flows(25), events(25));
    expect([again.flows.length, again.events.length]).toEqual([5, 5]);
    expect((await store.counts()).flows).toBe(25);
    expect((await store.getFlow('f-7'))?.id).toBe('f-7');
    expect((await store.getEvent(events(1, 3)[0]!.summary.id))?.id).toBe(events(1, 3)[0]!.summary.id);
    expect(await store.flowNeighbors('f-3', 2)).not.toBeNull();
    expect(store.sql<{ v: number }>('SELECT user_version AS v FROM pragma_user_version')[0]!.v).toBe(10);
    expect(store.sql("SELECT 1 FROM pragma_table_info('flows') WHERE name = 'id_key'")).toEqual([]);
    await store.close();
  });
});
