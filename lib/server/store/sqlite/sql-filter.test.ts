import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileEventMatcher, compileFlowMatcher } from '@/lib/domain/query/match';
import { parseQuery } from '@/lib/domain/query/parse';
import { scenarioRecords } from '@/test/fixtures/scenario-records';
import type { EventRecord, FlowRecord } from '../store';
import { SqliteStore } from './sqlite-store';

// The same filter must mean the same thing on live items (in-memory matcher) and on stored
// history (SQL). Both run over one Death Star cycle and must select exactly the same ids.
const FLOW_QUERIES = [
  'pod=default/tiefighter',
  'from:pod=default/tiefighter',
  'to:pod=default/deathstar',
  'pod=xwing',
  'verdict=DROPPED',
  '!verdict=FORWARDED',
  'http-path=exhaust-port',
  'http-path=^/v1/ http-method=PUT',
  'http-status=5+',
  'http-status=200',
  'namespace=kube-system',
  'label=class=deathstar',
  'from:label=org=alliance',
  'label=reserved:world',
  'to:label=reserved:world',
  'from:ip=10.244.0.0/16',
  'to:port=53',
  'port=80 protocol=TCP',
  'protocol=UDP',
  'dns=deathstar.default.svc.cluster.local',
  'type=L7',
  'direction=INGRESS',
  'tcp-flag=SYN',
  'reply=true',
  '!reply=true',
  'node=kind-worker2',
  'drop-reason=POLICY_DENIED',
  'identity=1',
  'workload=deathstar',
  'to:service=default/deathstar',
  'pod=default/tiefighter pod=default/xwing',
  'from:pod=default/tiefighter !to:port=53',
];

const EVENT_QUERIES = [
  'pod=default/tiefighter',
  'pod=deathstar',
  'namespace=default',
  'binary=kill',
  'binary=^/usr/bin/(curl|cat)$',
  'args="-9 1"',
  'args=shadow',
  'parent-binary=deathstar',
  'event-type=exit',
  'event-type=kprobe',
  'function=tcp_connect',
  'policy=sensitive-files',
  'capability=CAP_SYS_ADMIN',
  'capability=net_admin',
  'label=class=deathstar',
  'label=org',
  'node=kind-worker',
  'to:port=80',
  'ip=10.244.0.0/16',
  'file=/var/log/',
  'uid=0',
  'image=quay.io/cilium/starwars',
  'container=spaceship',
  '!event-type=exec !event-type=exit',
  'binary=curl pod=default/xwing',
];

describe('q filters: SQL and in-memory agree', () => {
  let store: SqliteStore;
  let dir: string;
  let flows: FlowRecord[];
  let events: EventRecord[];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-filter-'));
    store = new SqliteStore(path.join(dir, 'h.db'));
    ({ flows, events } = scenarioRecords());
    await store.insert(flows, events);
  });

  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function allIds(source: 'flows' | 'events', q: string): Promise<string[]> {
    const ids: string[] = [];
    for await (const rows of store.exportRows(source, { q: parseQuery(q, source), sinceUs: null, untilUs: null })) {
      ids.push(...rows.map((r) => r.id));
    }
    return ids.sort();
  }

  it.each(FLOW_QUERIES)('flows: %s', async (q) => {
    const match = compileFlowMatcher(parseQuery(q, 'flows'));
    const expected = flows.filter((f) => match(f.summary)).map((f) => f.summary.id).sort();
    expect(await allIds('flows', q)).toEqual(expected);
  });

  it.each(EVENT_QUERIES)('events: %s', async (q) => {
    const match = compileEventMatcher(parseQuery(q, 'events'));
    const expected = events.filter((e) => match(e.summary)).map((e) => e.summary.id).sort();
    expect(await allIds('events', q)).toEqual(expected);
  });

  it('the queries are not vacuous: most select something and none selects everything', async () => {
    let nonEmpty = 0;
    for (const q of FLOW_QUERIES) {
      const n = (await allIds('flows', q)).length;
      expect(n).toBeLessThan(flows.length);
      if (n > 0) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThanOrEqual(FLOW_QUERIES.length - 2);
  });

  it('finds the incident with the filters a responder would type', async () => {
    const kill = await allIds('events', 'binary=/usr/bin/kill args="-9 1" pod=default/deathstar event-type=exec');
    expect(kill).toHaveLength(1);
    const put = await store.listFlows({ q: parseQuery('http-path=exhaust-port http-method=PUT', 'flows'), sinceUs: null, untilUs: null, limit: 10, cursor: null });
    expect(put.rows.map((r) => JSON.parse(r.json).flow.source.pod_name)).toContain('tiefighter');
  });
});
