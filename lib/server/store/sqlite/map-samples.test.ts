import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileFlowMatcher } from '@/lib/domain/query/match';
import { parseQuery } from '@/lib/domain/query/parse';
import { aggregateServiceMap } from '@/lib/domain/service-map/aggregate-service-map';
import type { MapFlowSample } from '@/lib/domain/service-map/map-sample';
import type { FlowRecord } from '../store';
import { flowLine, pod, world, type LineSpec } from './testing/hubble-flow-line';
import { SqliteStore } from './sqlite-store';

const MIN = 60_000_000;
// A minute boundary plus change, so windows never line up with the rollup's minutes by accident.
const T0 = 29_000_000 * MIN + 17_250_000;

const tiefighter = (port: number) => pod('default', 'tiefighter', '10.244.1.17', port, { workload: { name: 'tiefighter', kind: 'Pod' } });
const xwing = (port: number) => pod('default', 'xwing', '10.244.1.23', port);
const deathstar = (replica: 'a' | 'b', port: number) =>
  pod('default', `deathstar-6c94dcc57b-${replica}${replica}x2p`, replica === 'a' ? '10.244.2.31' : '10.244.1.40', port, {
    workload: { name: 'deathstar', kind: 'Deployment' },
    labels: ['k8s:class=deathstar', 'k8s:org=empire'],
  });
const SVC = { namespace: 'default', name: 'deathstar' };

/** The scenario's edges in miniature, spread over a few minutes, each connection on its own client port. */
function scenarioFlows(): FlowRecord[] {
  const out: FlowRecord[] = [];
  let n = 0;
  const add = (s: Omit<LineSpec, 'uuid'>) => out.push(flowLine({ uuid: `u-${n++}`, ...s }));
  for (let i = 0; i < 20; i++) {
    const t = T0 + i * 15_000_000; // every 15 s for 5 minutes
    const port = 40_000 + i;
    const replica = i % 2 ? 'a' : 'b';
    add({ tsUs: t, src: tiefighter(port), dst: deathstar(replica, 80), destinationService: SVC });
    add({ tsUs: t + 1, src: tiefighter(port), dst: deathstar(replica, 80), http: { method: 'POST', url: 'http://deathstar/v1/request-landing' } });
    add({ tsUs: t + 2, src: deathstar(replica, 80), dst: tiefighter(port), isReply: true, http: { method: 'POST', url: 'http://deathstar/v1/request-landing', code: 200 } });
    add({
      tsUs: t + 3,
      src: xwing(port),
      dst: deathstar(replica, 80),
      node: 'kind-worker2',
      verdict: 'DROPPED',
      dropReason: 'POLICY_DENIED',
      ingressDeniedBy: [{ namespace: 'default', name: 'rule1' }],
    });
    add({ tsUs: t + 4, src: tiefighter(port + 1000), dst: world('93.184.216.34', 443), encrypted: true, authType: 'SPIRE', egressAllowedBy: [{ namespace: 'default', name: 'egress' }] });
  }
  add({ tsUs: T0 + 150_000_000, src: tiefighter(45_200), dst: deathstar('a', 80), http: { method: 'PUT', url: 'http://deathstar/v1/exhaust-port' } });
  add({ tsUs: T0 + 150_000_001, src: deathstar('a', 80), dst: tiefighter(45_200), isReply: true, http: { method: 'PUT', url: 'http://deathstar/v1/exhaust-port', code: 500 } });
  return out;
}

const total = (s: MapFlowSample[]) => s.reduce((sum, x) => sum + x.count, 0);

describe('SqliteStore.mapSamples', () => {
  let dir: string;
  let file: string;
  let store: SqliteStore;
  const flows = scenarioFlows();
  const all = { q: null, sinceUs: T0 - MIN, untilUs: T0 + 10 * MIN, maxGroups: 10_000 };

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-map-'));
    file = path.join(dir, 'holocron.db');
    store = new SqliteStore(file);
    await store.insert(flows, []);
  });

  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('groups connections by endpoints, L7 endpoint and verdict, not by client port', async () => {
    const { samples, truncated } = await store.mapSamples(all);
    expect(truncated).toBe(false);
    expect(total(samples)).toBe(flows.length);
    // Per replica: L3/L4, landing request, landing response; xwing drop; world; plus the exhaust-port pair.
    expect(samples).toHaveLength(2 * 4 + 1 + 2);
    const landing = samples.filter((s) => s.httpPath === '/v1/request-landing' && !s.isReply);
    expect(landing.map((s) => s.count).sort()).toEqual([10, 10]);
    expect(landing.every((s) => s.source.port === 0 && s.destination.port === 80)).toBe(true);
    const responses = samples.filter((s) => s.isReply && s.httpCode === 200);
    expect(responses.every((s) => s.source.port === 80 && s.destination.port === 0)).toBe(true);
    const put = samples.find((s) => s.httpMethod === 'PUT');
    expect(put).toMatchObject({ httpPath: '/v1/exhaust-port', count: 1, ts: T0 + 150_000_000, lastTs: T0 + 150_000_000 });
    expect(put?.source).toMatchObject({ namespace: 'default', pod: 'tiefighter', workload: 'tiefighter', workloadKind: 'Pod', port: 0 });
    const drop = samples.find((s) => s.verdict === 'DROPPED');
    expect(drop).toMatchObject({ dropReason: 'POLICY_DENIED', policies: ['denied:default/rule1'] });
    const out = samples.find((s) => s.destination.ip === '93.184.216.34');
    expect(out).toMatchObject({ encrypted: true, authType: 'SPIRE', policies: ['allowed:default/egress'], count: 20 });
    expect(out?.destination.labels).toEqual(['reserved:world']);
    expect(out?.ts).toBe(T0 + 4);
    expect(out?.lastTs).toBe(T0 + 19 * 15_000_000 + 4);
  });

  it('feeds the aggregation the edges SCENARIO.md promises', async () => {
    const map = aggregateServiceMap((await store.mapSamples(all)).samples);
    const edge = (from: string, to: string) => map.edges.find((e) => e.source === from && e.destination === to);
    const tie = edge('default/tiefighter', 'default/deathstar');
    expect(tie?.port).toBe(80);
    expect(tie?.verdict).toBe('forwarded');
    expect(tie?.endpoints.find((e) => e.method === 'PUT')).toMatchObject({ path: '/v1/exhaust-port', requests: 1, statuses: [{ code: 500, count: 1 }] });
    expect(tie?.replies).toBe(21);
    expect(edge('default/xwing', 'default/deathstar')).toMatchObject({ verdict: 'dropped', deniedBy: ['default/rule1'] });
    expect(edge('default/tiefighter', 'world')).toMatchObject({ encrypted: 'all', mutualAuth: 'all', port: 443 });
    expect(map.nodes.find((n) => n.id === 'default/deathstar')?.pods).toHaveLength(2);
  });

  it('counts exactly the flows inside windows that do not line up with minutes', async () => {
    const count = (lo: number, hi: number) =>
      store.sql<{ n: number }>('SELECT COUNT(*) AS n FROM flows WHERE ts >= ? AND ts <= ?', lo, hi)[0]!.n;
    const windows = [
      [T0 + 1, T0 + 150_000_000], // starts one µs after the first flow, ends on the PUT
      [T0 + 30_000_000, T0 + 3 * MIN + 2], // several whole minutes and two partial ones
      [T0 + 60_000_003, T0 + 60_000_004], // inside one minute
      [T0 - 10 * MIN, T0 - 1], // before everything
    ] as const;
    for (const [lo, hi] of windows) {
      const { samples } = await store.mapSamples({ ...all, sinceUs: lo, untilUs: hi });
      expect(total(samples), `window ${lo}..${hi}`).toBe(count(lo, hi));
      for (const s of samples) {
        expect(s.ts).toBeGreaterThanOrEqual(lo);
        expect(s.lastTs).toBeLessThanOrEqual(hi);
      }
    }
  });

  it('applies q like /flows does, on the rollup and on the rows', async () => {
    const qs = [
      'to:pod=default/deathstar verdict=DROPPED',
      'http-path=^/v1/exhaust',
      'from:workload=tiefighter !protocol=UDP',
      'label=class=deathstar',
      'node=kind-worker2', // not a key column: counted from the rows
      'to:port=443',
    ];
    const sinceUs = T0 + 20_000_000;
    const untilUs = T0 + 4 * MIN + 5;
    for (const q of qs) {
      const parsed = parseQuery(q, 'flows');
      const matches = compileFlowMatcher(parsed);
      const expected = flows.filter((f) => f.summary.ts >= sinceUs && f.summary.ts <= untilUs && matches(f.summary)).length;
      const { samples } = await store.mapSamples({ ...all, q: parsed, sinceUs, untilUs });
      expect(total(samples), q).toBe(expected);
      expect(expected, q).toBeGreaterThan(0);
    }
  });

  it('keeps the busiest groups when there are too many', async () => {
    const { samples, truncated } = await store.mapSamples({ ...all, maxGroups: 3 });
    expect(truncated).toBe(true);
    expect(samples.map((s) => s.count)).toEqual([20, 10, 10]); // world, then per-replica groups
  });

  it('stays exact after retention deletes the oldest flows mid-minute', async () => {
    const nowUs = T0 + 90_000_000 + 24 * 3_600_000_000; // keep 24 h: deletes the first 90 s
    await store.applyRetention({ maxAgeMs: 24 * 3_600_000, maxBytes: null }, nowUs);
    const remaining = flows.filter((f) => f.summary.ts >= T0 + 90_000_000).length;
    expect(total((await store.mapSamples(all)).samples)).toBe(remaining);
    // Keys no flow uses any more are gone, and new flows still find theirs.
    await store.insert([flowLine({ uuid: 'late', tsUs: T0 + 5 * MIN, src: xwing(1), dst: deathstar('a', 80), verdict: 'DROPPED', dropReason: 'POLICY_DENIED', ingressDeniedBy: [{ namespace: 'default', name: 'rule1' }] })], []);
    expect(total((await store.mapSamples(all)).samples)).toBe(remaining + 1);
  });

  it('backfills the rollup when it opens a file from before it existed', async () => {
    const before = await store.mapSamples(all);
    await store.close();
    const raw = new Database(file);
    raw.exec('DROP TABLE flow_map_keys; DROP TABLE flow_map_minutes; DROP INDEX flows_map_key; DROP INDEX flows_key_ts; ALTER TABLE flows DROP COLUMN map_key;');
    raw.pragma('user_version = 3');
    raw.close();
    store = new SqliteStore(file);
    const after = await store.mapSamples(all);
    const canon = (s: MapFlowSample[]) => s.map((x) => JSON.stringify(x)).sort();
    expect(canon(after.samples)).toEqual(canon(before.samples));
  });
});
