/**
 * Delay before retry number `retry` (1 = the first retry): base × 2^(retry-1), capped. With the
 * defaults an alert is tried at 0 s, +1 s, +2 s, +4 s, +8 s — five attempts within 15 s, long
 * enough to ride out a receiver restart, short enough that the queue behind it keeps moving. A
 * receiver's Retry-After (429/503) is honoured up to the cap.
 */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, maxMs: 30_000 };

export function retryDelayMs(retry: number, policy: BackoffPolicy = DEFAULT_BACKOFF, retryAfterMs: number | null = null): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, retry - 1));
  return retryAfterMs === null ? exponential : Math.min(policy.maxMs, Math.max(exponential, retryAfterMs));
}

/** Retry-After: seconds, or an HTTP date. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}
