import { describe, expect, it } from 'vitest';
import { layoutTimeline } from './timeline-layout';

const S = 1_000_000;
const T0 = Date.parse('2026-11-22T09:14:00Z') * 1000;

describe('alert timeline layout', () => {
  const timeline = {
    startUs: T0,
    endUs: T0 + 60 * S,
    bucketUs: 10 * S,
    buckets: Array.from({ length: 6 }, (_, i) => ({
      startUs: T0 + i * 10 * S,
      counts: i === 1 ? { NOTICE: 1, CRITICAL: 3 } : i === 4 ? { WARNING: 2 } : {},
    })),
  };

  it('places one bar per bucket across the width', () => {
    const { bars } = layoutTimeline(timeline, 600, 100);
    expect(bars.map((b) => b.x)).toEqual([0, 100, 200, 300, 400, 500]);
    expect(bars.map((b) => b.total)).toEqual([0, 4, 0, 0, 2, 0]);
  });

  it('stacks priorities with the most severe at the bottom, scaled to the busiest bucket', () => {
    const { bars, yMax } = layoutTimeline(timeline, 600, 100);
    expect(yMax).toBe(4);
    expect(bars[1]!.segments).toEqual([
      { priority: 'CRITICAL', count: 3, y: 25, height: 75 },
      { priority: 'NOTICE', count: 1, y: 0, height: 25 },
    ]);
    expect(bars[4]!.segments).toEqual([{ priority: 'WARNING', count: 2, y: 50, height: 50 }]);
  });

  it('labels UTC time ticks inside the range', () => {
    const { ticks } = layoutTimeline(timeline, 600, 100);
    expect(ticks.length).toBeGreaterThan(2);
    expect(ticks[0]).toEqual({ x: 0, label: '09:14' });
    expect(ticks[1]).toEqual({ x: 150, label: '09:14:15' });
    for (const t of ticks) expect(t.x).toBeGreaterThanOrEqual(0);
  });
});
