import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioRecords } from '@/test/fixtures/scenario-records';
import type { EventRecord, FlowRecord, StoredRow } from '../store';
import { BUCKET_SHIFT, bucketTerm } from './endpoint-buckets';
import { SqliteStore } from './sqlite-store';

const S = 1_000_000;
const LOOP_NS = 60_000_000_000n;
const ids = (rows: StoredRow[]) => rows.map((r) => r.id);

// Address lookups over a new file (time-bucketed address indexes, schema 10) and over a file
// whose address indexes are (ip, port, ts) as before version 10: the same answers, and in the new
// file every lookup is a seek in its index.
describe('address indexes with a time bucket before the port (endpoint-buckets.ts)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-endpoint-buckets-'));
  const files = { fresh: path.join(dir, 'fresh.db'), older: path.join(dir, 'older.db') };
  const stores: Record<keyof typeof files, SqliteStore> = {} as never;
  const flows: FlowRecord[] = [];
  const events: EventRecord[] = [];

  beforeAll(async () => {
    // Three cycles a minute apart: lookups whose window spans several buckets.
    for (let loop = 0; loop < 3; loop++) {
      const r = scenarioRecords(1_795_000_000_000_000_000n + BigInt(loop) * LOOP_NS, loop);
      flows.push(...r.flows);
      events.push(...r.events);
    }
    // The older layout: the indexes a file made before version 10 has, under the same names.
    const raw = new SqliteStore(files.older);
    await raw.close();
    const db = new Database(files.older);
    db.exec(`DROP INDEX flows_src_ip; DROP INDEX flows_dst_ip; DROP INDEX events_sock;
      CREATE INDEX flows_src_ip ON flows(src_ip, src_port, ts);
      CREATE INDEX flows_dst_ip ON flows(dst_ip, dst_port, ts);
      CREATE INDEX events_sock ON events(sock_saddr, sock_sport, ts);`);
    db.close();
    for (const name of Object.keys(files) as (keyof typeof files)[]) {
      stores[name] = new SqliteStore(files[name]);
      await stores[name].insert(flows, events);
    }
  });

  afterAll(async () => {
    for (const s of Object.values(stores)) await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers socket, address and endpoint lookups exactly as a scan would, in both layouts', async () => {
    const socks = events.filter((e) => e.summary.sock && e.summary.sock.saddr !== '');
    expect(socks.length).toBeGreaterThan(10);
    for (const sock of socks.slice(0, 40)) {
      const { saddr, sport } = sock.summary.sock!;
      const { ts } = sock.summary;
      const q = { saddr, sport, sinceUs: ts - 90 * S, untilUs: ts + 90 * S, limit: 100 };
      const expected = events
        .filter((e) => e.summary.sock?.saddr === saddr && e.summary.sock.sport === sport && e.summary.ts >= q.sinceUs && e.summary.ts <= q.untilUs)
        .sort((a, b) => a.summary.ts - b.summary.ts)
        .map((e) => e.summary.id);
      expect(ids(await stores.fresh.sockEvents(q))).toEqual(expected);
      expect(ids(await stores.older.sockEvents(q))).toEqual(expected);
    }
    for (const f of flows.filter((_, i) => i % 97 === 0)) {
      const { ip, port } = f.summary.source;
      const [since, until] = [f.summary.ts - 100 * S, f.summary.ts + 100 * S];
      const onEndpoint = (x: FlowRecord['summary']['source']) => x.ip === ip && x.port === port;
      const expected = flows
        .filter((g) => (onEndpoint(g.summary.source) || onEndpoint(g.summary.destination)) && g.summary.ts >= since && g.summary.ts <= until)
        .map((g) => g.summary.id)
        .sort();
      const fresh = ids(await stores.fresh.flowsOnEndpoint(ip, port, since, until, 1000));
      expect([...fresh].sort()).toEqual(expected);
      expect(ids(await stores.older.flowsOnEndpoint(ip, port, since, until, 1000))).toEqual(fresh);
      const touching = ids(await stores.fresh.flowsTouchingIp(ip, since, until, 50));
      expect(touching.length).toBeGreaterThan(0);
      expect(ids(await stores.older.flowsTouchingIp(ip, since, until, 50))).toEqual(touching);
    }
  });

  it('seeks each bucket of the window by address and port in a new file', () => {
    const t = flows[0]!.summary.ts;
    const b = bucketTerm(t, t + 200 * S);
    const plan = stores.fresh
      .sql<{ detail: string }>(`EXPLAIN QUERY PLAN SELECT id FROM flows WHERE src_ip = ? AND ${b.sql} AND src_port = ? AND ts >= ? AND ts <= ?`, '10.0.0.1', ...b.params, 1, t, t + 200 * S)
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toMatch(/USING INDEX flows_src_ip \(src_ip=\? AND <expr>=\? AND src_port=\? AND ts>\? AND ts<\?\)/);
    // A window of more buckets than it seeks one by one: a range of buckets, still the index.
    const wide = bucketTerm(t - 86_400 * S, t);
    expect(wide.sql).toContain('BETWEEN');
    expect(JSON.parse((bucketTerm(t, t + 2 ** BUCKET_SHIFT).params[0] as string))).toHaveLength(2);
  });
});
