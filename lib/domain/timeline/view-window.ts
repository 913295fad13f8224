/**
 * The timeline's zoom window: [start, end] as fractions of the pod's whole time range (what
 * createViewedBounds takes), and its home in the URL as absolute `from`/`to` times in epoch
 * milliseconds with microsecond decimals — absolute, so a shared link shows the same instant even
 * after more events widen the range.
 */
import type { TimeRange } from '@/lib/domain/ancestry/time-range';

export interface ViewWindow {
  start: number;
  end: number;
}

export const WHOLE: ViewWindow = { start: 0, end: 1 };
/** The narrowest window: one microsecond, or the whole range when that is shorter. */
const MIN_NS = 1000;

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);
const span = (r: TimeRange): number => Math.max(1, r.maxNs - r.minNs);

function minWidth(range: TimeRange): number {
  return Math.min(1, MIN_NS / span(range));
}

/** Keeps a window inside [0, 1] and at least the minimum width, moving rather than shrinking it. */
export function normalizeWindow(w: ViewWindow, range: TimeRange): ViewWindow {
  let start = Math.min(w.start, w.end);
  let end = Math.max(w.start, w.end);
  if (!Number.isFinite(start) || !Number.isFinite(end)) return WHOLE;
  const min = minWidth(range);
  if (end - start < min) {
    const mid = (start + end) / 2;
    start = mid - min / 2;
    end = mid + min / 2;
  }
  if (end - start >= 1) return WHOLE;
  if (start < 0) [start, end] = [0, end - start];
  if (end > 1) [start, end] = [start - (end - 1), 1];
  return { start: clamp01(start), end: clamp01(end) };
}

/** Zoom by `factor` (< 1 zooms in) around `anchor`, a fraction of the current window (0.5: centre). */
export function zoomWindow(w: ViewWindow, factor: number, anchor: number, range: TimeRange): ViewWindow {
  const width = w.end - w.start;
  const at = w.start + clamp01(anchor) * width;
  const next = width * factor;
  return normalizeWindow({ start: at - clamp01(anchor) * next, end: at + (1 - clamp01(anchor)) * next }, range);
}

/** Move by `delta` window widths (negative: earlier). */
export function panWindow(w: ViewWindow, delta: number, range: TimeRange): ViewWindow {
  const width = w.end - w.start;
  const shift = Math.max(-w.start, Math.min(1 - w.end, delta * width));
  return normalizeWindow({ start: w.start + shift, end: w.end + shift }, range);
}

/** A window covering [startNs, endNs] with `pad` (a fraction of its width) on each side. */
export function windowAround(startNs: number, endNs: number, range: TimeRange, pad = 0.1): ViewWindow {
  const s = span(range);
  const a = (startNs - range.minNs) / s;
  const b = (endNs - range.minNs) / s;
  const p = Math.max(b - a, minWidth(range)) * pad;
  return normalizeWindow({ start: a - p, end: b + p }, range);
}

export function windowToNs(w: ViewWindow, range: TimeRange): { startNs: number; endNs: number } {
  const s = span(range);
  return { startNs: range.minNs + w.start * s, endNs: range.minNs + w.end * s };
}

/** from/to URL values (epoch ms, µs decimals) for a window; null for the whole range. */
export function windowToUrl(w: ViewWindow, range: TimeRange): { from: string; to: string } | null {
  if (w.start <= 0 && w.end >= 1) return null;
  const { startNs, endNs } = windowToNs(w, range);
  return { from: nsToUrlMs(startNs), to: nsToUrlMs(endNs) };
}

export function windowFromUrl(from: number | null, to: number | null, range: TimeRange): ViewWindow {
  if (from === null && to === null) return WHOLE;
  const s = span(range);
  const start = from === null ? 0 : (from * 1e6 - range.minNs) / s;
  const end = to === null ? 1 : (to * 1e6 - range.minNs) / s;
  // A shared link may name times the range no longer (or not yet) covers: clip, don't shift.
  return normalizeWindow({ start: clamp01(start), end: clamp01(end) }, range);
}

function nsToUrlMs(ns: number): string {
  return (Math.round(ns / 1000) / 1000).toFixed(3).replace(/\.?0+$/, '');
}

/** Parses a from/to URL value: epoch milliseconds, decimals allowed. */
export function parseUrlMs(text: string | null | undefined): number | null {
  if (!text || !/^\d{1,16}(\.\d{1,6})?$/.test(text)) return null;
  return Number(text);
}
