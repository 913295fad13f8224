import { describe, expect, it } from 'vitest';
import { BoxIndex } from '@/lib/domain/service-map/box-index';

describe('BoxIndex', () => {
  const index = new BoxIndex(100);
  index.add('a', { x: 0, y: 0, width: 50, height: 50 });
  index.add('wide', { x: 120, y: 0, width: 400, height: 20 }); // spans several buckets
  index.add('far', { x: 5000, y: 5000, width: 10, height: 10 });

  it('finds boxes closer than the gap, each once', () => {
    expect([...index.clashes({ x: 60, y: 0, width: 50, height: 50 }, 11)].sort()).toEqual(['a', 'wide']);
    expect([...index.clashes({ x: 60, y: 0, width: 50, height: 50 }, 10)]).toEqual([]); // exactly 10 apart
    expect([...index.clashes({ x: 0, y: 0, width: 600, height: 600 })].sort()).toEqual(['a', 'wide']);
  });

  it('answers anyClash with ignored ids left out', () => {
    expect(index.anyClash({ x: 450, y: 10, width: 5, height: 5 }, 0)).toBe(true);
    expect(index.anyClash({ x: 450, y: 10, width: 5, height: 5 }, 0, (id) => id === 'wide')).toBe(false);
    expect(index.anyClash({ x: -500, y: -500, width: 5, height: 5 }, 0)).toBe(false);
  });
});
