import { describe, expect, it } from 'vitest';
import { WHOLE, normalizeWindow, panWindow, parseUrlMs, windowAround, windowFromUrl, windowToNs, windowToUrl, zoomWindow } from '@/lib/domain/timeline/view-window';

const T0 = 1_795_000_000_000; // ms
const range = { minNs: T0 * 1e6, maxNs: (T0 + 60_000) * 1e6 }; // one minute

describe('view window', () => {
  it('zooms in around an anchor and out back to the whole range', () => {
    const z = zoomWindow(WHOLE, 0.5, 0.5, range);
    expect(z).toEqual({ start: 0.25, end: 0.75 });
    const left = zoomWindow(WHOLE, 0.5, 0, range);
    expect(left).toEqual({ start: 0, end: 0.5 });
    expect(zoomWindow(z, 4, 0.5, range)).toEqual(WHOLE);
  });

  it('pans without leaving the range', () => {
    const w = { start: 0.2, end: 0.4 };
    const p = panWindow(w, 0.5, range);
    expect(p.start).toBeCloseTo(0.3);
    expect(p.end).toBeCloseTo(0.5);
    expect(panWindow(w, -5, range)).toEqual({ start: 0, end: 0.2 });
    expect(panWindow({ start: 0.7, end: 0.9 }, 5, range).end).toBe(1);
  });

  it('never gets narrower than a microsecond', () => {
    const tiny = normalizeWindow({ start: 0.5, end: 0.5 }, range);
    const { startNs, endNs } = windowToNs(tiny, range);
    // doubles near 1.8e18 ns step by 256 ns: a microsecond, give or take one step
    expect(endNs - startNs).toBeGreaterThan(700);
    expect(endNs - startNs).toBeLessThan(1300);
  });

  it('round-trips through the URL as absolute epoch milliseconds with µs decimals', () => {
    const w = windowAround(range.minNs + 15_200e6, range.minNs + 15_203e6, range, 0);
    const url = windowToUrl(w, range)!;
    expect(url).toEqual({ from: String(T0 + 15_200), to: String(T0 + 15_203) });
    const back = windowFromUrl(parseUrlMs(url.from), parseUrlMs(url.to), range);
    expect(back.start).toBeCloseTo(w.start, 9);
    expect(back.end).toBeCloseTo(w.end, 9);
    expect(windowToUrl(WHOLE, range)).toBeNull();
    expect(windowFromUrl(null, null, range)).toEqual(WHOLE);
    const sub = windowToUrl({ start: 0.5, end: 0.5000001 }, range)!;
    expect(sub.from).toBe(String(T0 + 30_000));
    expect(sub.to).toMatch(/^\d+\.\d{1,3}$/);
  });

  it('accepts only epoch milliseconds from the URL', () => {
    expect(parseUrlMs('1795000015200.25')).toBe(1795000015200.25);
    expect(parseUrlMs('yesterday')).toBeNull();
    expect(parseUrlMs('')).toBeNull();
    expect(parseUrlMs('1e12')).toBeNull();
  });

  it('clamps a URL window that lies partly outside the range', () => {
    expect(windowFromUrl(T0 - 10_000, T0 + 30_000, range)).toEqual({ start: 0, end: 0.5 });
    expect(windowFromUrl(T0 + 30_000, null, range)).toEqual({ start: 0.5, end: 1 });
  });
});
