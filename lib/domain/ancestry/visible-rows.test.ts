import { describe, expect, it } from 'vitest';
import { buildProcessForest } from '@/lib/domain/ancestry/build-process-forest';
import { visibleRows } from '@/lib/domain/ancestry/visible-rows';
import { PODS, execEvent, proc } from '@/lib/domain/ancestry/testing/fixtures';

// deathstar ─┬─ sh ─┬─ truncate
//            │      └─ kill
//            └─ sh2
// and a second root (the restarted deathstar)
const ds = proc({ pid: 1, binary: '/usr/bin/deathstar', startMs: 0, pod: PODS.deathstar });
const sh = proc({ pid: 50, binary: '/bin/sh', startMs: 15_200, pod: PODS.deathstar, parent: ds });
const truncate = proc({ pid: 51, binary: '/usr/bin/truncate', startMs: 15_210, pod: PODS.deathstar, parent: sh });
const kill = proc({ pid: 52, binary: '/usr/bin/kill', startMs: 15_220, pod: PODS.deathstar, parent: sh });
const sh2 = proc({ pid: 60, binary: '/bin/sh', startMs: 15_300, pod: PODS.deathstar, parent: ds });
const ds2 = proc({ pid: 1, binary: '/usr/bin/deathstar', startMs: 16_000, pod: PODS.deathstar });
const forest = buildProcessForest([kill, sh2, ds2, truncate, sh, ds].map((p) => execEvent(p)));

const shape = (rows: ReturnType<typeof visibleRows>) => rows.map((r) => `${'  '.repeat(r.depth)}${forest.nodes.get(r.execId)!.binary}`);

describe('visibleRows', () => {
  it('lists the forest in pre-order, children by start time', () => {
    const rows = visibleRows(forest, new Set());
    expect(shape(rows)).toEqual([
      '/usr/bin/deathstar',
      '  /bin/sh',
      '    /usr/bin/truncate',
      '    /usr/bin/kill',
      '  /bin/sh',
      '/usr/bin/deathstar',
    ]);
    expect(rows[0]).toEqual({ execId: ds.execId, depth: 0, hasChildren: true, isCollapsed: false, hiddenDescendants: 0 });
    expect(rows[2]).toMatchObject({ hasChildren: false });
  });

  it('hides a collapsed subtree and says how much it hides', () => {
    const rows = visibleRows(forest, new Set([sh.execId]));
    expect(shape(rows)).toEqual(['/usr/bin/deathstar', '  /bin/sh', '  /bin/sh', '/usr/bin/deathstar']);
    expect(rows[1]).toEqual({ execId: sh.execId, depth: 1, hasChildren: true, isCollapsed: true, hiddenDescendants: 2 });

    const root = visibleRows(forest, new Set([ds.execId, sh.execId]));
    expect(root.map((r) => r.execId)).toEqual([ds.execId, ds2.execId]);
    expect(root[0]!.hiddenDescendants).toBe(4);
  });

  it('expands again when the id leaves the set, and ignores leaves and unknown ids in it', () => {
    expect(visibleRows(forest, new Set([kill.execId, 'nope']))).toEqual(visibleRows(forest, new Set()));
  });
});
