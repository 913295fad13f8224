import { describe, expect, it } from 'vitest';
import { buildProcessForest } from '@/lib/domain/ancestry/build-process-forest';
import { barLabel } from '@/lib/domain/ancestry/bar-label';
import type { ProcessForest, ProcessNode } from '@/lib/domain/ancestry/process-node';
import {
  PODS,
  execEvent,
  exitEvent,
  fileEvent,
  kprobeEvent,
  makeExecId,
  nsAt,
  proc,
  processJson,
  sockEvent,
} from '@/lib/domain/ancestry/testing/fixtures';

const node = (forest: ProcessForest, execId: string): ProcessNode => {
  const n = forest.nodes.get(execId);
  if (!n) throw new Error(`no node ${execId}`);
  return n;
};
const binaries = (forest: ProcessForest, ids: readonly string[]): string[] => ids.map((id) => node(forest, id).binary);

// The tiefighter half of the incident: kubectl exec → sh → cat /etc/shadow, curl the exhaust port.
const shim = proc({ pid: 3001, binary: '/usr/bin/containerd-shim-runc-v2', startMs: -86_400_000, parent: makeExecId('kind-worker', -90_000_000, 1) });
const sh = proc({ pid: 32450, binary: '/bin/sh', startMs: 0, pod: PODS.tiefighter, parent: shim });
const cat = proc({ pid: 32455, binary: '/bin/cat', args: '/etc/shadow', startMs: 6000, pod: PODS.tiefighter, parent: sh });
const curl = proc({ pid: 32460, binary: '/usr/bin/curl', args: '-s -XPUT deathstar.default.svc.cluster.local/v1/exhaust-port', startMs: 15000, pod: PODS.tiefighter, parent: sh });
const incident = [
  execEvent(sh, { parent: shim }),
  execEvent(cat, { parent: sh }),
  fileEvent(cat, { atMs: 6001, path: '/etc/shadow' }),
  exitEvent(cat, { atMs: 6010, parent: sh }),
  execEvent(curl, { parent: sh }),
  sockEvent(curl, { atMs: 15009, saddr: '10.244.1.17', sport: 45200, daddr: '10.96.12.4', dport: 80 }),
  exitEvent(curl, { atMs: 15100, status: 7, parent: sh }),
];

describe('buildProcessForest', () => {
  it('rebuilds containerd-shim → sh → cat, curl with the host shim as a dimmed root', () => {
    const forest = buildProcessForest(incident);
    expect(forest.roots).toEqual([shim.execId]);
    const root = node(forest, shim.execId);
    // known only as the embedded parent: a host node, no placeholder for containerd above it
    expect(root).toMatchObject({ isHost: true, seenExec: false, placeholder: false, pod: null, depth: 0, treeParent: null });
    expect(root.children).toEqual([sh.execId]);
    expect(node(forest, sh.execId)).toMatchObject({ depth: 1, seenExec: true, isHost: false, pod: { namespace: 'default', name: 'tiefighter' } });
    expect(binaries(forest, node(forest, sh.execId).children)).toEqual(['/bin/cat', '/usr/bin/curl']);
    expect(node(forest, curl.execId)).toMatchObject({ depth: 2, args: curl.args, startNs: nsAt(15000), endNs: nsAt(15100), exit: { status: 7 } });
    expect(root.descendants).toBe(3);
    expect(barLabel(node(forest, curl.execId))).toBe('exit 7');
  });

  it('keeps links to the stored exec and exit events, and puts kprobes on the bar as labelled markers', () => {
    const forest = buildProcessForest(incident);
    const c = node(forest, curl.execId);
    expect(c.execEventId).toBe(incident[4]!.id);
    expect(c.exitEventId).toBe(incident[6]!.id);
    expect(c.events).toEqual([{ id: incident[5]!.id, kind: 'process_kprobe', ts: incident[5]!.ts, tsNs: nsAt(15009), label: 'connect 10.96.12.4:80' }]);
    expect(node(forest, cat.execId).events.map((m) => m.label)).toEqual(['read /etc/shadow']);
  });

  it('does not depend on the order events arrive in', () => {
    const snapshot = (forest: ProcessForest) =>
      [...forest.nodes.values()]
        .map((n) => ({ ...n, events: n.events.map((m) => m.label) }))
        .sort((a, b) => (a.execId < b.execId ? -1 : 1));
    const forward = buildProcessForest(incident);
    const backward = buildProcessForest([...incident].reverse());
    expect(snapshot(backward)).toEqual(snapshot(forward));
    expect(backward.roots).toEqual(forward.roots);
  });

  it('keys on exec_id: a pid carrying several exec_ids gives several processes', () => {
    // A shell that execs keeps its pid; later the pid is reused by an unrelated process.
    const first = proc({ pid: 700, binary: '/bin/sh', startMs: 0, pod: PODS.deathstar });
    const execd = proc({ pid: 700, binary: '/usr/bin/env', startMs: 10, pod: PODS.deathstar, parent: first });
    const reused = proc({ pid: 700, binary: '/usr/bin/sleep', startMs: 5000, pod: PODS.deathstar });
    const childOfReused = proc({ pid: 701, binary: '/bin/true', startMs: 5001, pod: PODS.deathstar, parent: reused });
    const forest = buildProcessForest([execEvent(first), execEvent(execd, { parent: first }), execEvent(reused), execEvent(childOfReused, { parent: reused })]);
    expect(forest.nodes.size).toBe(4);
    expect(binaries(forest, forest.roots)).toEqual(['/bin/sh', '/usr/bin/sleep']);
    expect(node(forest, first.execId).children).toEqual([execd.execId]);
    expect(node(forest, reused.execId).children).toEqual([childOfReused.execId]);
  });

  it('shows container restarts as several deathstar processes: roots, or siblings under the shim', () => {
    const dsShim = proc({ pid: 2900, binary: '/usr/bin/containerd-shim-runc-v2', startMs: -3_600_000, node: 'kind-worker2' });
    const ds1 = proc({ pid: 4100, binary: '/usr/bin/deathstar', startMs: -600_000, node: 'kind-worker2', pod: PODS.deathstar, parent: dsShim });
    const ds2 = proc({ pid: 4400, binary: '/usr/bin/deathstar', startMs: 16_000, node: 'kind-worker2', pod: PODS.deathstar, parent: dsShim });
    const events = [execEvent(ds1, { parent: dsShim }), exitEvent(ds1, { atMs: 15_300, signal: 'SIGKILL', parent: dsShim }), execEvent(ds2, { parent: dsShim })];

    const underShim = buildProcessForest(events);
    expect(underShim.roots).toEqual([dsShim.execId]);
    expect(node(underShim, dsShim.execId).children).toEqual([ds1.execId, ds2.execId]);
    expect(barLabel(node(underShim, ds1.execId))).toBe('SIGKILL');
    expect(barLabel(node(underShim, ds2.execId))).toBe('running');

    // pid 1 of a container as the agent may report it: no parent at all
    const orphanless = [ds1, ds2].map((p) => execEvent({ ...p, parentExecId: '' }));
    expect(binaries(buildProcessForest(orphanless), buildProcessForest(orphanless).roots)).toEqual(['/usr/bin/deathstar', '/usr/bin/deathstar']);
  });

  it('leaves an exec without exit open', () => {
    const forest = buildProcessForest([execEvent(sh, { parent: shim })]);
    expect(node(forest, sh.execId)).toMatchObject({ endNs: null, exit: null, exitEventId: null });
    expect(barLabel(node(forest, sh.execId))).toBe('running');
  });

  it('builds a process known only from its exit', () => {
    const ds = proc({ pid: 4100, binary: '/usr/bin/deathstar', startMs: -600_000, pod: PODS.deathstar, parent: '' });
    const exit = exitEvent(ds, { atMs: 15_300, signal: 'SIGKILL' });
    const forest = buildProcessForest([exit]);
    expect(node(forest, ds.execId)).toMatchObject({
      seenExec: false,
      execEventId: null,
      exitEventId: exit.id,
      startNs: nsAt(-600_000),
      endNs: nsAt(15_300),
      exit: { signal: 'SIGKILL' },
      pod: { namespace: 'default', name: PODS.deathstar.name },
    });
  });

  it('reads an exit without signal or status as exit 0', () => {
    const forest = buildProcessForest([execEvent(cat), exitEvent(cat, { atMs: 6010 })]);
    expect(barLabel(node(forest, cat.execId))).toBe('exit 0');
  });

  it('hangs orphans under one visible placeholder per missing parent', () => {
    const missing = makeExecId('kind-worker', -5000, 31999);
    const a = proc({ pid: 32001, binary: '/bin/ls', startMs: 200, pod: PODS.tiefighter, parent: missing });
    const b = proc({ pid: 32002, binary: '/bin/ps', startMs: 100, pod: PODS.tiefighter, parent: missing });
    const forest = buildProcessForest([execEvent(a), execEvent(b)]);
    expect(forest.roots).toEqual([missing]);
    const ph = node(forest, missing);
    expect(ph).toMatchObject({ placeholder: true, seenExec: false, pid: 31999, startKnown: false, startNs: nsAt(100), label: `parent not seen (exec_id ${missing})` });
    expect(binaries(forest, ph.children)).toEqual(['/bin/ps', '/bin/ls']);
    expect(node(forest, a.execId)).toMatchObject({ depth: 1, treeParent: missing, parentExecId: missing });
    expect(barLabel(ph)).toBe('');
  });

  it('gives a process seen only through a kprobe a node and a placeholder parent', () => {
    const worker = proc({ pid: 900, binary: '/usr/bin/deathstar', startMs: -1000, pod: PODS.deathstar, parent: makeExecId('kind-worker2', -2000, 1) });
    const forest = buildProcessForest([kprobeEvent(worker, { atMs: 50, functionName: 'security_path_truncate', args: [{ path_arg: { path: '/var/log/deathstar/access.log' } }] })]);
    expect(forest.nodes.size).toBe(2);
    expect(node(forest, worker.execId)).toMatchObject({ seenExec: false, depth: 1 });
    expect(node(forest, worker.execId).events.map((m) => m.label)).toEqual(['truncate /var/log/deathstar/access.log']);
  });

  it('never lets a trimmed parent embedding overwrite what the exec said, in either order', () => {
    const trimmedSh = { exec_id: sh.execId, pid: sh.pid, binary: '/bin/sh' };
    for (const events of [
      [execEvent(cat, { parent: trimmedSh }), execEvent(sh, { parent: shim })],
      [execEvent(sh, { parent: shim }), execEvent(cat, { parent: trimmedSh })],
    ]) {
      const s = node(buildProcessForest(events), sh.execId);
      expect(s).toMatchObject({ seenExec: true, pod: { name: 'tiefighter' }, parentExecId: shim.execId, startKnown: true });
    }
  });

  it('uses ancestors when an agent sends them', () => {
    const containerd = proc({ pid: 900, binary: '/usr/bin/containerd', startMs: -99_000_000 });
    const shimWithParent = { ...shim, parentExecId: containerd.execId };
    const ev = execEvent(sh, { parent: shimWithParent });
    ev.event.process_exec!.ancestors = [processJson(containerd)];
    const forest = buildProcessForest([ev]);
    expect(binaries(forest, forest.roots)).toEqual(['/usr/bin/containerd']);
    expect(node(forest, sh.execId).depth).toBe(2);
  });

  it('survives parent cycles in corrupt data and keeps every process', () => {
    const a = proc({ pid: 1, binary: '/a', startMs: 0, pod: PODS.xwing, execId: 'A', parent: 'B' });
    const b = proc({ pid: 2, binary: '/b', startMs: 1, pod: PODS.xwing, execId: 'B', parent: 'C' });
    const c = proc({ pid: 3, binary: '/c', startMs: 2, pod: PODS.xwing, execId: 'C', parent: 'A' });
    const under = proc({ pid: 4, binary: '/d', startMs: 3, pod: PODS.xwing, execId: 'D', parent: 'B' });
    const self = proc({ pid: 5, binary: '/self', startMs: 4, pod: PODS.xwing, execId: 'S', parent: 'S' });
    const forest = buildProcessForest([a, b, c, under, self].map((p) => execEvent(p)));
    expect(forest.nodes.size).toBe(5);
    expect(forest.roots).toHaveLength(2);
    const cut = [...forest.nodes.values()].filter((n) => n.cycleBroken);
    expect(cut).toHaveLength(1);
    expect(cut[0]!.descendants).toBe(3);
    expect(node(forest, 'S')).toMatchObject({ depth: 0, treeParent: null });
  });

  it('counts events without an exec_id instead of dropping them silently', () => {
    const broken = execEvent(cat);
    const lone = proc({ pid: 5, binary: '/bin/true', startMs: 1 });
    const forest = buildProcessForest([{ ...broken, execId: '' }, execEvent(lone)]);
    expect(forest.skippedEvents).toBe(1);
    expect(forest.nodes.size).toBe(1);
  });

  it('caps markers per process and counts the rest', () => {
    const many = Array.from({ length: 12 }, (_, i) => fileEvent(cat, { atMs: 6001 + i, path: `/tmp/${i}` }));
    const c = node(buildProcessForest([execEvent(cat), ...many], { maxMarkersPerNode: 10 }), cat.execId);
    expect(c.events).toHaveLength(10);
    expect(c.events[0]!.label).toBe('read /tmp/0');
    expect(c.hiddenEvents).toBe(2);
  });

  it('builds a 10,000-process pod', () => {
    // deathstar forks 100 handler shells; each runs 99 commands. Plus the shim above.
    const server = proc({ pid: 1, binary: '/usr/bin/deathstar', startMs: 0, node: 'kind-worker2', pod: PODS.deathstar, parent: shim });
    const events = [execEvent(server, { parent: shim })];
    for (let i = 0; i < 100; i++) {
      const handler = proc({ pid: 10 + i * 100, binary: '/bin/sh', startMs: 1 + i * 100, node: 'kind-worker2', pod: PODS.deathstar, parent: server });
      events.push(execEvent(handler, { parent: server }));
      for (let j = 0; j < 99; j++) {
        const cmd = proc({ pid: 11 + i * 100 + j, binary: '/usr/bin/truncate', startMs: 2 + i * 100 + j, node: 'kind-worker2', pod: PODS.deathstar, parent: handler });
        events.push(execEvent(cmd, { parent: handler }), exitEvent(cmd, { atMs: 2.5 + i * 100 + j }));
      }
    }
    const forest = buildProcessForest(events);
    expect(forest.nodes.size).toBe(1 + 10_001); // shim + deathstar + 100 shells + 9,900 commands
    expect(forest.roots).toEqual([shim.execId]);
    expect(node(forest, server.execId)).toMatchObject({ depth: 1, descendants: 10_000 });
    const handlers = node(forest, server.execId).children;
    expect(handlers).toHaveLength(100);
    expect(node(forest, handlers[99]!)).toMatchObject({ depth: 2, descendants: 99, startNs: nsAt(9_901) });
    expect(Math.max(...[...forest.nodes.values()].map((n) => n.depth))).toBe(3);
  });

  it('handles a 10,000-deep chain without recursion', () => {
    const chain = [proc({ pid: 1, binary: '/bin/sh', startMs: 0, pod: PODS.xwing })];
    for (let i = 1; i < 10_000; i++) chain.push(proc({ pid: 1 + i, binary: '/bin/sh', startMs: i, pod: PODS.xwing, parent: chain[i - 1]! }));
    const forest = buildProcessForest(chain.map((p) => execEvent(p)));
    expect(node(forest, chain[9_999]!.execId).depth).toBe(9_999);
    expect(node(forest, chain[0]!.execId).descendants).toBe(9_999);
  });
});
