import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '@/lib/domain/query/parse';
import { regexTest } from '@/lib/domain/regex/re2';
import type { TetragonEventJson } from '@/lib/domain/wire-types';
import { HttpError } from '@/lib/server/http/http-error';
import { eventRecord } from '@/lib/server/ingest/records';
import type { LiveInput } from '@/lib/server/live/live-hub';
import { scenarioRecords } from '@/test/fixtures/scenario-records';
import { SqliteStore } from '../sqlite/sqlite-store';
import type { EventRecord, Store } from '../store';
import { ClickHouseStore } from './clickhouse-store';
import { ch } from './ch-sql';
import { re2MatchSql } from './ch-filter';
import { clickHouseUnavailable, startLocalClickHouse, type LocalClickHouse } from './testing/local-clickhouse';

// What only the ClickHouse store has to prove: its regex dialect and literal escaping against a
// real server, hostile strings, several servers on one database, and the live relay between them.
const unavailable = clickHouseUnavailable();
const suite = unavailable ? describe.skip : describe;

let server: LocalClickHouse;
let dbN = 0;
const opened: Store[] = [];
async function open(database = `t${Date.now().toString(36)}_${++dbN}`): Promise<ClickHouseStore> {
  const store = await ClickHouseStore.open(server.database(database));
  opened.push(store);
  return store;
}

async function until(what: string, fn: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

suite(`ClickHouse store${unavailable ? ` — skipped: ${unavailable}` : ''}`, () => {
  beforeAll(async () => {
    server = await startLocalClickHouse();
  });
  afterAll(async () => {
    for (const s of opened) await s.close();
    await server?.stop();
  });

  it('runs q RE2 patterns with the same meaning as the server engine (lib/domain/regex)', async () => {
    const store = await open();
    const patterns = [
      'kill', '^/usr/bin/(curl|cat)$', 'a.b', '^.$', '\\s', '\\S+', '[\\s]', '[^\\s]', '\\d{2,3}', '[a-]', '\\bfoo\\b',
      'x{2}', '\\x41', '\\x{e9}', '(?:ab)+?', '(?P<n>a)b', '(?i)KILL', '\\pL+', '\\p{Greek}', '[[:alpha:]]+',
      'é', '😀', 'x😀y', '^.😀', 'a\\.b', '[.]', '^\\w+$', '\\W', '^$', '\\$', "'", '"', '\\\\', '\\]', ']', '}', 'a{0,2}b', 'ß', '\\Aab\\z',
    ];
    const values = [
      'kill', 'KILL', '/usr/bin/curl', 'a\nb', 'a\rb', 'axb', 'é', '', ' ', '\u00a0', '\u2028', '\t', '\u000b', '12', '123', '-', 'z',
      'foo bar', 'xx', 'A', '\n', 'a', '/', 'ab', 'abab', 'ß', 'a.b', '$', "it's", '"q"', 'back\\slash', ']', '}', 'aab', 'αβγ', '😀', 'x😀y', 'a😀',
    ];
    // Through the store's own match() wrapping (ch-filter.ts), value by value.
    const differ: string[] = [];
    for (const p of patterns) {
      const [row] = await store.db.rows<Record<string, number>>(
        `SELECT ${values.map((v, i) => `${re2MatchSql(ch`${v}`, p)} AS m${i}`).join(', ')}`,
      );
      values.forEach((v, i) => {
        if ((Number(row![`m${i}`]) === 1) !== regexTest(p, v)) differ.push(`${p} on ${JSON.stringify(v)}`);
      });
    }
    expect(differ).toEqual([]);
  });

  it('stops a read past its time budget with a 503 naming HOLOCRON_QUERY_TIMEOUT (max_execution_time)', async () => {
    const store = await ClickHouseStore.open(server.database(`budget_${Date.now().toString(36)}`), 1000);
    opened.push(store);
    const started = Date.now();
    const error = await store.db.rows('SELECT count() FROM numbers(100000000000) WHERE sipHash64(number) = 0').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 503, param: 'q' });
    expect((error as Error).message).toMatch(/time budget of 1000 ms .*HOLOCRON_QUERY_TIMEOUT/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('refuses what RE2 cannot run (lookaround, backreferences) when q is parsed: a 400 naming the term', () => {
    for (const q of ['binary=(?=x)', 'args=(a)\\1', 'file=(?<!/)etc', 'http-path="a{1001}"']) {
      const source = q.startsWith('http') ? 'flows' : 'events';
      expect(() => parseQuery(q, source), q).toThrow(/invalid regular expression/);
    }
  });

  it('keeps hostile strings verbatim and filters on them as SQLite does', async () => {
    const store = await open();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-ch-hostile-'));
    const reference = new SqliteStore(path.join(dir, 'ref.db'));
    const { events } = scenarioRecords();
    const exec = JSON.parse(events.find((e) => e.summary.kind === 'process_exec')!.json) as TetragonEventJson;
    const names = ["o'brien", 'back\\slash', 'tab\there', 'new\nline', 'nul\u0000byte', '\u202Egnp.exe', "'); DROP TABLE events; --", '%_*?', 'ünï😀'];
    const hostile: EventRecord[] = names.map((name, i) => {
      const line = structuredClone(exec);
      const p = line.process_exec!.process!;
      p.pod = { ...p.pod!, name, pod_labels: { [`k${name}`]: name } };
      p.arguments = `-c ${name}`;
      p.exec_id = `hostile-${i}`;
      return eventRecord(line);
    });
    await store.insert([], hostile);
    await reference.insert([], hostile);
    for (const rec of hostile) expect(await store.getEvent(rec.summary.id)).toEqual({ id: rec.summary.id, json: rec.json });
    const q = (text: string) => ({ q: parseQuery(text, 'events'), sinceUs: null, untilUs: null, limit: 100, cursor: null });
    const queries = [
      ...names.map((n) => `pod=${JSON.stringify(n)}`),
      ...names.map((n) => `args=${JSON.stringify(n.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&'))}`),
      ...names.map((n) => `label=${JSON.stringify(`k${n}=${n}`)}`),
      'pod="o\'"',
    ];
    for (const text of queries) {
      const mine = (await store.listEvents(q(text))).rows.map((r) => r.id).sort();
      expect(mine, text).toEqual((await reference.listEvents(q(text))).rows.map((r) => r.id).sort());
    }
    expect((await store.listEvents(q(`pod=${JSON.stringify("'); DROP TABLE events; --")}`))).rows).toHaveLength(1);
    expect((await store.counts()).events).toBe(names.length);
    await reference.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lets several servers share one database: one history, each event stored once', async () => {
    const name = `shared${Date.now().toString(36)}`;
    const [a, b] = [await open(name), await open(name)];
    expect(a.seqs.slot).not.toBe(b.seqs.slot);
    const one = scenarioRecords(1_795_000_000_000_000_000n, 0);
    const two = scenarioRecords(1_795_000_060_000_000_000n, 1);
    expect((await a.insert(one.flows, one.events)).flows).toHaveLength(one.flows.length);
    expect((await b.insert(two.flows, two.events)).events).toHaveLength(two.events.length);
    // B never saw A's batch: it asks ClickHouse and finds every id stored.
    expect(await b.insert(one.flows, one.events)).toEqual({ flows: [], events: [], flowJson: [], eventJson: [] });
    for (const s of [a, b]) {
      const counts = await s.counts();
      expect(counts.flows).toBe(one.flows.length + two.flows.length);
      expect(await s.getFlow(one.flows[5]!.summary.id)).toEqual({ id: one.flows[5]!.summary.id, json: one.flows[5]!.json });
    }
    // A cursor from one server pages on the other.
    const pageA = await a.listFlows({ q: null, sinceUs: null, untilUs: null, limit: 100, cursor: null });
    const pageB = await b.listFlows({ q: null, sinceUs: null, untilUs: null, limit: 100, cursor: pageA.next });
    const restA = await a.listFlows({ q: null, sinceUs: null, untilUs: null, limit: 100, cursor: pageA.next });
    expect(pageB.rows.map((r) => r.id)).toEqual(restA.rows.map((r) => r.id));
    // Retention decided by one server is what every server sees.
    const newest = Math.max(...one.flows.map((f) => f.summary.ts));
    await a.applyRetention({ maxAgeMs: 1000, maxBytes: null }, newest + 1_000_001);
    await until('B to see the floor', async () => (await b.counts()).flows === two.flows.length);
  });

  it('relays live rows to the other servers, once each, in order, marked relayed', async () => {
    const name = `relay${Date.now().toString(36)}`;
    const [a, b] = [await open(name), await open(name)];
    const gotB: LiveInput[] = [];
    const gotA: LiveInput[] = [];
    b.followCluster({ intervalMs: 50 }).start((items) => gotB.push(...items));
    const relayA = a.followCluster({ intervalMs: 50 }).start((items) => gotA.push(...items));
    await new Promise((r) => setTimeout(r, 300)); // both relays have discovered each other
    const { flows, events } = scenarioRecords(BigInt(Date.now()) * 1_000_000n, 0);
    await a.insert(flows.slice(0, 100), events.slice(0, 80));
    await a.insert(flows.slice(100), events.slice(80));
    await relayA.announceLost({ source: 'tetragon://x:1', count: 7, reason: 'agent gap', atUs: Date.now() * 1000 });
    const kill = events.find((e) => e.summary.binary === '/usr/bin/kill')!;
    await a.recordAlerts(
      [{ id: 'al-relay', rule: 'Kill', priority: 'CRITICAL', time: kill.summary.time, ts: kill.summary.ts, node: 'n', namespace: 'default', pod: 'p',
         execId: kill.summary.execId, eventId: kill.summary.id, message: 'kill', tags: [], processKey: 'pk', outputKey: 'ok', json: '{}' }],
      600_000_000,
    );
    const total = flows.length + events.length + 2;
    await until('B to receive everything A stored', () => gotB.length >= total);
    await new Promise((r) => setTimeout(r, 300));
    expect(gotB).toHaveLength(total);
    const flowIds = gotB.flatMap((i) => (i.source === 'flows' ? [i.summary.id] : []));
    expect(flowIds).toEqual(flows.map((f) => f.summary.id));
    const eventItems = gotB.filter((i) => i.source === 'events');
    expect(eventItems.map((i) => (i.source === 'events' ? i.summary : null))).toEqual(events.map((e) => e.summary));
    expect(eventItems.every((i) => i.source === 'events' && i.relayed && i.json.length > 0)).toBe(true);
    expect(gotB.find((i) => i.source === 'lost')).toMatchObject({ count: 7, reason: 'agent gap', origin: 'tetragon://x:1' });
    expect(gotB.find((i) => i.source === 'alerts')).toMatchObject({ change: 'new', relayed: true, summary: { id: 'al-relay', count: 1 } });
    // A does not relay its own rows back to itself.
    expect(gotA).toEqual([]);
  });

  it('waits at a gap in a writer’s sequence until it fills', async () => {
    const name = `gap${Date.now().toString(36)}`;
    const [a, b] = [await open(name), await open(name)];
    const got: LiveInput[] = [];
    b.followCluster({ intervalMs: 50 }).start((items) => got.push(...items));
    await new Promise((r) => setTimeout(r, 300));
    const first = a.seqs.take(2);
    const lost = (seq: number, count: number) =>
      a.db.insert('live_rows', ['origin', 'seq', 'source', 'ts', 'id', 'payload'], [
        [a.seqs.origin, seq, 'lost', 0, '', JSON.stringify({ source: 's', count, reason: 'r', atUs: 0 })],
      ]);
    await lost(first + 1, 2); // the second write lands first
    await new Promise((r) => setTimeout(r, 400));
    expect(got).toEqual([]);
    await lost(first, 1);
    await until('both, in order', () => got.length === 2);
    expect(got.map((i) => (i.source === 'lost' ? i.count : 0))).toEqual([1, 2]);
  });
});
