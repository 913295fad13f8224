import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubbleFlowJson } from '@/lib/domain/wire-types';
import { scenarioRecords } from '@/test/fixtures/scenario-records';
import type { FlowRecord } from '../store';
import { SqliteStore } from './sqlite-store';
import { SCAN_ROWS } from './suggest-values';
import { hubbleLine, pod } from './testing/hubble-flow-line';
import { flowRecord } from '@/lib/server/ingest/records';

// The lookups behind the flows view: autocomplete values, a flow's neighbours between the same
// endpoints, and which node a pod runs on — over one Death Star cycle.
describe('SqliteStore flows-view lookups', () => {
  let store: SqliteStore;
  let dir: string;
  let flows: FlowRecord[];
  const W2 = 'deathstar-6c94dcc57b-7xk2p';
  const exhaust = () => flows.find((f) => f.summary.httpPath === '/v1/exhaust-port' && f.summary.l7Type === 'REQUEST')!;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-flowsview-'));
    store = new SqliteStore(path.join(dir, 'h.db'));
    const records = scenarioRecords();
    flows = records.flows;
    await store.insert(records.flows, records.events);
  });

  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('suggestValues', () => {
    it('offers pods as namespace/name, ranked by how often they were seen', async () => {
      const values = await store.suggestValues({ source: 'flows', kind: 'pod', direction: 'either', prefix: 'default/', limit: 20 });
      expect(values.map((v) => v.value)).toContain('default/tiefighter');
      expect(values.map((v) => v.value)).toContain(`default/${W2}`);
      const counts = values.map((v) => v.count);
      expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    });

    it('matches paths after a slash, and labels without their source prefix', async () => {
      const paths = await store.suggestValues({ source: 'flows', kind: 'http-path', direction: 'either', prefix: 'exhaust', limit: 5 });
      expect(paths.map((v) => v.value)).toEqual(['/v1/exhaust-port']);
      const labels = await store.suggestValues({ source: 'flows', kind: 'label', direction: 'from', prefix: 'class=', limit: 10 });
      expect(labels.map((v) => v.value)).toContain('class=tiefighter');
    });

    it('honours the side asked for', async () => {
      const to = await store.suggestValues({ source: 'flows', kind: 'pod', direction: 'to', prefix: 'kube-system/coredns', limit: 5 });
      expect(to.length).toBeGreaterThan(0);
      const nodes = await store.suggestValues({ source: 'flows', kind: 'node', direction: 'either', prefix: '', limit: 10 });
      expect(nodes.map((v) => v.value).sort()).toEqual(expect.arrayContaining(['kind-worker', 'kind-worker2']));
    });

    it('suggests event values by their short names', async () => {
      const types = await store.suggestValues({ source: 'events', kind: 'event-type', direction: 'either', prefix: '', limit: 10 });
      expect(types.map((v) => v.value)).toEqual(expect.arrayContaining(['exec', 'exit', 'kprobe']));
      const bins = await store.suggestValues({ source: 'events', kind: 'binary', direction: 'either', prefix: '/usr/bin/k', limit: 10 });
      expect(bins.map((v) => v.value)).toContain('/usr/bin/kill');
    });

    it('answers nothing for kinds without useful values', async () => {
      expect(await store.suggestValues({ source: 'flows', kind: 'id', direction: 'either', prefix: '', limit: 10 })).toEqual([]);
    });

    it('scans a bounded number of rows', () => {
      expect(SCAN_ROWS).toBeLessThanOrEqual(50_000);
    });
  });

  describe('flowNeighbors', () => {
    it('gives the flows around the exhaust-port request between tiefighter and the replica, both directions', async () => {
      const f = exhaust();
      const n = await store.flowNeighbors(f.summary.id, 10);
      expect(n).not.toBeNull();
      const all = [...n!.before, ...n!.after].map((r) => (JSON.parse(r.json) as HubbleFlowJson).flow!);
      expect(all.length).toBeGreaterThan(2);
      for (const flow of all) {
        const pods = [flow.source?.pod_name, flow.destination?.pod_name].sort();
        expect(pods).toEqual(['tiefighter', W2].sort());
      }
      // The response (deathstar → tiefighter, 500) comes right after.
      const after = n!.after.map((r) => (JSON.parse(r.json) as HubbleFlowJson).flow!);
      expect(after.some((x) => x.l7?.http?.code === 500 && x.source?.pod_name === W2)).toBe(true);
      // Closest first on both sides.
      const ts = (rows: { json: string }[]) => rows.map((r) => Date.parse((JSON.parse(r.json) as HubbleFlowJson).flow!.time!));
      const before = ts(n!.before);
      expect([...before].sort((a, b) => b - a)).toEqual(before);
      expect(n!.before.concat(n!.after).map((r) => r.id)).not.toContain(f.summary.id);
    });

    it('is null for an unknown uuid and bounded by the limit', async () => {
      expect(await store.flowNeighbors('no-such-uuid', 10)).toBeNull();
      const n = await store.flowNeighbors(exhaust().summary.id, 1);
      expect(n!.before.length).toBeLessThanOrEqual(1);
      expect(n!.after.length).toBeLessThanOrEqual(1);
    });

    it('lists a pod talking to itself once, not once per direction', async () => {
      const self = pod('default', 'loopy-1', '10.0.9.9', 8080);
      const loop = [0, 1, 2].map((i) => flowRecord(hubbleLine({ uuid: `loop-${i}`, tsUs: 1_795_000_000_000_000 + i * 1000, src: { ...self, port: 40000 + i }, dst: self })));
      await store.insert(loop, []);
      const n = await store.flowNeighbors('loop-1', 10);
      expect(n!.before.map((r) => r.id)).toEqual(['loop-0']);
      expect(n!.after.map((r) => r.id)).toEqual(['loop-2']);
    });
  });

  describe('podNode', () => {
    it('places tiefighter on kind-worker and the hit replica on kind-worker2', async () => {
      expect(await store.podNode('default', 'tiefighter')).toEqual({ node: 'kind-worker', from: 'flows' });
      expect((await store.podNode('default', W2))?.node).toBe('kind-worker2');
    });

    it('is null for a pod never seen', async () => {
      expect(await store.podNode('default', 'no-such-pod')).toBeNull();
    });
  });
});
