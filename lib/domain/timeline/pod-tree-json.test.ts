import { describe, expect, it } from 'vitest';
import { barLabel, buildProcessForest, timeRangeOf, visibleRows } from '@/lib/domain/ancestry';
import { PODS, execEvent, exitEvent, makeExecId, proc } from '@/lib/domain/ancestry/testing/fixtures';
import { barTone } from '@/lib/domain/timeline/bar-tone';
import { forestFromJson, podTreeJson } from '@/lib/domain/timeline/pod-tree-json';

const shim = proc({ pid: 1931, binary: '/usr/bin/containerd-shim-runc-v2', startMs: -8_000_000, node: 'kind-worker2', parent: makeExecId('kind-worker2', -9_000_000, 187) });
const ds = proc({ pid: 1978, binary: '/usr/bin/deathstar', startMs: -7_981_000, node: 'kind-worker2', pod: PODS.deathstar, parent: shim });
const sh = proc({ pid: 100_003, binary: '/bin/sh', startMs: 15_200, node: 'kind-worker2', pod: PODS.deathstar, parent: ds });
const kill = proc({ pid: 100_005, binary: '/usr/bin/kill', args: '-9 1', startMs: 15_204, node: 'kind-worker2', pod: PODS.deathstar, parent: sh });
const restarted = proc({ pid: 100_009, binary: '/usr/bin/deathstar', startMs: 16_000, node: 'kind-worker2', pod: PODS.deathstar, parent: shim });
const orphan = proc({ pid: 7, binary: '/bin/ls', startMs: 20_000, node: 'kind-worker2', pod: PODS.deathstar, parent: makeExecId('kind-worker2', 19_000, 6) });
const events = [
  execEvent(sh, { parent: ds }),
  execEvent(kill, { parent: sh }),
  exitEvent(kill, { atMs: 15_205, parent: sh }),
  exitEvent(ds, { atMs: 15_205.1, signal: 'SIGKILL', parent: shim }),
  exitEvent(sh, { atMs: 15_205.2, signal: 'SIGKILL', parent: ds }),
  execEvent(restarted, { parent: shim }),
  exitEvent(orphan, { atMs: 20_001, status: 2 }),
];
const meta = { namespace: 'default', pod: PODS.deathstar.name, events: events.length, limit: 50_000, truncated: false, sinceUs: null, untilUs: null, scanned: [] };

describe('pod tree JSON', () => {
  const forest = buildProcessForest(events);
  const json = podTreeJson(forest, timeRangeOf(forest), meta);

  it('sends nodes parents-first with roots, range and the bound', () => {
    expect(json.nodes.map((n) => n.binary || 'placeholder')).toEqual([
      '/usr/bin/containerd-shim-runc-v2',
      '/usr/bin/deathstar',
      '/bin/sh',
      '/usr/bin/kill',
      '/usr/bin/deathstar',
      'placeholder',
      '/bin/ls',
    ]);
    expect(json).toMatchObject({ namespace: 'default', truncated: false, skippedEvents: 0 });
    expect(json.range!.minNs).toBeLessThan(json.range!.maxNs);
  });

  it('survives JSON and gives back the same rows', () => {
    const back = forestFromJson(JSON.parse(JSON.stringify(json)));
    expect(visibleRows(back, new Set())).toEqual(visibleRows(forest, new Set()));
    expect(visibleRows(back, new Set([sh.execId])).map((r) => r.execId)).not.toContain(kill.execId);
  });

  it('drops children that did not travel instead of trusting them', () => {
    const cut = { ...json, nodes: json.nodes.filter((n) => n.execId !== kill.execId).map((n) => ({ ...n, children: [...n.children] })) };
    const back = forestFromJson(cut);
    expect(back.nodes.get(sh.execId)!.children).toEqual([]);
  });

  it('colours bars by how processes ended', () => {
    const tone = (execId: string) => barTone(forest.nodes.get(execId)!);
    expect(tone(ds.execId)).toBe('sigkill');
    expect(barLabel(forest.nodes.get(ds.execId)!)).toBe('SIGKILL');
    expect(tone(kill.execId)).toBe('ok');
    expect(tone(restarted.execId)).toBe('running');
    expect(tone(shim.execId)).toBe('host');
    expect(tone(orphan.execId)).toBe('failed');
    expect(tone(orphan.parentExecId)).toBe('placeholder');
  });
});
