import { describe, expect, it } from 'vitest';
import { bucketGrid, pickBucketUs } from './timeline-buckets';

const S = 1_000_000;

describe('timeline buckets', () => {
  it('picks round steps giving at most the wanted number of bars', () => {
    expect(pickBucketUs(60 * S, 60)).toBe(1 * S);
    expect(pickBucketUs(61 * S, 60)).toBe(5 * S);
    expect(pickBucketUs(3600 * S, 60)).toBe(60 * S);
    expect(pickBucketUs(24 * 3600 * S, 60)).toBe(1800 * S);
    expect(pickBucketUs(0, 60)).toBe(1 * S);
  });

  it('aligns the grid to the step and covers both ends', () => {
    const g = bucketGrid(1_000_000_123 * S + 7, 1_000_000_123 * S + 3600 * S);
    expect(g.bucketUs).toBe(60 * S);
    expect(g.startUs % g.bucketUs).toBe(0);
    expect(g.startUs).toBeLessThanOrEqual(1_000_000_123 * S + 7);
    expect(g.endUs).toBeGreaterThan(1_000_000_123 * S + 3600 * S);
    expect(g.count).toBeLessThanOrEqual(62);
  });
});
