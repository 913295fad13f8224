import { describe, expect, it } from 'vitest';
import { timeTicks } from '@/lib/domain/timeline/time-ticks';

describe('timeTicks', () => {
  it('labels nice steps as offsets from the window start', () => {
    const ticks = timeTicks(0, 60e9, 6);
    expect(ticks.map((t) => t.label)).toEqual(['0', '+10 s', '+20 s', '+30 s', '+40 s', '+50 s', '+1 min']);
    expect(ticks[3]!.x).toBeCloseTo(0.5);
  });

  it('keeps labels distinct when zoomed into milliseconds of a long epoch range', () => {
    const start = 1_795_000_015_200e6;
    const ticks = timeTicks(start, start + 5e6, 5);
    // doubles near 1.8e18 step by 256 ns, so the window may end a hair before +5 ms
    expect(ticks.map((t) => t.label).slice(0, 5)).toEqual(['0', '+1 ms', '+2 ms', '+3 ms', '+4 ms']);
    expect(new Set(ticks.map((t) => t.label)).size).toBe(ticks.length);
    expect(ticks.every((t) => t.x >= 0 && t.x <= 1)).toBe(true);
  });

  it('survives an empty window', () => {
    expect(timeTicks(5, 5, 4).length).toBeGreaterThan(0);
  });
});
