import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFlowMatcher } from '@/lib/domain/query/match';
import { parseQuery } from '@/lib/domain/query/parse';
import { flowRecord } from '@/lib/server/ingest/records';
import type { FlowRecord } from '../store';
import { mapKeyPage } from './map-key-page';
import { registerSqlFunctions } from './sql-functions';
import { queryToSql } from './sql-filter';
import { SqliteStore } from './sqlite-store';
import { hubbleLine, pod } from './testing/hubble-flow-line';

// Pages whose terms are all answered by the map key are read where the map's minute counts say
// matching flows are (map-key-page.ts): they must be exactly the pages a full scan gives, across
// minutes without a match, across the cursor, inside a time window, and empty when nothing matches.
describe('map-key pages', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-map-key-page-'));
  let store: SqliteStore;
  const all: FlowRecord[] = [];
  const t0 = 1_795_000_020_000_000; // 20 s into a minute
  const MIN = 60_000_000;

  beforeAll(async () => {
    store = new SqliteStore(path.join(dir, 'm.db'));
    // 6,000 flows over ~200 minutes, 2 s apart, some sharing a timestamp: drops only in every
    // seventh minute (long stretches without one), one path in a single minute, the rest forwarded.
    for (let i = 0; i < 6000; i++) {
      const ts = t0 + Math.floor(i / 3) * 6_000_000 + (i % 3 === 2 ? 0 : i % 3);
      const minute = Math.floor(ts / MIN);
      const drop = minute % 7 === 0 && i % 2 === 0;
      const exhaust = minute === Math.floor((t0 + 100 * MIN) / MIN);
      all.push(
        flowRecord(
          hubbleLine({
            uuid: `f-${i}`,
            tsUs: ts,
            verdict: drop ? 'DROPPED' : 'FORWARDED',
            http: { method: 'GET', url: exhaust ? '/v1/exhaust-port' : `/v1/item/${i % 5}` },
            src: pod('default', `client-${i % 4}`, '10.0.0.1', 40000),
            dst: pod('default', 'server-1', '10.0.0.2', 80),
          }),
        ),
      );
    }
    for (let i = 0; i < all.length; i += 700) await store.insert(all.slice(i, i + 700), []);
  });

  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const scan = (q: string, sinceUs: number | null = null, untilUs: number | null = null) => {
    const matches = compileFlowMatcher(parseQuery(q, 'flows')!);
    return all
      .filter((r) => matches(r.summary) && (sinceUs === null || r.summary.ts >= sinceUs) && (untilUs === null || r.summary.ts <= untilUs))
      .map((r) => ({ id: r.summary.id, ts: r.summary.ts, seq: all.indexOf(r) }))
      .sort((a, b) => b.ts - a.ts || b.seq - a.seq)
      .map((r) => r.id);
  };

  const pages = async (q: string, limit: number, sinceUs: number | null = null, untilUs: number | null = null) => {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let n = 0; n < 1000; n++) {
      const p = await store.listFlows({ q: parseQuery(q, 'flows'), sinceUs, untilUs, limit, cursor });
      ids.push(...p.rows.map((r) => r.id));
      if (p.rows.length > limit) throw new Error('page longer than asked');
      cursor = p.next;
      if (!cursor) break;
    }
    return ids;
  };

  it('gives every page a full scan gives, newest first, across minutes without a match', async () => {
    const want = scan('verdict=DROPPED');
    expect(want.length).toBeGreaterThan(300);
    expect(await pages('verdict=DROPPED', 500)).toEqual(want);
    expect(await pages('verdict=DROPPED', 37)).toEqual(want);
    expect(await pages('verdict=FORWARDED', 250)).toEqual(scan('verdict=FORWARDED')); // past one read of the minute counts
  });

  it('finds a rare regular-expression match in one old minute, and nothing for no match', async () => {
    const want = scan('http-path=^/v1/exhaust-port');
    expect(want.length).toBe(30);
    expect(await pages('http-path=^/v1/exhaust-port', 500)).toEqual(want);
    expect(await pages('http-path=^/v1/exhaust-port', 7)).toEqual(want);
    expect(await pages('http-path=^/v1/nowhere', 500)).toEqual([]);
  });

  it('keeps to the time window, and to negated and alternative terms', async () => {
    const since = t0 + 30 * MIN + 5_000_000;
    const until = t0 + 90 * MIN + 1;
    expect(await pages('verdict=DROPPED', 50, since, until)).toEqual(scan('verdict=DROPPED', since, until));
    expect(await pages('!verdict=DROPPED http-path=^/v1/item/[12]', 300)).toEqual(scan('!verdict=DROPPED http-path=^/v1/item/[12]'));
    expect(await pages('http-path=^/v1/exhaust http-path=^/v1/item/3', 300, since, null)).toEqual(scan('http-path=^/v1/exhaust http-path=^/v1/item/3', since, null));
  });

  it("reads each key's flows from the (map_key, ts) index, never through the table or the ts-first index", () => {
    // The plan of every statement mapKeyPage prepares, on the store's own file: the flows range
    // must be a search of flows_key_ts on the key and the time range (a rare key's rows, not every
    // key's rows of the same minutes through flows_map_key), and nothing may scan a table.
    const db = new Database(path.join(dir, 'm.db'), { readonly: true });
    registerSqlFunctions(db);
    try {
      const prepared: string[] = [];
      const prepare = (sql: string) => {
        prepared.push(sql);
        return db.prepare(sql);
      };
      const keyFilter = queryToSql(parseQuery('http-path=^/v1/exhaust-port', 'flows'));
      const rows = mapKeyPage(prepare, { keyFilter, window: ['(ts, seq) < (?, ?)'], windowParams: [Number.MAX_SAFE_INTEGER, 0], sinceUs: null, untilUs: null, limit: 10 });
      expect(rows.map((r) => r.id)).toEqual(scan('http-path=^/v1/exhaust-port').slice(0, 10));
      const plans = prepared.map((sql) => {
        const params = Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => 0);
        return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
      });
      const flowsPlan = plans.find((_, i) => /\bFROM flows\b/.test(prepared[i]!));
      expect(flowsPlan).toBeDefined();
      expect(flowsPlan).toContainEqual(expect.stringMatching(/^SEARCH flows USING INDEX flows_key_ts \(map_key=\? AND ts>\? AND ts<\?\)$/));
      for (const plan of plans) for (const d of plan) expect(d).not.toMatch(/^SCAN (flows|flow_map_minutes)\b/);
    } finally {
      db.close();
    }
  });
});
