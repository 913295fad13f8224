import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { barLabel } from '@/lib/domain/ancestry';
import { podTreeFromJson } from '@/lib/domain/timeline/pod-tree-json';
import { visibleRows } from '@/lib/domain/ancestry';
import { scenarioRecords } from '@/test/fixtures/scenario-records';
import type { EventRecord, FlowRecord } from '../store/store';
import { SqliteStore } from '../store/sqlite/sqlite-store';
import { eventContext } from './event-context';
import { flowProcesses } from './flow-processes';
import { flowItem } from './items';
import type { PodTreeQuery } from './pod-tree';
import { podTreeAnswer } from './testing/pod-tree-answer';

// The process views' server answers over one stored Death Star cycle: the pod tree, the flow →
// process correlation and the context of one event (SCENARIO.md steps 3 and 4).
describe('process view APIs over the Death Star incident', () => {
  let store: SqliteStore;
  let dir: string;
  let flows: FlowRecord[];
  let events: EventRecord[];
  const W2 = 'deathstar-6c94dcc57b-7xk2p';

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-procapi-'));
    store = new SqliteStore(path.join(dir, 'h.db'));
    ({ flows, events } = scenarioRecords());
    await store.insert(flows, events);
  });

  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // As the browser receives it: the JSON body, linked into a forest.
  const treeOf = async (q: PodTreeQuery) => {
    const answer = await podTreeAnswer(store, q);
    return { answer, ...podTreeFromJson(answer) };
  };

  it('rebuilds the deathstar pod: shim → deathstar → sh → truncate, kill; SIGKILL; the restart', async () => {
    const { answer, forest, range } = await treeOf({ namespace: 'default', pod: W2, sinceUs: null, untilUs: null, limit: 50_000 });
    expect(answer).toMatchObject({ namespace: 'default', pod: W2, truncated: false, limit: 50_000 });
    expect(range).not.toBeNull();
    const rows = visibleRows(forest, new Set());
    const shape = rows.map((r) => `${'  '.repeat(r.depth)}${forest.nodes.get(r.execId)!.binary}`);
    expect(shape).toEqual([
      '/usr/bin/containerd-shim-runc-v2',
      '  /usr/bin/deathstar',
      '    /bin/sh',
      '      /usr/bin/truncate',
      '      /usr/bin/kill',
      '  /usr/bin/deathstar',
    ]);
    const node = (i: number) => forest.nodes.get(rows[i]!.execId)!;
    expect(node(0)).toMatchObject({ isHost: true, seenExec: false });
    expect(barLabel(node(1))).toBe('SIGKILL');
    expect(node(4)).toMatchObject({ args: '-9 1' });
    expect(barLabel(node(5))).toBe('running');
    expect(node(3).events.map((m) => m.label)).toEqual(['truncate /var/log/deathstar/access.log']);
    // the shim is known only as the deathstar processes' parent: its description is the embedded one
    expect(answer.embedded.map((e) => e[3])).toContain(node(0).execId);
  });

  it('says when the pod tree was cut at the bound', async () => {
    const { answer } = await treeOf({ namespace: 'default', pod: 'tiefighter', sinceUs: null, untilUs: null, limit: 5 });
    expect(answer).toMatchObject({ truncated: true, events: 5 });
  });

  it('finds the curl that made the exhaust-port request, with its ancestry and the deathstar processes after it', async () => {
    const put = flows.find((f) => f.summary.httpMethod === 'PUT' && f.summary.httpPath === '/v1/exhaust-port' && f.summary.l7Type === 'REQUEST')!;
    const answer = await flowProcesses(store, flowItem({ id: put.summary.id, json: put.json }));
    expect(answer.connecting).not.toBeNull();
    const c = answer.connecting!;
    expect(c.event).toMatchObject({ functionName: 'tcp_connect', binary: '/usr/bin/curl', pod: 'tiefighter' });
    expect(c.match).toBe('exact');
    expect(c.chain.map((p) => p.binary)).toEqual(['/usr/bin/curl', '/bin/sh', '/usr/bin/containerd-shim-runc-v2']);
    expect(c.chain[0]!.args).toContain('/v1/exhaust-port');
    expect(c.chain[0]!.execEventId).toBeTruthy();
    expect(c.chain[2]).toMatchObject({ isHost: true, pod: null });
    expect(answer.note).toBe('');
    expect(answer.destination).toMatchObject({ namespace: 'default', pod: W2 });
    const after = answer.destination!.events.filter((e) => e.kind === 'process_exec').map((e) => `${e.binary} ${e.args}`);
    expect(after).toContain('/usr/bin/kill -9 1');
    expect(after.some((l) => l.startsWith('/usr/bin/truncate'))).toBe(true);
  });

  it('explains when no process can be matched to a flow', async () => {
    const dns = flows.find((f) => f.summary.dnsQuery && f.summary.source.pod === 'tiefighter')!;
    const answer = await flowProcesses(store, flowItem({ id: dns.summary.id, json: dns.json }));
    expect(answer.connecting).toBeNull();
    expect(answer.note).toMatch(/No socket event/);
  });

  it('gives the kill exec its chain up to the host and the process’s own exit', async () => {
    const kill = events.find((e) => e.summary.binary === '/usr/bin/kill' && e.summary.kind === 'process_exec')!;
    const ctx = (await eventContext(store, kill.summary.id))!;
    expect(ctx.item.args).toBe('-9 1');
    expect(ctx.chain.map((p) => p.binary)).toEqual(['/usr/bin/kill', '/bin/sh', '/usr/bin/deathstar', '/usr/bin/containerd-shim-runc-v2']);
    expect(ctx.chain[1]!.execEventId).toBeTruthy(); // the handler shell's exec is stored
    expect(ctx.chain[2]!.execEventId).toBeNull(); // deathstar started before the agent
    expect(ctx.processEvents.items.map((e) => e.kind)).toEqual(['process_exec', 'process_exit']);
    expect(ctx.flows.items).toEqual([]);
    expect(await eventContext(store, 'nope')).toBeNull();
  });

  it('links the curl’s tcp_connect to its flows and resolves the destination pod', async () => {
    const connect = events.find((e) => e.summary.functionName === 'tcp_connect' && /exhaust/.test(e.summary.args))!;
    const ctx = (await eventContext(store, connect.summary.id))!;
    const dest = ctx.flows.destinations.find((d) => d.eventId === connect.summary.id)!;
    expect(dest.destination).toMatchObject({ namespace: 'default', pod: W2 });
    expect(ctx.connectionFlows.some((f) => f.httpMethod === 'PUT' && f.httpPath === '/v1/exhaust-port')).toBe(true);
    expect(ctx.connectionFlows.every((f) => f.source.port === connect.summary.sock!.sport || f.destination.port === connect.summary.sock!.sport)).toBe(true);
    expect(ctx.flows.items.length).toBeGreaterThanOrEqual(ctx.connectionFlows.length);
  });
});
