import { describe, expect, it } from 'vitest';
import { createViewedBounds } from '@/lib/domain/ancestry/viewed-bounds';

describe('createViewedBounds', () => {
  const whole = { minNs: 1_000, maxNs: 2_000, viewStart: 0, viewEnd: 1 };

  it('maps times to fractions of the whole range', () => {
    const bounds = createViewedBounds(whole);
    expect(bounds(1_250, 1_500)).toEqual({ start: 0.25, end: 0.5, clippedStart: false, clippedEnd: false });
    expect(bounds(1_000, 2_000)).toMatchObject({ start: 0, end: 1 });
  });

  it('runs a process with no exit to the end of the range', () => {
    expect(createViewedBounds(whole)(1_900, null)).toMatchObject({ start: 0.9, end: 1, clippedEnd: false });
  });

  it('maps to the zoom window and clamps what lies outside it', () => {
    const zoomed = createViewedBounds({ ...whole, viewStart: 0.5, viewEnd: 0.75 }); // [1500, 1750]
    expect(zoomed(1_550, 1_600)).toMatchObject({ start: 0.2, end: 0.4 });
    expect(zoomed(1_000, 1_625)).toEqual({ start: 0, end: 0.5, clippedStart: true, clippedEnd: false });
    expect(zoomed(1_700, null)).toEqual({ start: 0.8, end: 1, clippedStart: false, clippedEnd: true });
    // wholly before the window: a zero-width bar at the left edge
    expect(zoomed(1_000, 1_100)).toMatchObject({ start: 0, end: 0, clippedStart: true });
  });

  it('shows a host process started long before the range as clipped at the left', () => {
    expect(createViewedBounds(whole)(-1e12, null)).toEqual({ start: 0, end: 1, clippedStart: true, clippedEnd: false });
  });

  it('never divides by zero or draws an end before the start', () => {
    const instant = createViewedBounds({ minNs: 5, maxNs: 5, viewStart: 0, viewEnd: 1 });
    const b = instant(5, 5);
    expect(Number.isFinite(b.start) && Number.isFinite(b.end)).toBe(true);
    expect(createViewedBounds({ ...whole, viewStart: 0.4, viewEnd: 0.4 })(1_400, 1_500).start).toBe(0);
    expect(createViewedBounds(whole)(1_500, 1_200)).toMatchObject({ start: 0.5, end: 0.5 });
  });

  it('accepts a window given backwards or out of [0, 1]', () => {
    expect(createViewedBounds({ ...whole, viewStart: 0.75, viewEnd: 0.5 })(1_550, 1_600)).toMatchObject({ start: 0.2, end: 0.4 });
    expect(createViewedBounds({ ...whole, viewStart: -1, viewEnd: 2 })(1_250, 1_500)).toMatchObject({ start: 0.25, end: 0.5 });
  });
});
