/**
 * The fixed measures of the map layout. Every node reserves the same cell (the largest card),
 * so the lattice inside an island never has to move when a card grows.
 */
import { MAX_CARD_SIZE } from '@/lib/domain/service-map/card-size';
import type { Box } from '@/lib/domain/service-map/box';

export interface LayoutOptions {
  /** Space between neighbouring cells in an island. */
  nodeGap?: number;
  /** Space between an island's border and its cells. */
  islandPadding?: number;
  /** Room above the cells for the namespace title. */
  islandHeader?: number;
  /** Space between islands (and between islands and the special nodes). */
  islandGap?: number;
  /** Width / height the whole map aims for when islands are packed. */
  aspect?: number;
}

export interface LayoutGeometry {
  cellWidth: number;
  cellHeight: number;
  pitchX: number;
  pitchY: number;
  nodeGap: number;
  islandGap: number;
  islandPad: { top: number; right: number; bottom: number; left: number };
  aspect: number;
}

export function layoutGeometry(opts: LayoutOptions = {}): LayoutGeometry {
  const nodeGap = opts.nodeGap ?? 36;
  const padding = opts.islandPadding ?? 24;
  const header = opts.islandHeader ?? 28;
  return {
    cellWidth: MAX_CARD_SIZE.width,
    cellHeight: MAX_CARD_SIZE.height,
    pitchX: MAX_CARD_SIZE.width + nodeGap,
    pitchY: MAX_CARD_SIZE.height + nodeGap,
    nodeGap,
    // Islands must sit further apart than cells, or two islands' cells would read as one.
    islandGap: Math.max(opts.islandGap ?? 72, nodeGap + 1),
    islandPad: { top: padding + header, right: padding, bottom: padding, left: padding },
    aspect: opts.aspect ?? 16 / 10,
  };
}

/** The cell a node at (x, y) reserves. */
export function footprint(g: LayoutGeometry, p: { x: number; y: number }): Box {
  return { x: p.x, y: p.y, width: g.cellWidth, height: g.cellHeight };
}
