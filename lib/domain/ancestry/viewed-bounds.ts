/**
 * Time → horizontal position for the timeline bars, like jaeger-ui's createViewedBoundsFunc: the
 * whole range is [minNs, maxNs], the zoom window is [viewStart, viewEnd] as fractions of it, and a
 * bar maps to [start, end] fractions of the window, clamped to [0, 1]. The clipped flags tell the
 * UI to draw "continues" ends; a process with no exit runs to the end of the range.
 */

export interface ViewedBoundsInput {
  minNs: number;
  maxNs: number;
  viewStart: number; // 0..1
  viewEnd: number; // 0..1
}

export interface ViewedBounds {
  start: number;
  end: number;
  clippedStart: boolean;
  clippedEnd: boolean;
}

export type ViewedBoundsFunc = (startNs: number, endNs: number | null) => ViewedBounds;

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

export function createViewedBounds({ minNs, maxNs, viewStart, viewEnd }: ViewedBoundsInput): ViewedBoundsFunc {
  const lo = clamp01(Math.min(viewStart, viewEnd));
  const hi = clamp01(Math.max(viewStart, viewEnd));
  const span = Math.max(0, maxNs - minNs);
  const windowStart = minNs + lo * span;
  // A zero-width range or window (one instant) still divides: it just maps to 0 or 1.
  const windowLength = Math.max(1, (hi - lo) * span);

  return (startNs, endNs) => {
    const rawStart = (startNs - windowStart) / windowLength;
    const rawEnd = Math.max(rawStart, ((endNs ?? maxNs) - windowStart) / windowLength);
    return { start: clamp01(rawStart), end: clamp01(rawEnd), clippedStart: rawStart < 0, clippedEnd: rawEnd > 1 };
  };
}
