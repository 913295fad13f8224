/**
 * Shelf packing: boxes go left to right on a shelf until the next would pass `maxWidth`, then a
 * new shelf starts below the tallest box of the last one. Sorting the input by height first
 * (the caller's choice) keeps shelves tight. Linear, deterministic.
 */
import type { Point } from '@/lib/domain/service-map/box';

export interface ShelfItem {
  width: number;
  height: number;
}

export function shelfPack(items: readonly ShelfItem[], maxWidth: number, gap: number, origin: Point = { x: 0, y: 0 }): Point[] {
  const out: Point[] = [];
  let x = 0;
  let y = 0;
  let shelfHeight = 0;
  for (const item of items) {
    if (x > 0 && x + item.width > maxWidth) {
      x = 0;
      y += shelfHeight + gap;
      shelfHeight = 0;
    }
    out.push({ x: origin.x + x, y: origin.y + y });
    x += item.width + gap;
    shelfHeight = Math.max(shelfHeight, item.height);
  }
  return out;
}

/** A shelf width that makes the packed area roughly `aspect` wide per unit of height. */
export function shelfWidthFor(items: readonly ShelfItem[], aspect: number, gap: number): number {
  const area = items.reduce((s, i) => s + (i.width + gap) * (i.height + gap), 0);
  const widest = items.reduce((m, i) => Math.max(m, i.width), 0);
  return Math.max(widest, Math.sqrt(area * aspect));
}
