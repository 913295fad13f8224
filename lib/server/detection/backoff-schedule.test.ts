import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryDelayMs } from './backoff-schedule';

describe('webhook retry schedule', () => {
  it('doubles from 1 s and is capped', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((r) => retryDelayMs(r))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });

  it('honours a longer Retry-After, up to the cap', () => {
    expect(retryDelayMs(1, undefined, 5000)).toBe(5000);
    expect(retryDelayMs(3, undefined, 10)).toBe(4000);
    expect(retryDelayMs(1, undefined, 3_600_000)).toBe(30000);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('7', 0)).toBe(7000);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:10 GMT', 4000)).toBe(6000);
    expect(parseRetryAfter('soon', 0)).toBeNull();
    expect(parseRetryAfter(null, 0)).toBeNull();
  });
});
