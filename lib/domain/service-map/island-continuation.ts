/**
 * Where a boxed-in island continues: the free spot nearest to it, so the second box of a
 * namespace reads as "more of the same" instead of turning up at the far end of the map.
 * Spots are searched ring by ring on a half-cell lattice around the island, in the island area
 * only (x ≥ 0, y ≥ 0: the world column and the reserved-identity row stay clear).
 */
import type { BoxIndex } from '@/lib/domain/service-map/box-index';
import { boxesClash, type Box, type Point } from '@/lib/domain/service-map/box';
import type { IslandCluster } from '@/lib/domain/service-map/island-clusters';
import type { LayoutGeometry } from '@/lib/domain/service-map/layout-geometry';

const MAX_RINGS = 40;

export function findContinuationSpot(
  near: Box,
  size: { width: number; height: number },
  islands: readonly IslandCluster[],
  index: BoxIndex,
  g: LayoutGeometry,
): Point | null {
  const stepX = g.pitchX / 2;
  const stepY = g.pitchY / 2;
  const free = (p: Point) => {
    if (p.x < 0 || p.y < 0) return false;
    const box = { x: p.x, y: p.y, ...size };
    return !islands.some((c) => boxesClash(box, c.box, g.islandGap)) && !index.anyClash(box, g.islandGap);
  };
  for (let ring = 1; ring <= MAX_RINGS; ring++) {
    const spots: { p: Point; d: number }[] = [];
    for (let j = -ring; j <= ring; j++) {
      for (let i = -ring; i <= ring; i++) {
        if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue;
        const p = { x: near.x + i * stepX, y: near.y + j * stepY };
        spots.push({ p, d: Math.hypot(i * stepX, j * stepY) });
      }
    }
    // Nearest first; ties broken by position so the choice never depends on anything else.
    spots.sort((a, b) => a.d - b.d || a.p.y - b.p.y || a.p.x - b.p.x);
    for (const { p } of spots) if (free(p)) return p;
  }
  return null;
}
