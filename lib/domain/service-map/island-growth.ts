/**
 * Finds a cell for a new node in an island that already has a place on the map, without moving
 * anything. Candidates are the island's own lattice: holes inside it first, then one new column
 * or row (whichever keeps the island closer to square). A candidate is taken
 * only if it touches the island's cells, its cell is clear of every node, and the grown island
 * box stays clear of other islands and of nodes outside it. Returns null when the island is
 * boxed in; the caller then starts a continuation of the island elsewhere.
 */
import type { BoxIndex } from '@/lib/domain/service-map/box-index';
import { boxesClash, padBox, unionBox, type Point } from '@/lib/domain/service-map/box';
import type { IslandCluster } from '@/lib/domain/service-map/island-clusters';
import { footprint, type LayoutGeometry } from '@/lib/domain/service-map/layout-geometry';

function* candidates(columns: number, rows: number, widerFirst: boolean): Generator<[number, number]> {
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) yield [c, r];
  const right = function* (): Generator<[number, number]> {
    for (let r = 0; r < rows; r++) yield [columns, r];
  };
  const down = function* (): Generator<[number, number]> {
    for (let c = 0; c < columns; c++) yield [c, rows];
  };
  if (widerFirst) {
    yield* right();
    yield* down();
  } else {
    yield* down();
    yield* right();
  }
  yield [columns, rows];
  // Never left or up: islands are packed from the top-left, so the only room there is the
  // world column and the row of reserved identities.
}

export function findIslandSlot(
  island: IslandCluster,
  islands: readonly IslandCluster[],
  index: BoxIndex,
  g: LayoutGeometry,
): Point | null {
  const { inner } = island;
  const columns = Math.round((inner.width - g.cellWidth) / g.pitchX) + 1;
  const rows = Math.round((inner.height - g.cellHeight) / g.pitchY) + 1;
  const widerFirst = columns * g.pitchX <= rows * g.pitchY;
  const isMember = (id: string) => island.members.has(id);

  for (const [c, r] of candidates(columns, rows, widerFirst)) {
    const p = { x: inner.x + c * g.pitchX, y: inner.y + r * g.pitchY };
    const cell = footprint(g, p);
    if (index.anyClash(cell, g.nodeGap)) continue;
    // Must touch the island, or it would become a separate group of its own.
    if (![...index.clashes(cell, g.nodeGap + 1)].some(isMember)) continue;
    const grown = padBox(unionBox([inner, cell])!, g.islandPad);
    if (islands.some((o) => o !== island && boxesClash(grown, o.box, g.islandGap / 2))) continue;
    if (index.anyClash(grown, 0, isMember)) continue;
    return p;
  }
  return null;
}
