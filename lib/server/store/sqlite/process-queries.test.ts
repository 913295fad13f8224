import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TetragonEventJson } from '@/lib/domain/wire-types';
import { eventRecord } from '@/lib/server/ingest/records';
import { scenarioRecords } from '@/test/fixtures/scenario-records';
import type { EventRecord, FlowRecord } from '../store';
import { SqliteStore } from './sqlite-store';

// The store lookups the process views and the flow ↔ process correlation stand on, over one
// Death Star cycle in a temporary SQLite file.
describe('SqliteStore process lookups', () => {
  let store: SqliteStore;
  let dir: string;
  let flows: FlowRecord[];
  let events: EventRecord[];
  const W2 = 'deathstar-6c94dcc57b-7xk2p';
  const W1 = 'deathstar-6c94dcc57b-m9qvz';

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-procq-'));
    store = new SqliteStore(path.join(dir, 'h.db'));
    ({ flows, events } = scenarioRecords());
    await store.insert(flows, events);
  });

  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const parse = (json: string) => JSON.parse(json) as TetragonEventJson;
  const binaryOf = (e: TetragonEventJson) => (e.process_exec ?? e.process_exit ?? e.process_kprobe)?.process?.binary;

  describe('podEvents', () => {
    it('matches the pod name exactly, not as a prefix, and returns oldest first', async () => {
      const { rows, truncated } = await store.podEvents({ namespace: 'default', pod: W2, sinceUs: null, untilUs: null, limit: 50_000 });
      expect(truncated).toBe(false);
      const expected = events.filter((e) => e.summary.namespace === 'default' && e.summary.pod === W2);
      expect(rows.map((r) => r.id).sort()).toEqual(expected.map((e) => e.summary.id).sort());
      const pods = new Set(rows.map((r) => (parse(r.json).process_exec ?? parse(r.json).process_exit ?? parse(r.json).process_kprobe)?.process?.pod?.name));
      expect([...pods]).toEqual([W2]);
      const ts = rows.map((r) => parse(r.json).time ?? '');
      expect([...ts].sort()).toEqual(ts);
      expect(rows.map((r) => binaryOf(parse(r.json)))).toContain('/usr/bin/kill');
      // the other replica shares the prefix "deathstar-6c94dcc57b-" and must not leak in
      const other = await store.podEvents({ namespace: 'default', pod: W1, sinceUs: null, untilUs: null, limit: 50_000 });
      expect(other.rows.some((r) => binaryOf(parse(r.json)) === '/usr/bin/kill')).toBe(false);
    });

    it('is empty for a pod in another namespace, or a prefix of a pod name', async () => {
      expect((await store.podEvents({ namespace: 'kube-system', pod: W2, sinceUs: null, untilUs: null, limit: 10 })).rows).toEqual([]);
      expect((await store.podEvents({ namespace: 'default', pod: 'deathstar', sinceUs: null, untilUs: null, limit: 10 })).rows).toEqual([]);
    });

    it('bounds the answer, says so, and keeps exec/exit before kprobes', async () => {
      const all = events.filter((e) => e.summary.pod === 'tiefighter');
      const structure = all.filter((e) => e.summary.kind === 'process_exec' || e.summary.kind === 'process_exit');
      expect(all.length).toBeGreaterThan(structure.length);
      const limit = structure.length + 1;
      const { rows, truncated } = await store.podEvents({ namespace: 'default', pod: 'tiefighter', sinceUs: null, untilUs: null, limit });
      expect(truncated).toBe(true);
      expect(rows).toHaveLength(limit);
      const kinds = rows.map((r) => Object.keys(parse(r.json)).find((k) => k.startsWith('process_')));
      expect(kinds.filter((k) => k === 'process_kprobe')).toHaveLength(1);
      // exactly at the limit is not truncated
      const exact = await store.podEvents({ namespace: 'default', pod: 'tiefighter', sinceUs: null, untilUs: null, limit: all.length });
      expect(exact).toMatchObject({ truncated: false });
      expect(exact.rows).toHaveLength(all.length);
    });

    it('keeps the newest when structure alone is over the bound', async () => {
      const { rows, truncated } = await store.podEvents({ namespace: 'default', pod: 'tiefighter', sinceUs: null, untilUs: null, limit: 3 });
      expect(truncated).toBe(true);
      const newest = events
        .filter((e) => e.summary.pod === 'tiefighter' && /process_ex(ec|it)/.test(e.summary.kind))
        .sort((a, b) => b.summary.ts - a.summary.ts)
        .slice(0, 3)
        .map((e) => e.summary.id);
      expect(rows.map((r) => r.id).sort()).toEqual(newest.sort());
    });

    it('honours since and until', async () => {
      const kill = events.find((e) => e.summary.binary === '/usr/bin/kill' && e.summary.kind === 'process_exec')!;
      const around = await store.podEvents({ namespace: 'default', pod: W2, sinceUs: kill.summary.ts - 1000, untilUs: kill.summary.ts + 1000, limit: 100 });
      expect(around.rows.map((r) => r.id)).toContain(kill.summary.id);
      expect(around.rows.length).toBeLessThan(10);
    });
  });

  it('execEventsByExecIds returns only exec events of those processes', async () => {
    const kill = events.find((e) => e.summary.binary === '/usr/bin/kill' && e.summary.kind === 'process_exec')!;
    const rows = await store.execEventsByExecIds([kill.summary.execId, kill.summary.parentExecId, kill.summary.parentExecId, '', 'nope']);
    expect(rows.map((r) => binaryOf(parse(r.json))).sort()).toEqual(['/bin/sh', '/usr/bin/kill']);
    expect(rows.every((r) => parse(r.json).process_exec)).toBe(true);
    expect(await store.execEventsByExecIds([])).toEqual([]);
  });

  it('execEventsByExecIds handles more ids than one IN list holds', async () => {
    const execIds = events.filter((e) => e.summary.kind === 'process_exec').map((e) => e.summary.execId);
    const many = [...execIds, ...Array.from({ length: 1200 }, (_, i) => `missing-${i}`)];
    const rows = await store.execEventsByExecIds(many);
    expect(rows).toHaveLength(new Set(execIds).size);
  });

  it('eventsOfExecId returns a process’s exec, kprobes and exit', async () => {
    const curl = events.find((e) => e.summary.binary === '/usr/bin/curl' && /exhaust-port/.test(e.summary.args) && e.summary.kind === 'process_exec')!;
    const { rows, truncated } = await store.eventsOfExecId(curl.summary.execId, 100);
    expect(truncated).toBe(false);
    const kinds = rows.map((r) => eventRecord(parse(r.json)).summary).map((s) => `${s.kind}:${s.functionName}`);
    expect(kinds).toEqual(['process_exec:', 'process_kprobe:tcp_connect', 'process_kprobe:tcp_close', 'process_exit:']);
    expect((await store.eventsOfExecId(curl.summary.execId, 2)).truncated).toBe(true);
  });

  it('sockEvents finds the tcp_connect of a client address and port within the window only', async () => {
    const connect = events.find((e) => e.summary.functionName === 'tcp_connect' && e.summary.binary === '/usr/bin/curl' && /exhaust/.test(e.summary.args))!;
    const sock = connect.summary.sock!;
    const q = { saddr: sock.saddr, sport: sock.sport, limit: 50 };
    const rows = await store.sockEvents({ ...q, sinceUs: connect.summary.ts - 5_000_000, untilUs: connect.summary.ts + 5_000_000 });
    expect(rows.map((r) => r.id)).toContain(connect.summary.id);
    expect(await store.sockEvents({ ...q, sinceUs: connect.summary.ts + 10_000_000, untilUs: connect.summary.ts + 20_000_000 })).toEqual([]);
  });

  it('flowsTouchingIp and flowsOnEndpoint find flows on either side', async () => {
    const put = flows.find((f) => f.summary.httpMethod === 'PUT' && f.summary.httpPath === '/v1/exhaust-port' && f.summary.l7Type === 'REQUEST')!;
    const t = put.summary.ts;
    const touching = await store.flowsTouchingIp(put.summary.destination.ip, t - 60_000_000, t + 60_000_000, 1000);
    expect(touching.map((r) => r.id)).toContain(put.summary.id);
    expect(touching.every((r) => r.json.includes(put.summary.destination.ip))).toBe(true);
    const conn = await store.flowsOnEndpoint(put.summary.source.ip, put.summary.source.port, t - 5_000_000, t + 5_000_000, 100);
    expect(conn.map((r) => r.id)).toContain(put.summary.id);
    // requests and replies of the same connection, none of another
    const summaries = flows.filter((f) => conn.some((r) => r.id === f.summary.id)).map((f) => f.summary);
    expect(summaries.some((s) => s.isReply === true)).toBe(true);
    expect(summaries.every((s) => s.source.port === put.summary.source.port || s.destination.port === put.summary.source.port)).toBe(true);
    expect(await store.flowsTouchingIp(put.summary.destination.ip, t - 60_000_000, t + 60_000_000, 2)).toHaveLength(2);
  });
});
