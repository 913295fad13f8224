import { describe, expect, it } from 'vitest';
import { buildProcessForest, visibleRows } from '@/lib/domain/ancestry';
import { PODS, execEvent, exitEvent, makeExecId, proc } from '@/lib/domain/ancestry/testing/fixtures';
import { hideHostRoots } from '@/lib/domain/timeline/hide-host-roots';

const shim = proc({ pid: 1931, binary: '/usr/bin/containerd-shim-runc-v2', startMs: -8_000_000, node: 'kind-worker2', parent: makeExecId('kind-worker2', -9_000_000, 187) });
const ds = proc({ pid: 1978, binary: '/usr/bin/deathstar', startMs: -7_981_000, node: 'kind-worker2', pod: PODS.deathstar, parent: shim });
const sh = proc({ pid: 10, binary: '/bin/sh', startMs: 15_200, node: 'kind-worker2', pod: PODS.deathstar, parent: ds });
const ds2 = proc({ pid: 1990, binary: '/usr/bin/deathstar', startMs: 16_000, node: 'kind-worker2', pod: PODS.deathstar, parent: shim });
const orphan = proc({ pid: 7, binary: '/bin/ls', startMs: 20_000, node: 'kind-worker2', pod: PODS.deathstar, parent: makeExecId('kind-worker2', 19_000, 6) });
const forest = buildProcessForest([
  execEvent(sh, { parent: ds }),
  exitEvent(ds, { atMs: 15_300, signal: 'SIGKILL', parent: shim }),
  execEvent(ds2, { parent: shim }),
  execEvent(orphan),
]);
const shape = (f: typeof forest) => visibleRows(f, new Set()).map((r) => `${'  '.repeat(r.depth)}${f.nodes.get(r.execId)!.binary || 'placeholder'}`);

describe('hideHostRoots', () => {
  it('lifts the shim’s children to roots, so the restart is another root', () => {
    expect(shape(forest)).toEqual(['/usr/bin/containerd-shim-runc-v2', '  /usr/bin/deathstar', '    /bin/sh', '  /usr/bin/deathstar', 'placeholder', '  /bin/ls']);
    const lifted = hideHostRoots(forest);
    expect(shape(lifted)).toEqual(['/usr/bin/deathstar', '  /bin/sh', '/usr/bin/deathstar', 'placeholder', '  /bin/ls']);
    expect(lifted.nodes.get(ds.execId)!.treeParent).toBeNull();
    expect(lifted.nodes.has(shim.execId)).toBe(false);
  });

  it('leaves the original forest untouched and a forest without host roots as it is', () => {
    hideHostRoots(forest);
    expect(forest.nodes.get(ds.execId)!.depth).toBe(1);
    const noHost = buildProcessForest([execEvent(orphan)]);
    expect(hideHostRoots(noHost)).toBe(noHost);
  });
});
