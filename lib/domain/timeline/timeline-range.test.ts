import { describe, expect, it } from 'vitest';
import { buildProcessForest, timeRangeOf } from '@/lib/domain/ancestry';
import { PODS, execEvent, exitEvent, nsAt, proc } from '@/lib/domain/ancestry/testing/fixtures';
import { timelineRange } from '@/lib/domain/timeline/timeline-range';

const ds = proc({ pid: 1978, binary: '/usr/bin/deathstar', startMs: -8_000_000, pod: PODS.deathstar });
const sh = proc({ pid: 10, binary: '/bin/sh', startMs: 15_200, pod: PODS.deathstar, parent: ds });
const scan = execEvent(ds, { atMs: 0, flags: 'procFS auid rootcwd' });
const events = [scan, execEvent(sh, { parent: ds }), exitEvent(sh, { atMs: 15_205 }), exitEvent(ds, { atMs: 15_206, signal: 'SIGKILL' })];

describe('timelineRange', () => {
  const forest = buildProcessForest(events);

  it('leaves out the start of a process reported by the agent’s /proc scan', () => {
    expect(scan.procFs).toBe(true);
    expect(events[1]!.procFs).toBe(false);
    expect(timeRangeOf(forest)!.minNs).toBe(nsAt(-8_000_000)); // the plain reading squashes the incident
    expect(timelineRange(forest, new Set([ds.execId]))).toEqual({ minNs: nsAt(15_200), maxNs: nsAt(15_206) });
  });

  it('agrees with timeRangeOf when nothing was scanned, and falls back to starts when nothing was observed', () => {
    expect(timelineRange(forest, new Set())).toEqual(timeRangeOf(forest));
    const only = buildProcessForest([scan]);
    expect(timelineRange(only, new Set([ds.execId]))).toEqual({ minNs: nsAt(-8_000_000), maxNs: nsAt(-8_000_000) });
    expect(timelineRange(buildProcessForest([]), new Set())).toBeNull();
  });
});
