import { describe, expect, it } from 'vitest';
import { mergeSorted } from './merge-sorted';

describe('mergeSorted', () => {
  const asc = (a: number, b: number) => a - b;
  it('merges in one pass and keeps existing rows first on ties', () => {
    const a = [{ k: 1, s: 'a' }, { k: 3, s: 'a' }, { k: 5, s: 'a' }];
    const b = [{ k: 3, s: 'b' }, { k: 6, s: 'b' }];
    expect(mergeSorted(a, b, (x, y) => x.k - y.k).map((x) => `${x.k}${x.s}`)).toEqual(['1a', '3a', '3b', '5a', '6b']);
  });
  it('handles empty sides and returns a new array', () => {
    const a = [1, 2];
    expect(mergeSorted(a, [], asc)).not.toBe(a);
    expect(mergeSorted([], [0, 4], asc)).toEqual([0, 4]);
  });
});
