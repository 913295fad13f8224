/**
 * An island laid out from scratch: its nodes, in connection order, poured into a near-square
 * grid row by row, alternating direction (boustrophedon) so consecutive nodes stay adjacent
 * across row ends.
 */
import type { Point } from '@/lib/domain/service-map/box';
import type { LayoutGeometry } from '@/lib/domain/service-map/layout-geometry';

export interface FreshIsland {
  columns: number;
  rows: number;
  width: number; // of the island box, padding included
  height: number;
}

export function freshIslandSize(count: number, g: LayoutGeometry): FreshIsland {
  const n = Math.max(1, count);
  // Square in map units: columns · pitchX ≈ rows · pitchY.
  const columns = Math.max(1, Math.min(n, Math.round(Math.sqrt((n * g.pitchY) / g.pitchX))));
  const rows = Math.ceil(n / columns);
  return {
    columns,
    rows,
    width: g.islandPad.left + g.islandPad.right + columns * g.pitchX - g.nodeGap,
    height: g.islandPad.top + g.islandPad.bottom + rows * g.pitchY - g.nodeGap,
  };
}

/** Top-left of each node's cell, for an island whose box starts at `origin`. */
export function freshIslandCells(order: readonly string[], origin: Point, g: LayoutGeometry, columns = freshIslandSize(order.length, g).columns): Map<string, Point> {
  const cells = new Map<string, Point>();
  order.forEach((id, i) => {
    const row = Math.floor(i / columns);
    const along = i % columns;
    const col = row % 2 === 0 ? along : columns - 1 - along;
    cells.set(id, { x: origin.x + g.islandPad.left + col * g.pitchX, y: origin.y + g.islandPad.top + row * g.pitchY });
  });
  return cells;
}

