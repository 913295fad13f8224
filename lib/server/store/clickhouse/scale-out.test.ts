import type * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentBus } from '@/lib/agent/agent-bus';
import { createAgentServer, serverCredentials } from '@/lib/agent/agent-server';
import { deathStarScenario } from '@/lib/agent/sources/scenario/death-star';
import { rfc3339ToMicrosOr } from '@/lib/domain/time';
import type { HubbleFlowJson, TetragonEventJson } from '@/lib/domain/wire-types';
import { podTreeAnswer } from '@/lib/server/api/testing/pod-tree-answer';
import { podTreeFromJson } from '@/lib/domain/timeline/pod-tree-json';
import { loadConfig } from '@/lib/server/config/config';
import { createHub, type Hub } from '@/lib/server/hub';
import { eventId } from '@/lib/server/ingest/records';
import { sseResponse } from '@/lib/server/live/sse-stream';
import type { Store } from '../store';
import { clickHouseUnavailable, startLocalClickHouse, type LocalClickHouse } from './testing/local-clickhouse';

// Two Holocron servers on one ClickHouse, each subscribed to its own agent (the documented way
// to split ingest): either server's export, map and process tree hold both agents' events, a live
// event stored by one reaches an SSE client of the other, and detection runs once per event.
const unavailable = clickHouseUnavailable();
const suite = unavailable ? describe.skip : describe;

async function until(what: string, fn: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

interface Agent {
  bus: AgentBus;
  server: grpc.Server;
  port: number;
  tetragon: TetragonEventJson[];
  hubble: HubbleFlowJson[];
}

/** Our agent in-process, loaded with one Death Star cycle (`loop` gives it its own times and ids). */
async function startAgent(baseMs: number, loop: number): Promise<Agent> {
  const bus = new AgentBus();
  const server = createAgentServer(bus, Date.now());
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', serverCredentials(null), (err, p) => (err ? reject(err) : resolve(p))),
  );
  const items = deathStarScenario({ baseNs: BigInt(baseMs) * 1_000_000n, loop });
  return {
    bus,
    server,
    port,
    tetragon: items.filter((i) => i.stream === 'tetragon').map((i) => i.json as TetragonEventJson).filter((j) => !j.rate_limit_info),
    hubble: items.filter((i) => i.stream === 'hubble').map((i) => i.json as HubbleFlowJson).filter((j) => j.flow),
  };
}

function emit(agent: Agent): void {
  for (const json of agent.tetragon) agent.bus.emit(AgentBus.encode('tetragon', json, rfc3339ToMicrosOr(json.time ?? '', 0)));
  for (const json of agent.hubble) agent.bus.emit(AgentBus.encode('hubble', json, rfc3339ToMicrosOr(json.flow?.time ?? '', 0)));
}

async function exportIds(store: Store, source: 'flows' | 'events'): Promise<Set<string>> {
  const ids = new Set<string>();
  for await (const rows of store.exportRows(source, { q: null, sinceUs: null, untilUs: null })) for (const r of rows) ids.add(r.id);
  return ids;
}

suite(`two Holocron servers, one ClickHouse${unavailable ? ` — skipped: ${unavailable}` : ''}`, () => {
  let ch: LocalClickHouse;
  let a: Agent;
  let b: Agent;
  let hubA: Hub;
  let hubB: Hub;
  const now = Date.now();

  beforeAll(async () => {
    ch = await startLocalClickHouse();
    [a, b] = [await startAgent(now - 180_000, 0), await startAgent(now - 120_000, 1)];
    const hub = (agent: Agent) =>
      createHub(
        loadConfig({
          HOLOCRON_STORE: ch.url,
          HOLOCRON_AGENTS: `tetragon://127.0.0.1:${agent.port},hubble://127.0.0.1:${agent.port}`,
          HOLOCRON_RETENTION: '7d',
        }),
      );
    hubA = await hub(a);
    hubB = await hub(b);
    await until('each server to connect to its agent', () =>
      [hubA, hubB].every((h) => h.agents.every((s) => s.status.state === 'connected')) && a.bus.subscriberCount === 2 && b.bus.subscriberCount === 2,
    );
  });

  afterAll(async () => {
    await hubA?.stop();
    await hubB?.stop();
    a?.server.forceShutdown();
    b?.server.forceShutdown();
    await ch?.stop();
  });

  it('each server stores its own agent, and either answers with both agents’ history', async () => {
    emit(a);
    emit(b);
    const total = { flows: a.hubble.length + b.hubble.length, events: a.tetragon.length + b.tetragon.length };
    await until('both agents’ events to be stored', async () => {
      const c = await hubA.store.counts();
      return c.flows === total.flows && c.events === total.events;
    });
    // Flows keep their uuid; an event's id is derived from it as received, so events are told
    // apart by agent through their times (agent B's cycle starts after agent A's has ended).
    const wantFlows = new Set([...a.hubble, ...b.hubble].map((f) => f.flow!.uuid!));
    const boundaryUs = (now - 120_000) * 1000;
    const exported = new Map<Hub, Set<string>>();
    for (const hub of [hubA, hubB]) {
      expect(await exportIds(hub.store, 'flows')).toEqual(wantFlows);
      const perAgent = { a: 0, b: 0 };
      const ids = new Set<string>();
      for await (const rows of hub.store.exportRows('events', { q: null, sinceUs: null, untilUs: null })) {
        for (const r of rows) {
          ids.add(r.id);
          if (rfc3339ToMicrosOr((JSON.parse(r.json) as TetragonEventJson).time ?? '', 0) < boundaryUs) perAgent.a++;
          else perAgent.b++;
        }
      }
      expect(perAgent).toEqual({ a: a.tetragon.length, b: b.tetragon.length });
      exported.set(hub, ids);
    }
    expect(exported.get(hubA)).toEqual(exported.get(hubB));

    // The service map counts every flow of both agents, the same on both servers.
    const window = { q: null, sinceUs: (now - 600_000) * 1000, untilUs: (now + 60_000) * 1000, maxGroups: 50_000 };
    const mapA = await hubA.store.mapSamples(window);
    const mapB = await hubB.store.mapSamples(window);
    expect(mapA.samples.reduce((s, x) => s + x.count, 0)).toBe(total.flows);
    expect(mapB).toEqual(mapA);

    // The process tree of a pod holds both agents' processes (two cycles: two kills).
    const treeOf = async (hub: typeof hubA) => {
      const answer = await podTreeAnswer(hub.store, { namespace: 'default', pod: 'deathstar-6c94dcc57b-7xk2p', sinceUs: null, untilUs: null, limit: 50_000 });
      return podTreeFromJson(answer).forest;
    };
    const tree = await treeOf(hubB);
    const kills = [...tree.nodes.values()].filter((n) => n.binary === '/usr/bin/kill');
    expect(kills).toHaveLength(2);
    expect(await treeOf(hubA)).toEqual(tree);
  });

  it('detection ran once per event, on the server that stored it', async () => {
    await until('detection to settle', async () => {
      await Promise.all([hubA.detection.whenIdle(), hubB.detection.whenIdle()]);
      return hubA.detection.stats.evaluated === a.tetragon.length && hubB.detection.stats.evaluated === b.tetragon.length;
    });
    const alerts = await hubA.store.listAlerts({ filter: { q: '', priority: null, rule: null, namespace: null, pod: null, since: null, until: null }, sinceUs: null, untilUs: null, limit: 1000, cursor: null });
    expect(alerts.rows.length).toBeGreaterThan(0);
    const evidence = await Promise.all(alerts.rows.map((r) => hubB.store.alertEvidence(r.summary.id, 100)));
    const events = evidence.flat().map((e) => e.eventId);
    expect(new Set(events).size).toBe(events.length); // no event was counted into alerts twice
  });

  it('a live event stored by server A reaches an SSE client of server B', async () => {
    const abort = new AbortController();
    const res = sseResponse(hubB.live, { sources: new Set(['events', 'flows']), q: null, lastEventId: null, batchMs: 20 }, abort.signal);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    // A fresh process on agent A's node, now.
    const template = a.tetragon.find((e) => e.process_exec?.process?.binary === '/usr/bin/curl')!;
    const fresh = structuredClone(template);
    fresh.time = new Date().toISOString();
    fresh.process_exec!.process!.exec_id = `live-${Date.now()}`;
    const id = eventId(fresh);
    const sent = Date.now();
    a.bus.emit(AgentBus.encode('tetragon', fresh, Date.now() * 1000));
    let text = '';
    const deadline = Date.now() + 15_000;
    let pending = reader.read();
    while (!text.includes(id) && Date.now() < deadline) {
      const r = await Promise.race([pending, new Promise<null>((resolve) => setTimeout(() => resolve(null), 200))]);
      if (r === null) continue; // keep waiting on the same read: a second read() would lose this one's chunk
      if (r.done) break;
      text += decoder.decode(r.value);
      pending = reader.read();
    }
    const latencyMs = Date.now() - sent;
    pending.catch(() => {});
    abort.abort();
    await reader.cancel().catch(() => {});
    expect(text).toContain(id);
    expect(latencyMs).toBeLessThan(5000);
    console.log(`live event from server A to an SSE client of server B in ${latencyMs} ms`);
    // B relayed it but did not evaluate it: A did.
    await until('A to evaluate it', () => hubA.detection.stats.evaluated === a.tetragon.length + 1);
    expect(hubB.detection.stats.evaluated).toBe(b.tetragon.length);
  });
});
