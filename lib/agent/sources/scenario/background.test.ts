import { describe, expect, it } from 'vitest';
import { backgroundInfra } from '@/lib/agent/sources/scenario/background-infra';
import { backgroundLandings } from '@/lib/agent/sources/scenario/background-landings';
import { DEATHSTAR_W1, DEATHSTAR_W2, TIEFIGHTER, XWING } from '@/lib/agent/sources/scenario/cluster';
import { createCycle } from '@/lib/agent/sources/scenario/cycle';
import { deathStarRunningProcesses, deathStarScenario } from '@/lib/agent/sources/scenario/death-star';
import { execs, isHubble, isTetragon, processEvent } from '@/lib/agent/sources/scenario/event-lookup';
import { TIEFIGHTER_LOOP_ARGS, XWING_LOOP_ARGS, runningAtStart } from '@/lib/agent/sources/scenario/long-running';

const BASE = 1_795_334_400_000_000_000n;
const LANDING_ARGS = '-s -XPOST deathstar.default.svc.cluster.local/v1/request-landing';

function background(loop = 0) {
  const cy = createCycle({ baseNs: BASE + BigInt(loop) * 60_000_000_000n, loop });
  const running = runningAtStart(cy);
  return [...backgroundLandings(cy, running), ...backgroundInfra(cy, running)].sort((a, b) => (a.timeNs < b.timeNs ? -1 : 1));
}

describe('background traffic alone', () => {
  const items = background();
  const flows = items.filter(isHubble).map((i) => i.json.flow!);

  it('contains nothing a detection rule should fire on', () => {
    for (const item of items.filter(isTetragon)) {
      const ev = processEvent(item.json)!;
      const p = ev.process!;
      if (item.json.process_exec) {
        expect(['/usr/bin/curl', '/bin/sleep']).toContain(p.binary);
        // Their parent is the pod's long-running pid 1 loop, never a fresh or interactive shell.
        expect([TIEFIGHTER_LOOP_ARGS, XWING_LOOP_ARGS]).toContain(ev.parent?.arguments);
        expect(ev.parent?.pod?.container?.pid).toBe(1);
      }
      if (p.binary === '/usr/bin/curl') expect(p.arguments).toBe(LANDING_ARGS);
      expect(item.json.process_exit?.signal).toBeUndefined();
      if (item.json.process_kprobe) {
        expect(item.json.process_kprobe.policy_name).toBe('connect');
        expect(['tcp_connect', 'tcp_close']).toContain(item.json.process_kprobe.function_name);
      }
    }
    const text = JSON.stringify(items.map((i) => i.json));
    for (const needle of ['/etc/shadow', 'truncate', 'kill', 'exhaust-port', '/var/log', 'PUT']) expect(text).not.toContain(needle);
  });

  it('has tiefighter landing on both replicas with 200s', () => {
    const responses = flows.filter((f) => f.l7?.http && f.l7.type === 'RESPONSE' && f.destination?.pod_name === 'tiefighter');
    expect(responses.length).toBeGreaterThanOrEqual(15);
    expect(new Set(responses.map((f) => f.l7?.http?.code))).toEqual(new Set([200]));
    expect(new Set(responses.map((f) => f.source?.pod_name))).toEqual(new Set([DEATHSTAR_W1.name, DEATHSTAR_W2.name]));
    for (const f of responses) {
      expect(f).toMatchObject({ is_reply: true, traffic_direction: 'INGRESS', verdict: 'FORWARDED' });
      expect(Number(f.l7!.latency_ns)).toBeGreaterThan(0);
      // L7 is seen by the proxy on the replica's node.
      expect(f.node_name).toBe(f.source?.pod_name === DEATHSTAR_W1.name ? 'kind-worker' : 'kind-worker2');
    }
    const curls = execs(items, '/usr/bin/curl').filter((i) => i.json.process_exec?.process?.pod?.name === 'tiefighter');
    const gaps = curls.slice(1).map((c, n) => Number(c.timeNs - curls[n]!.timeNs) / 1e9);
    for (const gap of gaps) expect(gap).toBeGreaterThan(3);
    for (const gap of gaps) expect(gap).toBeLessThan(3.4);
    expect(new Set(gaps.map((g) => g.toFixed(3))).size).toBeGreaterThan(gaps.length / 2); // jittered
  });

  it('has every xwing attempt dropped by policy and curl failing with status 7', () => {
    const fromXwing = flows.filter((f) => f.source?.pod_name === 'xwing' && f.destination?.pod_name?.startsWith('deathstar'));
    const drops = fromXwing.filter((f) => f.verdict === 'DROPPED');
    expect(drops.length).toBeGreaterThanOrEqual(30);
    for (const f of drops) {
      expect(f).toMatchObject({ drop_reason_desc: 'POLICY_DENIED', traffic_direction: 'INGRESS', event_type: { type: 1, sub_type: 133 } });
      expect(f.ingress_denied_by?.[0]).toMatchObject({ name: 'rule1', namespace: 'default', kind: 'CiliumNetworkPolicy' });
      expect(f.l4?.TCP?.flags).toEqual({ SYN: true });
    }
    expect(fromXwing.filter((f) => f.traffic_direction === 'INGRESS' && f.verdict === 'FORWARDED')).toEqual([]);
    expect(fromXwing.some((f) => f.l7?.http)).toBe(false);
    const exits = items.filter(isTetragon).filter((i) => i.json.process_exit?.process?.binary === '/usr/bin/curl' && i.json.process_exit.process.pod?.name === 'xwing');
    expect(exits.length).toBeGreaterThanOrEqual(10);
    for (const e of exits) expect(e.json.process_exit?.status).toBe(7);
  });

  it('has kubelet probing each replica from the host about every 5 s', () => {
    for (const pod of [DEATHSTAR_W1, DEATHSTAR_W2]) {
      const syns = flows.filter((f) => f.source?.identity === 1 && f.destination?.pod_name === pod.name && !f.is_reply);
      expect(syns.length).toBeGreaterThanOrEqual(pod === DEATHSTAR_W1 ? 11 : 10);
      expect(syns.length).toBeLessThanOrEqual(12);
      for (const f of syns) {
        expect(f).toMatchObject({ source: { labels: ['reserved:host'] }, verdict: 'FORWARDED', Type: 'L3_L4', node_name: pod.node });
      }
    }
    const kubeletConnects = items.filter(isTetragon).filter((i) => i.json.process_kprobe?.process?.binary === '/usr/bin/kubelet');
    expect(kubeletConnects.length).toBeGreaterThanOrEqual(21);
    for (const k of kubeletConnects) expect(k.json.process_kprobe?.process).not.toHaveProperty('pod');
  });

  it('has coredns talking to the world', () => {
    const world = flows.filter((f) => f.destination?.identity === 2 || f.source?.identity === 2);
    expect(world.length).toBeGreaterThanOrEqual(8);
    for (const f of world) {
      const worldSide = f.destination?.identity === 2 ? f.destination : f.source;
      expect(worldSide?.labels).toEqual(['reserved:world']);
      expect(f.l4?.UDP).toBeDefined();
      expect(f.IP?.source === '8.8.8.8' || f.IP?.destination === '8.8.8.8').toBe(true);
    }
  });
});

describe('process coherence across the whole cycle', () => {
  for (const loop of [0, 1]) {
    it(`resolves every parent inside a pod, and orders exec before kprobes and exit (loop ${loop})`, () => {
      const opts = { baseNs: BASE + BigInt(loop) * 60_000_000_000n, loop };
      const items = deathStarScenario(opts);
      const known = new Set(deathStarRunningProcesses(opts).map((p) => p.exec_id));
      const execTime = new Map<string, bigint>();
      const exited = new Set<string>();
      for (const item of items.filter(isTetragon)) {
        const p = processEvent(item.json)!.process!;
        const id = p.exec_id!;
        if (item.json.process_exec) {
          if (p.pod) expect(execTime.has(p.parent_exec_id!) || known.has(p.parent_exec_id), `${p.binary} parent`).toBe(true);
          execTime.set(id, item.timeNs);
          continue;
        }
        expect(execTime.has(id) || known.has(id), `${p.binary} was running`).toBe(true);
        expect(exited.has(id), `${p.binary} already exited`).toBe(false);
        if (item.json.process_exit) exited.add(id);
      }
    });
  }

  it('keeps the long-running spaceship loops as the same processes from loop to loop', () => {
    const parentOfCurls = (items: ReturnType<typeof deathStarScenario>, pod: string) =>
      new Set(execs(items, '/usr/bin/curl').filter((i) => i.json.process_exec?.process?.pod?.name === pod && !i.json.process_exec.process.arguments?.includes('PUT'))
        .map((i) => i.json.process_exec?.process?.parent_exec_id));
    const a = deathStarScenario({ baseNs: BASE, loop: 0 });
    const b = deathStarScenario({ baseNs: BASE + 60_000_000_000n, loop: 1 });
    for (const pod of [TIEFIGHTER.name, XWING.name]) {
      expect(parentOfCurls(a, pod).size).toBe(1);
      expect(parentOfCurls(b, pod)).toEqual(parentOfCurls(a, pod));
    }
  });
});
