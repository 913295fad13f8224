import { describe, expect, it } from 'vitest';
import { shelfPack, shelfWidthFor } from '@/lib/domain/service-map/shelf-pack';

describe('shelfPack', () => {
  it('fills a shelf left to right, then starts the next below its tallest box', () => {
    const items = [
      { width: 100, height: 80 },
      { width: 100, height: 50 },
      { width: 100, height: 60 },
    ];
    expect(shelfPack(items, 230, 10, { x: 5, y: 7 })).toEqual([
      { x: 5, y: 7 },
      { x: 115, y: 7 },
      { x: 5, y: 97 },
    ]);
  });

  it('puts a box wider than the shelf on a shelf of its own', () => {
    expect(shelfPack([{ width: 500, height: 10 }, { width: 10, height: 10 }], 100, 0)).toEqual([
      { x: 0, y: 0 },
      { x: 0, y: 10 },
    ]);
  });

  it('picks a width for the requested aspect, never narrower than the widest box', () => {
    const items = Array.from({ length: 16 }, () => ({ width: 100, height: 100 }));
    expect(shelfWidthFor(items, 1, 0)).toBe(400);
    expect(shelfWidthFor([{ width: 900, height: 10 }], 1, 0)).toBe(900);
  });
});
