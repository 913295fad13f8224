import { describe, expect, it } from 'vitest';
import { windows } from './time-windows';

describe('time windows', () => {
  const bounds = { oldestUs: 1000, newestUs: 2000, rows: 100 };

  it('cover the range exactly once, newest first, growing, the last one to the far end', () => {
    const ws = [...windows({ lo: -5000, hi: 9000, order: 'newest', firstWidth: 100, bounds })];
    expect(ws[0]).toEqual({ from: 1901, to: 9000 });
    for (let i = 1; i < ws.length; i++) expect(ws[i]!.to).toBe(ws[i - 1]!.from - 1);
    expect(ws[ws.length - 1]!.from).toBe(-5000);
  });

  it('cover the range exactly once, oldest first', () => {
    const ws = [...windows({ lo: 1500, hi: Number.MAX_SAFE_INTEGER, order: 'oldest', firstWidth: 10, bounds })];
    expect(ws[0]!.from).toBe(1500);
    for (let i = 1; i < ws.length; i++) expect(ws[i]!.from).toBe(ws[i - 1]!.to + 1);
    expect(ws[ws.length - 1]!.to).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('is one window when the range is small, none when empty', () => {
    expect([...windows({ lo: 1200, hi: 1300, order: 'newest', firstWidth: 1000, bounds })]).toEqual([{ from: 1200, to: 1300 }]);
    expect([...windows({ lo: 5, hi: 4, order: 'oldest', firstWidth: 1, bounds })]).toEqual([]);
  });

  it('sizes the next window from what the last ones yielded', () => {
    const plan = windows({ lo: 0, hi: 1_000_000, order: 'newest', firstWidth: 100, bounds: { oldestUs: 0, newestUs: 1_000_000, rows: 1000 } });
    const first = plan.next().value!;
    expect(first).toEqual({ from: 999_901, to: 1_000_000 });
    // 1 row in 100 µs and 99 still wanted: the next window is sized for them (×1.5), not ×4.
    const second = plan.next({ found: 1, want: 99 }).value!;
    expect(second.to).toBe(999_900);
    expect(second.to - second.from + 1).toBe(14_850);
    // Nothing found at all: much wider.
    const third = plan.next({ found: 0, want: 99 }).value!;
    expect(third.to - third.from + 1).toBeGreaterThan(14_850 * 2);
  });
});
