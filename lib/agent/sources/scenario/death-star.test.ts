import { describe, expect, it } from 'vitest';
import {
  DEATH_STAR_CYCLE_SECONDS, deathStarRunningProcesses, deathStarScenario, type ScenarioItem,
} from '@/lib/agent/sources/scenario/death-star';
import { decodeExecId, eventKinds, execs, isHubble, isTetragon, processEvent } from '@/lib/agent/sources/scenario/event-lookup';
import { nsToRfc3339 } from '@/lib/agent/sources/scenario/time';

const BASE = 1_795_334_400_000_000_000n; // 2026-11-22T08:00:00Z
const CYCLE = BigInt(DEATH_STAR_CYCLE_SECONDS) * 1_000_000_000n;
const cycle = deathStarScenario({ baseNs: BASE });

const uuids = (items: ScenarioItem[]) => items.filter(isHubble).map((i) => i.json.flow?.uuid ?? '');
const execIds = (items: ScenarioItem[]) => execs(items).map((i) => i.json.process_exec?.process?.exec_id ?? '');
const shared = (a: string[], b: string[]) => a.filter((x) => new Set(b).has(x));

describe('determinism', () => {
  it('gives deep-equal output for the same options', () => {
    expect(deathStarScenario({ baseNs: BASE, seed: 1977, loop: 0 })).toEqual(cycle);
    expect(deathStarScenario({ baseNs: BASE, loop: 3 })).toEqual(deathStarScenario({ baseNs: BASE, loop: 3 }));
  });

  it('changes times and ids with another baseNs (an agent restart)', () => {
    const other = deathStarScenario({ baseNs: BASE + 7_777_777_777n });
    expect(other[0]?.timeNs).not.toBe(cycle[0]?.timeNs);
    expect(shared(uuids(other), uuids(cycle))).toEqual([]);
    expect(shared(execIds(other), execIds(cycle))).toEqual([]);
  });

  it('changes times and ids from loop to loop, and pids advance', () => {
    const next = deathStarScenario({ baseNs: BASE + CYCLE, loop: 1 });
    const sameBase = deathStarScenario({ baseNs: BASE, loop: 1 });
    for (const other of [next, sameBase]) {
      expect(shared(uuids(other), uuids(cycle))).toEqual([]);
      expect(shared(execIds(other), execIds(cycle))).toEqual([]);
    }
    expect(sameBase.map((i) => i.timeNs)).not.toEqual(cycle.map((i) => i.timeNs));
    const pids = (items: ScenarioItem[]) => execs(items).map((i) => i.json.process_exec?.process?.pid ?? 0);
    expect(Math.min(...pids(next))).toBeGreaterThan(Math.max(...pids(cycle)));
  });

  it('never repeats a uuid or an exec inside a cycle', () => {
    expect(new Set(uuids(cycle)).size).toBe(uuids(cycle).length);
    expect(new Set(execIds(cycle)).size).toBe(execIds(cycle).length);
  });

  it('depends on the seed', () => {
    expect(uuids(deathStarScenario({ baseNs: BASE, seed: 42 }))).not.toEqual(uuids(cycle));
  });
});

describe('timing and volume', () => {
  it('is sorted and stays inside the cycle', () => {
    for (let i = 1; i < cycle.length; i++) expect(cycle[i]!.timeNs >= cycle[i - 1]!.timeNs).toBe(true);
    expect(cycle[0]!.timeNs >= BASE).toBe(true);
    expect(cycle.at(-1)!.timeNs < BASE + CYCLE).toBe(true);
  });

  it('carries several hundred events spread over the whole minute', () => {
    expect(cycle.length).toBeGreaterThanOrEqual(300);
    const perTenSeconds = new Array(6).fill(0);
    for (const item of cycle) perTenSeconds[Number((item.timeNs - BASE) / 10_000_000_000n)]++;
    for (const n of perTenSeconds) expect(n).toBeGreaterThan(40);
    expect(cycle.filter(isTetragon).length).toBeGreaterThan(100);
    expect(cycle.filter(isHubble).length).toBeGreaterThan(100);
  });
});

describe('line shapes', () => {
  it('has exactly one oneof member, node_name, time and cluster_name on every Tetragon line', () => {
    for (const item of cycle.filter(isTetragon)) {
      const kinds = eventKinds(item.json);
      expect(kinds).toHaveLength(1);
      expect(Object.keys(item.json).sort()).toEqual([kinds[0], 'cluster_name', 'node_name', 'time'].sort());
      expect(item.json.cluster_name).toBe('empire');
      expect(item.json.time).toBe(nsToRfc3339(item.timeNs));
    }
  });

  it('has uuid, time, node_name and verdict on every flow, matching the envelope', () => {
    for (const item of cycle.filter(isHubble)) {
      const flow = item.json.flow!;
      expect(Object.keys(item.json).sort()).toEqual(['flow', 'node_name', 'time']);
      expect(flow.uuid).toMatch(/^[0-9a-f-]{36}$/);
      expect(flow.time).toBe(item.json.time);
      expect(flow.time).toBe(nsToRfc3339(item.timeNs));
      expect(flow.node_name).toBe(item.json.node_name);
      expect(['FORWARDED', 'DROPPED']).toContain(flow.verdict);
      expect(flow.IP?.ipVersion).toBe('IPv4');
      expect(['L3_L4', 'L7']).toContain(flow.Type);
      expect(typeof flow.is_reply).toBe('boolean');
      expect(flow.event_type?.type).toBe(flow.Type === 'L7' ? 129 : flow.verdict === 'DROPPED' ? 1 : 4);
    }
  });

  it('builds exec_ids from node, time since boot and pid, and keeps parent objects in step', () => {
    for (const item of cycle.filter(isTetragon)) {
      const ev = processEvent(item.json)!;
      const p = ev.process!;
      const id = decodeExecId(p.exec_id!);
      expect(id.node).toBe(item.json.node_name);
      expect(id.pid).toBe(p.pid);
      expect(p.tid).toBe(p.pid);
      expect(ev.parent?.exec_id).toBe(p.parent_exec_id);
      if (item.json.process_exec) expect(p.start_time).toBe(item.json.time);
    }
  });
});

const WRAPPERS_KEPT_AT_ZERO = new Set(['pid', 'uid', 'auid', 'tid', 'is_reply', 'int_arg']);
const INT64_FIELDS = new Set(['latency_ns', 'cookie', 'cgroup_id', 'socket_cookie', 'size_arg', 'long_arg', 'revision']);
const TIME_FIELDS = new Set(['time', 'start_time']);

function walk(value: unknown, visit: (key: string, v: unknown, path: string) => void, path = ''): void {
  if (value === null || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) {
    visit(k, v, `${path}.${k}`);
    walk(v, visit, `${path}.${k}`);
  }
}

describe('protojson rules', () => {
  it('omits zero plain scalars and empty repeated fields, keeps wrappers', () => {
    const problems: string[] = [];
    for (const item of cycle) {
      walk(item.json, (key, v, path) => {
        const arrayIndex = /^\d+$/.test(key);
        if (v === 0 && !WRAPPERS_KEPT_AT_ZERO.has(key)) problems.push(`${path} = 0`);
        if (v === false && !WRAPPERS_KEPT_AT_ZERO.has(key)) problems.push(`${path} = false`);
        if (v === '' && !arrayIndex) problems.push(`${path} = ""`);
        if (Array.isArray(v) && v.length === 0) problems.push(`${path} = []`);
        if (v === undefined || typeof v === 'bigint') problems.push(`${path} is ${typeof v}`);
      });
    }
    expect(problems).toEqual([]);
    // In particular: a clean exit has no "status": 0 and no "signal": "".
    const exit = cycle.find((i) => isTetragon(i) && i.json.process_exit?.process?.binary === '/bin/sleep');
    expect(exit && isTetragon(exit) && Object.keys(exit.json.process_exit!)).toEqual(['process', 'parent', 'time']);
  });

  it('writes 64-bit integers as decimal strings and times as RFC 3339 with nine digits', () => {
    const seen = new Set<string>();
    for (const item of cycle) {
      walk(item.json, (key, v, path) => {
        if (INT64_FIELDS.has(key)) {
          seen.add(key);
          expect(v, path).toMatch(/^\d+$/);
        }
        // ns.time is the time namespace, not a timestamp
        if (TIME_FIELDS.has(key) && !path.includes('.ns.')) expect(v, path).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
      });
    }
    expect([...seen].sort()).toEqual(['cookie', 'latency_ns', 'revision']);
  });

  it('survives a JSON round trip unchanged (no bigint, no undefined)', () => {
    for (const item of cycle) expect(JSON.parse(JSON.stringify(item.json))).toEqual(item.json);
  });
});

describe('deathStarRunningProcesses', () => {
  it('lists the host daemons, the shims and every pod pid 1', () => {
    const running = deathStarRunningProcesses({ baseNs: BASE });
    const binaries = running.map((p) => p.binary);
    expect(binaries.filter((b) => b === '/sbin/init')).toHaveLength(3);
    expect(binaries.filter((b) => b === '/usr/bin/kubelet')).toHaveLength(3);
    expect(binaries.filter((b) => b === '/usr/bin/containerd-shim-runc-v2')).toHaveLength(6);
    expect(running.filter((p) => p.pod?.container?.pid === 1).map((p) => p.pod?.name).sort()).toEqual([
      'coredns-7db6d8ff4d-4xj2k', 'coredns-7db6d8ff4d-wbq8n', 'deathstar-6c94dcc57b-7xk2p',
      'deathstar-6c94dcc57b-m9qvz', 'tiefighter', 'xwing',
    ]);
    for (const p of running.filter((p) => !p.pod)) expect(Object.values(p.ns ?? {}).every((n) => n.is_host)).toBe(true);
  });
});
