import { describe, expect, it } from 'vitest';
import { buildProcessForest } from '@/lib/domain/ancestry/build-process-forest';
import { timeRangeOf } from '@/lib/domain/ancestry/time-range';
import { PODS, execEvent, exitEvent, fileEvent, nsAt, proc } from '@/lib/domain/ancestry/testing/fixtures';

describe('timeRangeOf', () => {
  const shim = proc({ pid: 3001, binary: '/usr/bin/containerd-shim-runc-v2', startMs: -86_400_000 });
  const sh = proc({ pid: 10, binary: '/bin/sh', startMs: 0, pod: PODS.tiefighter, parent: shim });
  const cat = proc({ pid: 11, binary: '/bin/cat', startMs: 6_000, pod: PODS.tiefighter, parent: sh });

  it('spans the first observed exec to the last exit or marker, not the shim started a day earlier', () => {
    const forest = buildProcessForest([execEvent(sh, { parent: shim }), execEvent(cat, { parent: sh }), exitEvent(cat, { atMs: 6_010 }), fileEvent(sh, { atMs: 9_000, path: '/x' })]);
    expect(timeRangeOf(forest)).toEqual({ minNs: nsAt(0), maxNs: nsAt(9_000) });
  });

  it('covers what was observed even when that is a single exit, and is null when empty', () => {
    const onlyExit = buildProcessForest([exitEvent(cat, { atMs: 6_010 })]);
    expect(timeRangeOf(onlyExit)).toEqual({ minNs: nsAt(6_010), maxNs: nsAt(6_010) });
    expect(timeRangeOf(buildProcessForest([]))).toBeNull();
  });
});
