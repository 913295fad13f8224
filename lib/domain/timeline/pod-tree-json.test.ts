import { describe, expect, it } from 'vitest';
import { barLabel, buildProcessForest, visibleRows, type StoredEvent } from '@/lib/domain/ancestry';
import { PODS, execEvent, exitEvent, fileEvent, kprobeEvent, makeExecId, nsAt, proc, sockEvent } from '@/lib/domain/ancestry/testing/fixtures';
import { barTone } from '@/lib/domain/timeline/bar-tone';
import { podTreeFromJson, type PodTreeJson } from '@/lib/domain/timeline/pod-tree-json';
import { ARGS_MAX, embeddedRecords, execExitRecord, markerRecords } from '@/lib/domain/timeline/pod-tree-records';

const shim = proc({ pid: 1931, binary: '/usr/bin/containerd-shim-runc-v2', startMs: -8_000_000, node: 'kind-worker2', parent: makeExecId('kind-worker2', -9_000_000, 187) });
const ds = proc({ pid: 1978, binary: '/usr/bin/deathstar', startMs: -7_981_000, node: 'kind-worker2', pod: PODS.deathstar, parent: shim });
const sh = proc({ pid: 100_003, binary: '/bin/sh', startMs: 15_200, node: 'kind-worker2', pod: PODS.deathstar, parent: ds });
const hostile = '\u202e<img src=x onerror="window.__pwned=1">\n\u001b[31mred\u0000"\\';
const kill = proc({ pid: 100_005, binary: '/usr/bin/kill', args: `-9 1 ${hostile}`, startMs: 15_204, node: 'kind-worker2', pod: PODS.deathstar, parent: sh });
const truncate = proc({ pid: 100_004, binary: '/usr/bin/truncate', args: `-s 0 ${'🪐'.repeat(ARGS_MAX)}`, startMs: 15_202, node: 'kind-worker2', pod: PODS.deathstar, parent: sh });
const restarted = proc({ pid: 100_009, binary: '/usr/bin/deathstar', startMs: 16_000, node: 'kind-worker2', pod: PODS.deathstar, parent: shim });
const orphan = proc({ pid: 7, binary: '/bin/ls', startMs: 20_000, node: 'kind-worker2', pod: PODS.deathstar, parent: makeExecId('kind-worker2', 19_000, 6) });
const probed = proc({ pid: 8, binary: '/usr/bin/curl', startMs: 19_000, node: 'kind-worker2', pod: PODS.deathstar, parent: makeExecId('kind-worker2', 18_000, 5) });
const events: StoredEvent[] = [
  execEvent(ds, { parent: shim, flags: 'procFS auid rootcwd' }),
  execEvent(sh, { parent: ds }),
  execEvent(truncate, { parent: sh }),
  fileEvent(truncate, { atMs: 15_202.5, path: '/var/log/deathstar/access.log', functionName: 'security_path_truncate' }),
  exitEvent(truncate, { atMs: 15_203, parent: sh }),
  execEvent(kill, { parent: sh }),
  exitEvent(kill, { atMs: 15_205, parent: sh }),
  exitEvent(ds, { atMs: 15_205.1, signal: 'SIGKILL', parent: shim }),
  exitEvent(sh, { atMs: 15_205.2, signal: 'SIGKILL', parent: ds }),
  execEvent(restarted, { parent: shim }),
  fileEvent(restarted, { atMs: 16_500, path: '/etc/shadow' }),
  fileEvent(restarted, { atMs: 16_600, path: '/etc/passwd', mask: 2 }),
  sockEvent(probed, { atMs: 19_001, saddr: '10.244.1.17', sport: 45200, daddr: '10.96.12.4', dport: 80 }),
  kprobeEvent(probed, { atMs: 19_002, functionName: 'tcp_close', parent: proc({ pid: 5, binary: '/bin/bash', startMs: 18_000, node: 'kind-worker2', pod: PODS.deathstar }) }),
  exitEvent(orphan, { atMs: 20_001, status: 2 }),
];

/** The answer the server sends for these events (the store's SQL path writes the same exec records). */
function answerOf(all: readonly StoredEvent[]): PodTreeJson {
  const structure = all.filter((e) => e.kind === 'process_exec' || e.kind === 'process_exit');
  const ticks = all.filter((e) => !structure.includes(e));
  const answer: PodTreeJson = {
    namespace: 'default',
    pod: PODS.deathstar.name,
    events: all.length,
    limit: 50_000,
    truncated: false,
    sinceUs: null,
    untilUs: null,
    execs: structure.map(execExitRecord),
    markers: markerRecords(ticks),
    embedded: embeddedRecords(all),
  };
  return JSON.parse(JSON.stringify(answer)) as PodTreeJson;
}

describe('pod tree JSON', () => {
  const old = buildProcessForest(events);
  const { forest, range } = podTreeFromJson(answerOf(events));
  const node = (p: { execId: string }) => forest.nodes.get(p.execId)!;

  it('links into the forest the server built from the full events (cut arguments aside)', () => {
    const cut = node(truncate);
    expect(cut.argsTruncated).toBe(true);
    expect(Array.from(cut.args)).toHaveLength(ARGS_MAX);
    expect(truncate.args.startsWith(cut.args)).toBe(true);
    const expected = new Map(old.nodes);
    expected.set(truncate.execId, { ...old.nodes.get(truncate.execId)!, args: cut.args, argsTruncated: true });
    expect(forest).toEqual({ ...old, nodes: expected });
  });

  it('keeps ancestry, orphans, restarts and how each process ended', () => {
    const rows = visibleRows(forest, new Set());
    expect(rows.map((r) => `${'  '.repeat(r.depth)}${forest.nodes.get(r.execId)!.label}`)).toEqual([
      '/usr/bin/containerd-shim-runc-v2',
      '  /usr/bin/deathstar',
      '    /bin/sh',
      '      /usr/bin/truncate',
      '      /usr/bin/kill',
      '  /usr/bin/deathstar',
      '/bin/bash',
      '  /usr/bin/curl',
      `parent not seen (exec_id ${orphan.parentExecId})`,
      '  /bin/ls',
    ]);
    expect(node(shim)).toMatchObject({ isHost: true, seenExec: false, pod: null, pid: 1931 });
    expect(barLabel(node(ds))).toBe('SIGKILL');
    expect(barTone(node(ds))).toBe('sigkill');
    expect(barLabel(node(kill))).toBe('exit 0');
    expect(node(kill).args).toBe(kill.args);
    expect(barLabel(node(restarted))).toBe('running');
    expect(node(orphan)).toMatchObject({ seenExec: false, exit: { status: 2 }, endNs: nsAt(20_001) });
    expect(barTone(forest.nodes.get(orphan.parentExecId)!)).toBe('placeholder');
    expect(node(restarted).events.map((m) => m.label)).toEqual(['read /etc/shadow', 'write /etc/passwd']);
    expect(node(probed)).toMatchObject({ seenExec: false, binary: '/usr/bin/curl', pid: 8 });
    expect(node(probed).events.map((m) => m.label)).toEqual(['connect 10.96.12.4:80', 'tcp_close']);
    expect(node(ds)).toMatchObject({ execEventId: events[0]!.id, exitEventId: events[7]!.id });
  });

  it('leaves the /proc-scanned start out of the range', () => {
    expect(range).toEqual({ minNs: nsAt(15_200), maxNs: nsAt(20_001) });
  });

  it('describes a process once among its markers, and each embedded process once', () => {
    const answer = answerOf(events);
    const forRestarted = answer.markers.filter((m) => m[4] === restarted.execId);
    expect(forRestarted.map((m) => m.length)).toEqual([13, 5]);
    expect(answer.embedded.map((e) => e[3])).toEqual([shim.execId, ds.execId, sh.execId, expect.any(String)]);
    expect(new Set(answer.embedded.map((e) => e[3])).size).toBe(answer.embedded.length);
  });

  it('counts events without exec_id, and survives records that are not what they should be', () => {
    const broken = { ...execEvent(sh), execId: '' };
    const answer = answerOf([broken, ...events]);
    expect(podTreeFromJson(answer).skippedEvents).toBe(1);
    const mangled = { ...answer, execs: [...answer.execs, [1, 'x', null] as never], markers: [[] as never], embedded: [['only'] as never] };
    expect(() => podTreeFromJson(mangled)).not.toThrow();
    expect(podTreeFromJson({ namespace: 'default', pod: 'x', execs: [], markers: [], embedded: [] })).toMatchObject({ range: null, skippedEvents: 0 });
  });
});
