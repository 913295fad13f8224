import { describe, expect, it } from 'vitest';
import { timeTicks } from '@/lib/domain/timeline/time-ticks';

describe('timeTicks', () => {
  it('labels nice steps as offsets from the range start', () => {
    const ticks = timeTicks(0, 60e9, 0, 6);
    expect(ticks.map((t) => t.label)).toEqual(['0', '+10 s', '+20 s', '+30 s', '+40 s', '+50 s', '+1 min']);
    expect(ticks[3]!.x).toBeCloseTo(0.5);
  });

  it('places ticks inside a zoomed window, relative to the whole range', () => {
    const start = 1_795_000_000_000e6;
    const ticks = timeTicks(start + 15_200e6, start + 15_205e6, start, 5);
    expect(ticks[0]!.label).toBe('+15.2 s');
    expect(ticks.every((t) => t.x >= 0 && t.x <= 1)).toBe(true);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
  });

  it('survives an empty window', () => {
    expect(timeTicks(5, 5, 5, 4).length).toBeGreaterThan(0);
  });
});
