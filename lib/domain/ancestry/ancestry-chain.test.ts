import { describe, expect, it } from 'vitest';
import { ancestryChain } from '@/lib/domain/ancestry/ancestry-chain';
import { buildProcessForest } from '@/lib/domain/ancestry/build-process-forest';
import { PODS, execEvent, makeExecId, proc } from '@/lib/domain/ancestry/testing/fixtures';

describe('ancestryChain', () => {
  const shim = proc({ pid: 3001, binary: '/usr/bin/containerd-shim-runc-v2', startMs: -1_000 });
  const ds = proc({ pid: 1, binary: '/usr/bin/deathstar', startMs: 0, pod: PODS.deathstar, parent: shim });
  const sh = proc({ pid: 50, binary: '/bin/sh', startMs: 15_200, pod: PODS.deathstar, parent: ds });
  const kill = proc({ pid: 52, binary: '/usr/bin/kill', args: '-9 1', startMs: 15_220, pod: PODS.deathstar, parent: sh });

  it('walks from the process up to the root', () => {
    const forest = buildProcessForest([execEvent(ds, { parent: shim }), execEvent(sh, { parent: ds }), execEvent(kill, { parent: sh })]);
    expect(ancestryChain(forest, kill.execId).map((n) => n.binary)).toEqual([
      '/usr/bin/kill',
      '/bin/sh',
      '/usr/bin/deathstar',
      '/usr/bin/containerd-shim-runc-v2',
    ]);
    expect(ancestryChain(forest, ds.execId)).toHaveLength(2);
  });

  it('passes through the placeholder of a parent never seen', () => {
    const missing = makeExecId('kind-worker2', -10, 7);
    const lone = proc({ pid: 8, binary: '/bin/sh', startMs: 0, pod: PODS.deathstar, parent: missing });
    const chain = ancestryChain(buildProcessForest([execEvent(lone)]), lone.execId);
    expect(chain.map((n) => [n.execId, n.placeholder])).toEqual([[lone.execId, false], [missing, true]]);
  });

  it('is empty for an unknown exec_id', () => {
    expect(ancestryChain(buildProcessForest([]), 'nope')).toEqual([]);
  });
});
