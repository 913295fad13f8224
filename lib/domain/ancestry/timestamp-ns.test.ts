import { describe, expect, it } from 'vitest';
import { rfc3339ToNs } from '@/lib/domain/ancestry/timestamp-ns';

describe('rfc3339ToNs', () => {
  const whole = Date.UTC(2026, 10, 22, 9, 14, 3) * 1_000_000;

  it('reads 0, 3, 6 and 9 fractional digits', () => {
    expect(rfc3339ToNs('2026-11-22T09:14:03Z')).toBe(whole);
    expect(rfc3339ToNs('2026-11-22T09:14:03.452Z')).toBe(whole + 452_000_000);
    expect(rfc3339ToNs('2026-11-22T09:14:03.452313Z')).toBe(whole + 452_313_000);
    // 9 digits: exact up to double precision (~256 ns at this magnitude)
    expect(Math.abs(rfc3339ToNs('2026-11-22T09:14:03.452313491Z')! - (whole + 452_313_491))).toBeLessThan(512);
  });

  it('applies a zone offset', () => {
    expect(rfc3339ToNs('2026-11-22T10:14:03+01:00')).toBe(whole);
  });

  it('agrees with Date.parse across years, leap days and month ends', () => {
    for (const iso of ['1970-01-01T00:00:00.000Z', '2000-02-29T23:59:59.999Z', '2024-12-31T12:00:00.001Z', '2026-03-01T00:00:00.000Z', '1969-12-31T23:59:59.000Z', '2100-03-01T01:02:03.456Z']) {
      expect(rfc3339ToNs(iso)).toBe(Date.parse(iso) * 1_000_000);
    }
  });

  it('answers null for garbage instead of throwing', () => {
    expect(rfc3339ToNs(undefined)).toBeNull();
    expect(rfc3339ToNs('')).toBeNull();
    expect(rfc3339ToNs('yesterday')).toBeNull();
    expect(rfc3339ToNs('2026-11-22T09:14:03.Z')).toBeNull();
    expect(rfc3339ToNs('2026-13-22T09:14:03Z')).toBeNull();
    expect(rfc3339ToNs('2026-11-22T09:14:03.1234567890Z')).toBeNull();
    expect(rfc3339ToNs('2026-11-22T09:1a:03Z')).toBeNull();
  });
});
