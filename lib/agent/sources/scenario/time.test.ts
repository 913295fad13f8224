import { describe, expect, it } from 'vitest';
import { msToNs, nsToRfc3339, rfc3339ToNs, secondsToNs } from '@/lib/agent/sources/scenario/time';

describe('nsToRfc3339', () => {
  it('writes UTC with exactly nine fractional digits', () => {
    expect(nsToRfc3339(1_700_000_000_123_456_789n)).toBe('2023-11-14T22:13:20.123456789Z');
    expect(nsToRfc3339(1_700_000_000_000_000_007n)).toBe('2023-11-14T22:13:20.000000007Z');
    expect(nsToRfc3339(0n)).toBe('1970-01-01T00:00:00.000000000Z');
  });

  it('keeps the fraction positive before the epoch', () => {
    expect(nsToRfc3339(-1n)).toBe('1969-12-31T23:59:59.999999999Z');
  });
});

describe('rfc3339ToNs', () => {
  it('round-trips what nsToRfc3339 writes', () => {
    for (const ns of [0n, 1n, 1_795_763_643_452_313_491n, -1_500_000_000n]) {
      expect(rfc3339ToNs(nsToRfc3339(ns))).toBe(ns);
    }
  });

  it('reads 0, 3 and 6 fractional digits and numeric offsets', () => {
    expect(rfc3339ToNs('2026-11-22T08:00:00Z')).toBe(1_795_334_400_000_000_000n);
    expect(rfc3339ToNs('2026-11-22T08:00:00.5Z')).toBe(1_795_334_400_500_000_000n);
    expect(rfc3339ToNs('2026-11-22T08:00:00.123456Z')).toBe(1_795_334_400_123_456_000n);
    expect(rfc3339ToNs('2026-11-22T09:30:00.000+01:30')).toBe(1_795_334_400_000_000_000n);
  });

  it('rejects junk', () => {
    expect(() => rfc3339ToNs('yesterday')).toThrow(/RFC 3339/);
    expect(() => rfc3339ToNs('2026-11-22 08:00:00Z')).toThrow(/RFC 3339/);
  });
});

describe('msToNs / secondsToNs', () => {
  it('converts fractional offsets exactly', () => {
    expect(msToNs(2.5)).toBe(2_500_000n);
    expect(secondsToNs(15.25)).toBe(15_250_000_000n);
  });
});
