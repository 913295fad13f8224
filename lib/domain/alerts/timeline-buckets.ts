/**
 * The alert timeline's bucket size: a "round" step (10 s, 1 min, 1 h…) giving at most
 * `maxBuckets` bars over the span, with bucket edges aligned to multiples of the step so the
 * same alert falls into the same bar whatever the exact range.
 */
const S = 1_000_000;
const STEPS_US = [1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800].map((s) => s * S);

export function pickBucketUs(spanUs: number, maxBuckets = 60): number {
  const wanted = Math.max(1, spanUs) / maxBuckets;
  return STEPS_US.find((s) => s >= wanted) ?? Math.ceil(wanted / STEPS_US[STEPS_US.length - 1]!) * STEPS_US[STEPS_US.length - 1]!;
}

export interface BucketGrid {
  startUs: number;
  endUs: number;
  bucketUs: number;
  count: number;
}

/** Aligned grid covering [fromUs, toUs]. */
export function bucketGrid(fromUs: number, toUs: number, maxBuckets = 60): BucketGrid {
  const lo = Math.min(fromUs, toUs);
  const hi = Math.max(fromUs, toUs);
  const bucketUs = pickBucketUs(hi - lo, maxBuckets);
  const startUs = Math.floor(lo / bucketUs) * bucketUs;
  const count = Math.max(1, Math.floor((hi - startUs) / bucketUs) + 1);
  return { startUs, endUs: startUs + count * bucketUs, bucketUs, count };
}
