import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickHouseUnavailable, startLocalClickHouse, type LocalClickHouse } from '@/lib/server/store/clickhouse/testing/local-clickhouse';
import { getJson, startHolocron, waitFor, type RunningHolocron } from './support/holocron-server';
import { podTreeFromJson, type PodTreeJson } from '@/lib/domain/timeline/pod-tree-json';

// docs/SCALE-OUT.md for real: two `next start` servers on one ClickHouse, each with its own
// agent (different seeds, so different events). Either server's API answers with both agents'
// history, and a live event ingested by one server streams to a client of the other.
const unavailable = clickHouseUnavailable();
const suite = unavailable ? describe.skip : describe;

interface Health {
  store: { kind: string; flows: number; events: number };
  ingest: { inserted: number };
}

const agent = (seed: number) => ['--source', 'scenario:death-star', '--rate', '3000', '--seed', String(seed)];

suite(`two servers on one ClickHouse${unavailable ? ` — skipped: ${unavailable}` : ''}`, () => {
  let ch: LocalClickHouse;
  let a: RunningHolocron;
  let b: RunningHolocron;

  beforeAll(async () => {
    ch = await startLocalClickHouse();
    const env = { HOLOCRON_STORE: ch.url };
    [a, b] = await Promise.all([startHolocron({ agentArgs: agent(1), env }), startHolocron({ agentArgs: agent(2), env })]);
    // Each agent replays one cycle; wait until both servers have stored theirs and agree. Both
    // can agree halfway through a replay on a loaded machine, so the total must also hold still
    // for a second (the replay sends at 3,000 a second).
    let last = { total: -1, at: 0 };
    await waitFor(
      'both agents’ cycles to be stored',
      async () => {
        const [ha, hb] = await Promise.all([getJson<Health>(`${a.url}/api/health`), getJson<Health>(`${b.url}/api/health`)]);
        const total = ha.ingest.inserted + hb.ingest.inserted;
        const agree = ha.ingest.inserted > 400 && hb.ingest.inserted > 400 && ha.store.flows + ha.store.events === total && hb.store.flows + hb.store.events === total;
        if (total !== last.total) last = { total, at: Date.now() };
        return agree && Date.now() - last.at >= 1000;
      },
      90_000,
    );
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await ch?.stop();
  });

  it('answers the same export, map and process tree on either server, with both agents in them', async () => {
    const [ha, hb] = await Promise.all([getJson<Health>(`${a.url}/api/health`), getJson<Health>(`${b.url}/api/health`)]);
    expect(ha.store.kind).toBe('clickhouse');
    const lines = async (url: string, source: string) => (await (await fetch(`${url}/api/export?source=${source}&format=ndjson`)).text()).split('\n').filter(Boolean);
    const [flowsA, flowsB, eventsA, eventsB] = await Promise.all([lines(a.url, 'flows'), lines(b.url, 'flows'), lines(a.url, 'events'), lines(b.url, 'events')]);
    expect(flowsA.length + eventsA.length).toBe(ha.ingest.inserted + hb.ingest.inserted);
    expect(new Set(flowsB)).toEqual(new Set(flowsA));
    expect(new Set(eventsB)).toEqual(new Set(eventsA));

    const range = `since=${Date.now() - 3_600_000}&until=${Date.now() + 60_000}`; // epoch ms: the same window on both
    const [mapA, mapB] = await Promise.all([getJson<{ edges: unknown[]; window: { flows: number } }>(`${a.url}/api/map?${range}`), getJson(`${b.url}/api/map?${range}`)]);
    expect(mapA.window.flows).toBe(flowsA.length);
    expect(mapB).toEqual(mapA);

    // As the timeline reads it: the answer linked into the pod's process forest.
    const tree = async (url: string) => podTreeFromJson(await getJson<PodTreeJson>(`${url}/api/pods/default/tiefighter/tree`)).forest;
    const [treeA, treeB] = await Promise.all([tree(a.url), tree(b.url)]);
    expect(treeB).toEqual(treeA);
    // Each agent's cycle has the incident's shell in tiefighter: two of them.
    expect([...treeA.nodes.values()].filter((n) => n.binary === '/bin/sh').length).toBeGreaterThanOrEqual(2);
  });

  // Seen failing late in full `npm test` runs (B's stream got no batch in 60 s) and never alone,
  // cause not found yet: one retry, with a new seed so the cycle is new again, and both servers'
  // relay state and logs in the failure message.
  let attempt = 0;
  it('streams a live event ingested by server A to an SSE client of server B', { retry: 1 }, async () => {
    attempt++;
    const abort = new AbortController();
    const res = await fetch(`${b.url}/api/stream?source=events`, { signal: abort.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    const before = (await getJson<Health>(`${b.url}/api/health`)).ingest.inserted;
    // A new cycle on server A's agent (another seed: new events), while B's agent is idle.
    await a.stopAgent();
    await a.startAgent(agent(2 + attempt));
    let text = '';
    let pending = reader.read();
    await waitFor(
      'an event batch on B’s stream',
      async () => {
        const r = await Promise.race([pending, new Promise<null>((resolve) => setTimeout(() => resolve(null), 200))]);
        if (r && !r.done) {
          text += decoder.decode(r.value);
          pending = reader.read();
        }
        return /event: batch\ndata: \[\{/.test(text);
      },
      60_000,
    ).catch(async (e: Error) => {
      const health = async (url: string) => JSON.stringify(await getJson(`${url}/api/health`).catch((err: Error) => err.message)).slice(0, 2000);
      throw new Error(`${e.message}\nA health: ${await health(a.url)}\nB health: ${await health(b.url)}\nA log: ${a.log().slice(-3000)}\nB log: ${b.log().slice(-3000)}`);
    });
    pending.catch(() => {}); // the read in flight ends with an AbortError
    abort.abort();
    // B stored nothing itself meanwhile: the events came from A, through ClickHouse.
    expect((await getJson<Health>(`${b.url}/api/health`)).ingest.inserted).toBe(before);
  });
});
