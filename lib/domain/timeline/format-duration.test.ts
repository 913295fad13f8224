import { describe, expect, it } from 'vitest';
import { clockTime, formatDuration, formatOffset } from '@/lib/domain/timeline/format-duration';

describe('formatDuration', () => {
  it('picks the unit from the size', () => {
    expect(formatDuration(580_000)).toBe('580 µs');
    expect(formatDuration(1_740_000)).toBe('1.74 ms');
    expect(formatDuration(243_800_000)).toBe('243.8 ms');
    expect(formatDuration(15_200_000_000)).toBe('15.2 s');
    expect(formatDuration(2 * 3600e9 + 13 * 60e9)).toBe('2 h 13 min');
    expect(formatDuration(90e9)).toBe('1 min 30 s');
    expect(formatDuration(3 * 86_400e9)).toBe('3 d');
    expect(formatDuration(12)).toBe('12 ns');
    expect(formatDuration(0)).toBe('0 ns');
    expect(formatDuration(100)).toBe('100 ns');
    expect(formatDuration(20e9)).toBe('20 s');
    expect(formatDuration(Number.NaN)).toBe('—');
  });

  it('labels offsets with a sign', () => {
    expect(formatOffset(0)).toBe('0');
    expect(formatOffset(250e6)).toBe('+250 ms');
    expect(formatOffset(-2e9)).toBe('−2 s');
  });

  it('prints wall-clock time to the microsecond', () => {
    expect(clockTime(Date.UTC(2026, 10, 22, 9, 14, 15, 203) * 1e6 + 512_300)).toBe('09:14:15.203512');
  });
});
