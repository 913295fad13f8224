import { describe, expect, it } from 'vitest';
import { fromUtcInput, toUtcInput } from './utc-input';

describe('UTC datetime-local values', () => {
  it('shows an RFC 3339 time in UTC, whatever its offset, to the second', () => {
    expect(toUtcInput('2026-11-22T09:00:05.123456Z')).toBe('2026-11-22T09:00:05');
    expect(toUtcInput('2026-11-22T11:00:05+02:00')).toBe('2026-11-22T09:00:05');
    expect(toUtcInput(null)).toBe('');
    expect(toUtcInput('yesterday')).toBe('');
  });

  it('reads the input as UTC, with or without seconds', () => {
    expect(fromUtcInput('2026-11-22T09:00')).toBe('2026-11-22T09:00:00Z');
    expect(fromUtcInput('2026-11-22T09:00:05')).toBe('2026-11-22T09:00:05Z');
    expect(fromUtcInput('')).toBeNull();
    expect(fromUtcInput('2026-13-45T99:00')).toBeNull();
  });

  it('round-trips what it shows', () => {
    const t = '2026-11-22T09:00:05Z';
    expect(fromUtcInput(toUtcInput(t))).toBe(t);
  });
});
