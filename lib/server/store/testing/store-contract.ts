import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_ALERT_FILTER, type AlertFilter } from '@/lib/domain/alerts/alert-filter';
import { compileEventMatcher, compileFlowMatcher } from '@/lib/domain/query/match';
import { parseQuery } from '@/lib/domain/query/parse';
import type { Priority } from '@/lib/domain/rules';
import { DetectionRunner } from '@/lib/server/detection/detection-runner';
import { DETECTION_CONFIG } from '@/lib/server/detection/testing/scenario-feed';
import { LiveHub } from '@/lib/server/live/live-hub';
import { scenarioRecords } from '@/test/fixtures/scenario-records';
import { buildProcessForest } from '@/lib/domain/ancestry';
import { podTreeFromJson } from '@/lib/domain/timeline/pod-tree-json';
import { eventItem } from '@/lib/server/api/items';
import { podTreeAnswer } from '@/lib/server/api/testing/pod-tree-answer';
import type { AlertOccurrence } from '../alert-store';
import { SqliteStore } from '../sqlite/sqlite-store';
import type { EventRecord, FlowRecord, ListQuery, PodProcessEvents, Store, StoredRow } from '../store';

/**
 * The store contract: what every Store must answer, run against SQLite (sqlite-contract.test.ts)
 * and ClickHouse (clickhouse/clickhouse-contract.test.ts). Most checks compare the store under
 * test with a reference SQLite store holding the same data — "the same query, map, tree and
 * export results" is checked literally — and the q filter also against the in-memory matcher
 * the live stream uses.
 *
 * `open(name)` returns a fresh, empty store each time it is called with a new name.
 */
export type OpenStore = (name: string) => Promise<Store>;

const BASE_NS = 1_795_000_000_000_000_000n;
const HOUR_NS = 3_600_000_000_000n;
const S = 1_000_000;

export const FLOW_QUERIES = [
  'pod=default/tiefighter', 'from:pod=default/tiefighter', 'to:pod=default/deathstar', 'pod=xwing', 'pod=TIE',
  'pod=default/', 'verdict=DROPPED', '!verdict=FORWARDED', 'http-path=exhaust-port', 'http-path=^/v1/ http-method=PUT',
  'http-path=port$', 'http-path="^/v1/[a-z]+-?port"', 'http-path=\\d', 'http-status=5+', 'http-status=200', 'namespace=kube-system',
  'label=class=deathstar', 'label=class', 'from:label=org=alliance', 'label=k8s:org=empire', 'label=reserved:world', 'to:label=reserved:world',
  'from:ip=10.244.0.0/16', 'ip=10.244.1.0/24', 'ip=0.0.0.0/0', 'to:port=53', 'port=80 protocol=TCP', 'protocol=UDP', 'ip=fd00::/8',
  'dns=deathstar.default.svc.cluster.local', 'dns=cluster.local.', 'dns=LOCAL', 'type=L7', 'direction=INGRESS', 'tcp-flag=SYN',
  'reply=true', '!reply=true', 'reply=false', 'node=kind-worker2', 'drop-reason=POLICY_DENIED', 'identity=1', 'workload=deathstar',
  'to:service=default/deathstar', 'service=deathstar', 'pod=default/tiefighter pod=default/xwing', 'from:pod=default/tiefighter !to:port=53',
  '!from:label=org=empire !verdict=DROPPED', 'http-path=^/v1/exhaust-port$', 'http-path=^/v1/exhaust-portx?$', 'http-path=^/v1/zz',
];

export const EVENT_QUERIES = [
  'pod=default/tiefighter', 'pod=deathstar', 'pod=DEATH', 'namespace=default', 'binary=kill', 'binary=^/usr/bin/(curl|cat)$', 'args="-9 1"',
  'binary=^/usr/bin/k', 'file=^/etc/shadow', 'args=^-c',
  'args=shadow', 'args="\\s-9\\b"', 'args=^$', 'args=.', 'parent-binary=deathstar', 'event-type=exit', 'event-type=kprobe', 'function=tcp_connect',
  'policy=sensitive-files', 'capability=CAP_SYS_ADMIN', 'capability=net_admin', 'label=class=deathstar', 'label=org', 'node=kind-worker',
  'to:port=80', 'from:port=80', 'ip=10.244.0.0/16', 'to:ip=10.96.0.0/12', 'file=/var/log/', 'file=shadow$', 'uid=0', 'pid=1',
  'image=quay.io/cilium/starwars', 'image=QUAY.IO', 'container=spaceship', '!event-type=exec !event-type=exit', 'binary=curl pod=default/xwing',
];

let alertN = 0;
function occ(rule: string, priority: Priority, atS: number, over: Partial<AlertOccurrence> = {}): AlertOccurrence {
  alertN++;
  const t0 = 1_795_334_400 * S;
  return {
    id: `al-${alertN}`, rule, priority, time: new Date((t0 + atS * S) / 1000).toISOString(), ts: t0 + atS * S, node: 'kind-worker',
    namespace: 'default', pod: 'tiefighter', execId: `exec-${alertN}`, eventId: `ev-${alertN}`, message: `${rule} happened`, tags: ['T1059'],
    processKey: `p-${alertN}`, outputKey: `o-${rule}-${alertN}`, json: '{}', ...over,
  };
}
const scope = (filter: Partial<AlertFilter> = {}, sinceUs: number | null = null, untilUs: number | null = null) => ({
  filter: { ...EMPTY_ALERT_FILTER, ...filter },
  sinceUs,
  untilUs,
});

async function exportIds(store: Store, source: 'flows' | 'events', query: Omit<ListQuery, 'limit' | 'cursor'>): Promise<string[]> {
  const ids: string[] = [];
  for await (const rows of store.exportRows(source, query)) ids.push(...rows.map((r) => r.id));
  return ids;
}

const ids = (rows: readonly StoredRow[]) => rows.map((r) => r.id);
const canonical = (items: readonly unknown[]) => items.map((i) => JSON.stringify(i)).sort();

export function defineStoreContract(label: string, open: OpenStore): void {
  describe(`Store contract: ${label}`, () => {
    let dir: string;
    let reference: SqliteStore;
    let store: Store;
    let flows: FlowRecord[];
    let events: EventRecord[];
    const opened: Store[] = [];
    const fresh = async (name: string) => {
      const s = await open(name);
      opened.push(s);
      return s;
    };

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-contract-'));
      reference = new SqliteStore(path.join(dir, 'reference.db'));
      ({ flows, events } = scenarioRecords(BASE_NS));
      store = await fresh('main');
      const mine = await store.insert(flows, events);
      await reference.insert(flows, events);
      expect(mine.flows).toHaveLength(flows.length);
      expect(mine.events).toHaveLength(events.length);
    });

    afterAll(async () => {
      for (const s of opened) await s.close();
      await reference.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    describe('insert', () => {
      it('stores the same event once, whatever the path it comes back by', async () => {
        const s = await fresh('dedupe');
        const first = await s.insert(flows, events);
        expect(first.flows.map((f) => f.id)).toEqual(flows.map((f) => f.summary.id));
        expect(first.flowJson).toEqual(flows.map((f) => f.json));
        expect(first.eventJson).toEqual(events.map((e) => e.json));
        const replay = await s.insert(flows, events);
        expect(replay).toEqual({ flows: [], events: [], flowJson: [], eventJson: [] });
        // Twice in one batch, and a mix of old and new in the next one.
        const next = scenarioRecords(BASE_NS + 60_000_000_000n, 1);
        const mixed = await s.insert([...next.flows.slice(0, 5), ...next.flows.slice(0, 5), ...flows.slice(0, 3)], [next.events[0]!, next.events[0]!]);
        expect(mixed.flows.map((f) => f.id)).toEqual(next.flows.slice(0, 5).map((f) => f.summary.id));
        expect(mixed.events).toHaveLength(1);
        const counts = await s.counts();
        expect(counts.flows).toBe(flows.length + 5);
        expect(counts.events).toBe(events.length + 1);
        const page = await s.listFlows({ q: null, sinceUs: null, untilUs: null, limit: 10_000, cursor: null });
        expect(new Set(ids(page.rows)).size).toBe(page.rows.length);
      });

      it('counts what it holds, like SQLite', async () => {
        const { bytes, ...mine } = await store.counts();
        const { bytes: _ref, ...ref } = await reference.counts();
        expect(mine).toEqual(ref);
        expect(bytes).toBeGreaterThan(0);
      });
    });

    describe('lists', () => {
      it('pages newest first with cursors that never repeat or skip, in the same order as SQLite', async () => {
        const walk = async (s: Store) => {
          const seen: string[] = [];
          let cursor: string | null = null;
          do {
            const page = await s.listEvents({ q: null, sinceUs: null, untilUs: null, limit: 37, cursor });
            seen.push(...ids(page.rows));
            cursor = page.next;
          } while (cursor);
          return seen;
        };
        const mine = await walk(store);
        expect(mine).toHaveLength(events.length);
        expect(new Set(mine).size).toBe(events.length);
        expect(mine).toEqual(await walk(reference));
      });

      it('applies since and until, and pages oldest first', async () => {
        const sorted = flows.map((f) => f.summary.ts).sort((a, b) => a - b);
        const lo = sorted[40]!;
        const hi = sorted[200]!;
        const q: ListQuery = { q: null, sinceUs: lo, untilUs: hi, limit: 1000, cursor: null };
        const page = await store.listFlows(q);
        expect(page.rows).toHaveLength(sorted.filter((t) => t >= lo && t <= hi).length);
        expect(ids(page.rows)).toEqual(ids((await reference.listFlows(q)).rows));
        const oldest = await store.listFlows({ ...q, order: 'oldest', limit: 25 });
        expect(ids(oldest.rows)).toEqual(ids((await reference.listFlows({ ...q, order: 'oldest', limit: 25 })).rows));
        const next = await store.listFlows({ ...q, order: 'oldest', limit: 25, cursor: oldest.next });
        expect(ids(next.rows)).toEqual(ids((await reference.listFlows({ ...q, order: 'oldest', limit: 25, cursor: oldest.next })).rows));
      });

      it('gets one flow and one event by id, verbatim', async () => {
        expect(await store.getFlow(flows[17]!.summary.id)).toEqual({ id: flows[17]!.summary.id, json: flows[17]!.json });
        expect(await store.getEvent(events[10]!.summary.id)).toEqual({ id: events[10]!.summary.id, json: events[10]!.json });
        expect(await store.getFlow('no-such-uuid')).toBeNull();
        expect(await store.getEvent(flows[17]!.summary.id)).toBeNull();
      });

      it('exports oldest first in bounded batches, in the same order as SQLite', async () => {
        const all = { q: null, sinceUs: null, untilUs: null };
        expect(await exportIds(store, 'flows', all)).toEqual(await exportIds(reference, 'flows', all));
        const some = { q: parseQuery('pod=default/tiefighter', 'events'), sinceUs: events[20]!.summary.ts, untilUs: null };
        const mine = await exportIds(store, 'events', some);
        expect(mine.length).toBeGreaterThan(0);
        expect(mine).toEqual(await exportIds(reference, 'events', some));
      });

      it('refuses a cursor it did not issue', async () => {
        await expect(store.listFlows({ q: null, sinceUs: null, untilUs: null, limit: 5, cursor: 'bm9wZQ' })).rejects.toThrow(/cursor/);
      });
    });

    describe('the q filter means the same on stored and live data', () => {
      const all = async (s: Store, source: 'flows' | 'events', q: string) =>
        (await exportIds(s, source, { q: parseQuery(q, source), sinceUs: null, untilUs: null })).sort();

      it.each(FLOW_QUERIES)('flows: %s', async (q) => {
        const mine = await all(store, 'flows', q);
        expect(mine).toEqual(await all(reference, 'flows', q));
        if (!/TIE|LOCAL|k8s:/.test(q)) {
          // The in-memory matcher (live tail) is case-sensitive where SQLite's LIKE is not.
          const match = compileFlowMatcher(parseQuery(q, 'flows'));
          expect(mine).toEqual(flows.filter((f) => match(f.summary)).map((f) => f.summary.id).sort());
        }
      });

      it.each(EVENT_QUERIES)('events: %s', async (q) => {
        const mine = await all(store, 'events', q);
        expect(mine).toEqual(await all(reference, 'events', q));
        if (!/DEATH|QUAY/.test(q)) {
          const match = compileEventMatcher(parseQuery(q, 'events'));
          expect(mine).toEqual(events.filter((e) => match(e.summary)).map((e) => e.summary.id).sort());
        }
      });

      it('the queries are not vacuous: most select something and none selects everything', async () => {
        let nonEmpty = 0;
        for (const q of FLOW_QUERIES) {
          const n = (await all(store, 'flows', q)).length;
          if (q !== 'ip=0.0.0.0/0') expect(n, q).toBeLessThan(flows.length);
          if (n > 0) nonEmpty++;
        }
        expect(nonEmpty).toBeGreaterThanOrEqual(FLOW_QUERIES.length - 6);
      });
    });

    describe('process lookups', () => {
      const W2 = 'deathstar-6c94dcc57b-7xk2p';
      const kill = () => events.find((e) => e.summary.binary === '/usr/bin/kill' && e.summary.kind === 'process_exec')!;

      it('podEvents: exact pod, bounded, exec/exit first, as SQLite answers', async () => {
        const cases = [
          { namespace: 'default', pod: W2, sinceUs: null, untilUs: null, limit: 50_000 },
          { namespace: 'default', pod: 'tiefighter', sinceUs: null, untilUs: null, limit: 5 },
          { namespace: 'default', pod: 'tiefighter', sinceUs: null, untilUs: null, limit: 40 },
          { namespace: 'default', pod: 'deathstar', sinceUs: null, untilUs: null, limit: 10 },
          { namespace: 'default', pod: W2, sinceUs: kill().summary.ts - 1000, untilUs: kill().summary.ts + 1000, limit: 100 },
        ];
        for (const c of cases) expect(await store.podEvents(c), JSON.stringify(c)).toEqual(await reference.podEvents(c));
        expect((await store.podEvents(cases[0]!)).rows.map((r) => r.id)).toContain(kill().summary.id);
      });

      it('podProcessEvents: the tree the timeline links is the one podEvents gives, as SQLite answers', async () => {
        const k = kill().summary;
        const cases = [
          { namespace: 'default', pod: W2, sinceUs: null, untilUs: null, limit: 50_000 },
          { namespace: 'default', pod: W2, sinceUs: k.ts - 1000, untilUs: k.ts + 1000, limit: 100 },
          { namespace: 'default', pod: W2, sinceUs: k.ts, untilUs: null, limit: 50_000 }, // parents before the window
          { namespace: 'default', pod: 'tiefighter', sinceUs: null, untilUs: null, limit: 5 }, // more exec/exit than the bound
          { namespace: 'default', pod: 'tiefighter', sinceUs: null, untilUs: null, limit: 12 }, // kprobes cut
          { namespace: 'default', pod: 'deathstar', sinceUs: null, untilUs: null, limit: 10 },
        ];
        const seen = { ticks: 0, embedders: 0, truncated: 0 };
        for (const c of cases) {
          const events = await store.podEvents(c);
          const answer = await podTreeAnswer(store, c);
          expect(answer, JSON.stringify(c)).toMatchObject({ events: events.rows.length, truncated: events.truncated });
          expect(podTreeFromJson(answer).forest, JSON.stringify(c)).toEqual(buildProcessForest(events.rows.map(eventItem)));
          const mine = await store.podProcessEvents(c);
          const ref = await reference.podProcessEvents(c);
          const execs = (p: PodProcessEvents) => (JSON.parse(`[${Buffer.from(p.execs).toString('utf8')}]`) as unknown[]).map((r) => JSON.stringify(r)).sort();
          expect(execs(mine)).toEqual(execs(ref));
          expect({ ...mine, execs: null }).toEqual({ ...ref, execs: null });
          seen.ticks += mine.ticks.length;
          seen.embedders += mine.embedders.length;
          seen.truncated += mine.truncated ? 1 : 0;
        }
        // the cases go through markers, embedded parents and the cut at the bound
        expect(Object.values(seen).every((n) => n > 0), JSON.stringify(seen)).toBe(true);
      });

      it('execEventsByExecIds and eventsOfExecId', async () => {
        const k = kill().summary;
        const execIds = [k.execId, k.parentExecId, k.parentExecId, '', 'nope'];
        expect(await store.execEventsByExecIds(execIds)).toEqual(await reference.execEventsByExecIds(execIds));
        expect(await store.execEventsByExecIds([])).toEqual([]);
        const all = events.filter((e) => e.summary.kind === 'process_exec').map((e) => e.summary.execId);
        expect(ids(await store.execEventsByExecIds(all)).sort()).toEqual(ids(await reference.execEventsByExecIds(all)).sort());
        for (const limit of [2, 100]) expect(await store.eventsOfExecId(k.parentExecId, limit)).toEqual(await reference.eventsOfExecId(k.parentExecId, limit));
      });

      it('sockEvents, flowsTouchingIp, flowsOnEndpoint', async () => {
        const connect = events.find((e) => e.summary.functionName === 'tcp_connect' && /exhaust/.test(e.summary.args))!;
        const sock = connect.summary.sock!;
        const sq = { saddr: sock.saddr, sport: sock.sport, sinceUs: connect.summary.ts - 5 * S, untilUs: connect.summary.ts + 5 * S, limit: 50 };
        expect(ids(await store.sockEvents(sq))).toEqual(ids(await reference.sockEvents(sq)));
        expect(ids(await store.sockEvents(sq))).toContain(connect.summary.id);
        const put = flows.find((f) => f.summary.httpMethod === 'PUT' && f.summary.l7Type === 'REQUEST')!;
        const t = put.summary.ts;
        for (const limit of [2, 1000]) {
          expect(ids(await store.flowsTouchingIp(put.summary.destination.ip, t - 60 * S, t + 60 * S, limit))).toEqual(
            ids(await reference.flowsTouchingIp(put.summary.destination.ip, t - 60 * S, t + 60 * S, limit)),
          );
        }
        const ep = [put.summary.source.ip, put.summary.source.port, t - 5 * S, t + 5 * S, 100] as const;
        expect(ids(await store.flowsOnEndpoint(...ep))).toEqual(ids(await reference.flowsOnEndpoint(...ep)));
      });
    });

    describe('flows view lookups', () => {
      it('flowNeighbors: the same flows before and after as SQLite', async () => {
        const picks = [
          flows.find((f) => f.summary.httpPath === '/v1/exhaust-port' && f.summary.l7Type === 'REQUEST')!,
          flows.find((f) => f.summary.verdict === 'DROPPED')!,
          flows.find((f) => f.summary.destination.labels.some((l) => l.includes('world')))!,
          flows[0]!,
          flows[flows.length - 1]!,
        ].filter(Boolean);
        for (const f of picks) {
          for (const limit of [1, 10]) {
            const mine = await store.flowNeighbors(f.summary.id, limit);
            const ref = await reference.flowNeighbors(f.summary.id, limit);
            expect({ before: ids(mine!.before), after: ids(mine!.after) }, f.summary.id).toEqual({ before: ids(ref!.before), after: ids(ref!.after) });
          }
        }
        expect(await store.flowNeighbors('no-such-uuid', 10)).toBeNull();
      });

      it('podNode', async () => {
        const pods = [...new Set(flows.flatMap((f) => [f.summary.source, f.summary.destination]).filter((e) => e.pod).map((e) => `${e.namespace}/${e.pod}`))];
        pods.push(...new Set(events.filter((e) => e.summary.pod).map((e) => `${e.summary.namespace}/${e.summary.pod}`)), 'default/no-such-pod', 'default/');
        for (const p of new Set(pods)) {
          const [ns, pod] = p.split('/') as [string, string];
          expect(await store.podNode(ns, pod), p).toEqual(await reference.podNode(ns, pod));
        }
      });

      it('suggestValues', async () => {
        const asks = [
          ['flows', 'pod', 'either', 'default/'], ['flows', 'pod', 'to', 'kube'], ['flows', 'label', 'from', 'class='], ['flows', 'http-path', 'either', 'exhaust'],
          ['flows', 'port', 'to', ''], ['flows', 'reply', 'either', ''], ['flows', 'tcp-flag', 'either', ''], ['flows', 'http-status', 'either', '5'],
          ['flows', 'identity', 'either', ''], ['flows', 'node', 'either', ''], ['flows', 'id', 'either', ''],
          ['events', 'event-type', 'either', ''], ['events', 'binary', 'either', '/usr/bin/k'], ['events', 'capability', 'either', 'cap'],
          ['events', 'port', 'either', ''], ['events', 'uid', 'either', ''], ['events', 'pid', 'either', '1'], ['events', 'label', 'either', ''],
          ['events', 'args', 'either', 'shadow'],
        ] as const;
        for (const [source, kind, direction, prefix] of asks) {
          const q = { source, kind, direction, prefix, limit: 20 } as const;
          expect(await store.suggestValues(q), `${source} ${kind} ${direction} ${prefix}`).toEqual(await reference.suggestValues(q));
        }
      });
    });

    describe('service map samples', () => {
      it('are the same MapFlowSamples as SQLite for whole and cut minutes, with and without q', async () => {
        const ts = flows.map((f) => f.summary.ts);
        const lo = Math.min(...ts);
        const hi = Math.max(...ts);
        const windows = [
          [lo - 120 * S, hi + 120 * S],
          [lo + 12_345_678, hi - 3_210_000],
          [lo + 30 * S, lo + 31 * S],
        ] as const;
        const qs = [null, 'verdict=DROPPED', 'from:pod=default/tiefighter', 'label=class=deathstar', 'port=80', 'node=kind-worker2', 'http-path=exhaust', '!ip=10.0.0.0/8'];
        for (const [sinceUs, untilUs] of windows) {
          for (const q of qs) {
            const query = { q: q === null ? null : parseQuery(q, 'flows'), sinceUs, untilUs, maxGroups: 50_000 };
            const mine = await store.mapSamples(query);
            const ref = await reference.mapSamples(query);
            expect(mine.truncated).toBe(ref.truncated);
            expect(canonical(mine.samples), `${q} [${sinceUs}, ${untilUs}]`).toEqual(canonical(ref.samples));
          }
        }
      });

      it('keep the busiest groups when there are more than maxGroups', async () => {
        const query = { q: null, sinceUs: 0, untilUs: Number.MAX_SAFE_INTEGER - 1, maxGroups: 5 };
        const mine = await store.mapSamples(query);
        const ref = await reference.mapSamples(query);
        expect(mine.truncated).toBe(true);
        expect(mine.samples.map((s) => s.count)).toEqual(ref.samples.map((s) => s.count));
      });
    });

    describe('alerts', () => {
      const WINDOW = 600 * S;

      it('repeat, duplicate, list, counts, timeline and prune as SQLite', async () => {
        const s = await fresh('alerts');
        const first = occ('Shell', 'NOTICE', 0, { outputKey: 'same' });
        const again = occ('Shell', 'NOTICE', 300, { outputKey: 'same' });
        const later = occ('Shell', 'NOTICE', 300 + 601, { outputKey: 'same' });
        const r1 = await s.recordAlerts([first, again], WINDOW);
        expect(r1.created.map((r) => [r.summary.id, r.summary.count])).toEqual([[first.id, 2]]);
        expect(r1.repeated).toEqual([]);
        const r2 = await s.recordAlerts([later, again], WINDOW);
        expect(r2).toMatchObject({ duplicates: 1, repeated: [] });
        expect(r2.created.map((r) => r.summary.id)).toEqual([later.id]);
        const sameProcess = occ('Shell', 'NOTICE', 400, { processKey: `p-${alertN - 2}` });
        const r3 = await s.recordAlerts([sameProcess], WINDOW);
        expect(r3.repeated.map((r) => [r.summary.id, r.summary.count])).toEqual([[first.id, 3]]);
        const one = (await s.getAlert(first.id))!.summary;
        expect(one).toMatchObject({ count: 3, firstSeenUs: first.ts, lastSeenUs: sameProcess.ts, lastEventId: sameProcess.eventId });
        expect((await s.alertEvidence(first.id, 10)).map((e) => e.eventId)).toEqual([first.eventId, again.eventId, sameProcess.eventId]);

        await s.recordAlerts(
          [
            occ('Read sensitive file', 'WARNING', 10),
            occ('Kill', 'CRITICAL', 20, { pod: 'deathstar-6c94dcc57b-7xk2p' }),
            occ('Kill', 'CRITICAL', 30, { namespace: 'kube-system', pod: 'coredns-1', message: "kill of 100%_done 'x'" }),
            occ('Host', 'WARNING', 40, { namespace: '', pod: '' }),
          ],
          WINDOW,
        );
        const walk: string[] = [];
        let cursor: string | null = null;
        do {
          const page = await s.listAlerts({ ...scope(), limit: 2, cursor });
          walk.push(...page.rows.map((r) => r.summary.rule));
          cursor = page.next;
        } while (cursor);
        expect(walk).toEqual(['Shell', 'Host', 'Kill', 'Kill', 'Read sensitive file', 'Shell']);
        const rules = async (f: Partial<AlertFilter>, since: number | null = null, until: number | null = null) =>
          (await s.listAlerts({ ...scope(f, since, until), limit: 100, cursor: null })).rows.map((r) => r.summary.rule).sort();
        expect(await rules({ priority: 'WARNING' })).toEqual(['Host', 'Kill', 'Kill', 'Read sensitive file']);
        expect(await rules({ pod: 'default/death' })).toEqual(['Kill']);
        expect(await rules({ pod: 'core' })).toEqual(['Kill']);
        expect(await rules({ q: "100%_ 'x'" })).toEqual(['Kill']);
        expect(await rules({ namespace: 'default', rule: 'Kill' })).toEqual(['Kill']);
        const t0 = first.ts;
        expect(await rules({}, t0 + 15 * S, t0 + 35 * S)).toEqual(['Kill', 'Kill', 'Shell']);
        const counts = await s.alertCounts(scope({ priority: 'CRITICAL', namespace: 'default' }));
        expect(counts.total).toBe(1);
        expect(counts.byPriority).toEqual({ NOTICE: 2, WARNING: 1, CRITICAL: 1 });
        expect(counts.byRule).toEqual([{ rule: 'Kill', priority: 'CRITICAL', count: 1 }]);
        const t = (await s.alertTimeline(scope(), 60))!;
        expect(t.buckets.reduce((sum, b) => sum + Object.values(b.counts).reduce((x, y) => x + y, 0), 0)).toBe(8);
        expect(await s.alertTimeline(scope({ rule: 'nothing' }), 60)).toBeNull();

        expect(await s.pruneAlerts(t0 + 50 * S)).toBe(4);
        expect((await s.listAlerts({ ...scope(), limit: 10, cursor: null })).rows.map((r) => r.summary.rule).sort()).toEqual(['Shell', 'Shell']);
        expect(await s.alertEvidence(`al-${alertN - 1}`, 10)).toEqual([]);
      });

      it('detection over the Death Star cycle raises the same alerts on both stores', async () => {
        const run = async (s: Store) => {
          const runner = new DetectionRunner({ config: DETECTION_CONFIG, store: s, live: new LiveHub(), log: () => {} });
          for (let i = 0; i < events.length; i += 50) await runner.process(events.slice(i, i + 50));
          const list = await s.listAlerts({ ...scope(), limit: 1000, cursor: null });
          const evidence = await Promise.all(list.rows.map((r) => s.alertEvidence(r.summary.id, 100)));
          return {
            alerts: list.rows.map((r) => ({ ...r.summary, json: JSON.parse(r.json) })),
            evidence,
            counts: await s.alertCounts(scope()),
            timeline: await s.alertTimeline(scope(), 30),
          };
        };
        const mine = await run(await fresh('detection'));
        const refStore = new SqliteStore(path.join(dir, 'detection-ref.db'));
        const ref = await run(refStore);
        await refStore.close();
        expect(mine.alerts.length).toBeGreaterThan(3);
        expect(mine.alerts).toEqual(ref.alerts);
        expect(mine.evidence).toEqual(ref.evidence);
        expect({ ...mine.counts, byRule: canonical(mine.counts.byRule), byNamespace: canonical(mine.counts.byNamespace) }).toEqual({
          ...ref.counts,
          byRule: canonical(ref.counts.byRule),
          byNamespace: canonical(ref.counts.byNamespace),
        });
        expect(mine.timeline).toEqual(ref.timeline);
      });
    });

    describe('retention', () => {
      it('forgets what is older than the maximum age, and nothing newer', async () => {
        const s = await fresh('retention-age');
        await s.insert(flows, events);
        const newest = Math.max(...flows.map((f) => f.summary.ts), ...events.map((e) => e.summary.ts));
        const now = newest + 30 * S;
        const cutoff = now - 45 * S;
        const result = await s.applyRetention({ maxAgeMs: 45_000, maxBytes: null }, now);
        expect(result.deletedFlows).toBe(flows.filter((f) => f.summary.ts < cutoff).length);
        expect(result.deletedEvents).toBe(events.filter((e) => e.summary.ts < cutoff).length);
        expect(result.deletedFlows).toBeGreaterThan(0);
        const left = await s.counts();
        expect(left.flows).toBe(flows.length - result.deletedFlows);
        expect(left.events).toBe(events.length - result.deletedEvents);
        expect(left.oldestUs).toBeGreaterThanOrEqual(cutoff);
        const kept = flows.filter((f) => f.summary.ts >= cutoff).map((f) => f.summary.id).sort();
        expect((await exportIds(s, 'flows', { q: null, sinceUs: null, untilUs: null })).sort()).toEqual(kept);
        const gone = flows.find((f) => f.summary.ts < cutoff)!;
        expect(await s.getFlow(gone.summary.id)).toBeNull();
        // Running it again deletes nothing more.
        expect(await s.applyRetention({ maxAgeMs: 45_000, maxBytes: null }, now)).toEqual({ deletedFlows: 0, deletedEvents: 0 });
      });

      it('by size drops the oldest data until the store is under the cap', async () => {
        const s = await fresh('retention-size');
        for (let loop = 0; loop < 6; loop++) {
          const r = scenarioRecords(BASE_NS + BigInt(loop) * HOUR_NS, loop);
          await s.insert(r.flows, r.events);
        }
        const before = await s.counts();
        const cap = Math.floor(before.bytes / 2);
        await s.applyRetention({ maxAgeMs: null, maxBytes: cap }, Date.now() * 1000);
        const after = await s.counts();
        expect(after.bytes).toBeLessThanOrEqual(cap);
        expect(after.flows).toBeGreaterThan(0);
        expect(after.oldestUs!).toBeGreaterThan(before.oldestUs!);
        expect(after.newestUs).toBe(before.newestUs);
      });
    });
  });
}
