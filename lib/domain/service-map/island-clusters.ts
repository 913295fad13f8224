/**
 * Island boxes are not stored anywhere: they are derived from where their nodes are, so a
 * layout can be resumed from node positions alone. Usually a namespace's nodes sit on one
 * lattice and make one box. When an island was boxed in and had to continue elsewhere (or a
 * user dragged a node away) its nodes form separate groups; each group gets its own box rather
 * than one huge box across other islands.
 */
import { BoxIndex } from '@/lib/domain/service-map/box-index';
import { boxesClash, padBox, unionBox, type Box } from '@/lib/domain/service-map/box';
import { footprint, type LayoutGeometry } from '@/lib/domain/service-map/layout-geometry';
import type { Point } from '@/lib/domain/service-map/box';

export interface IslandCluster {
  namespace: string;
  members: Set<string>;
  /** Union of the members' cells. */
  inner: Box;
  /** The island's box: cells plus padding and the title row. */
  box: Box;
}

export function clusterFromCells(namespace: string, cells: ReadonlyMap<string, Box>, g: LayoutGeometry): IslandCluster {
  const inner = unionBox(cells.values()) ?? { x: 0, y: 0, width: 0, height: 0 };
  return { namespace, members: new Set(cells.keys()), inner, box: padBox(inner, g.islandPad) };
}

export function addToCluster(c: IslandCluster, id: string, cell: Box, g: LayoutGeometry): void {
  c.members.add(id);
  c.inner = unionBox([c.inner, cell])!;
  c.box = padBox(c.inner, g.islandPad);
}

/** Groups of cells that touch (within the node gap, diagonals included), one box per group. */
export function islandClusters(namespace: string, positions: ReadonlyMap<string, Point>, g: LayoutGeometry): IslandCluster[] {
  const ids = [...positions.keys()].sort();
  const cells = new Map(ids.map((id) => [id, footprint(g, positions.get(id)!)]));
  const index = new BoxIndex();
  for (const [id, cell] of cells) index.add(id, cell);

  const parent = new Map(ids.map((id) => [id, id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(id, root);
    return root;
  };
  const join = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  for (const [id, cell] of cells) for (const other of index.clashes(cell, g.nodeGap + 1)) join(id, other);

  const groups = new Map<string, Map<string, Box>>();
  for (const id of ids) {
    const root = find(id);
    const group = groups.get(root) ?? new Map<string, Box>();
    group.set(id, cells.get(id)!);
    groups.set(root, group);
  }
  let clusters = [...groups.values()].map((group) => clusterFromCells(namespace, group, g));

  // Two groups of one namespace whose boxes overlap are drawn as one box.
  for (let merged = true; merged; ) {
    merged = false;
    outer: for (let i = 0; i < clusters.length; i++) {
      for (let j = i + 1; j < clusters.length; j++) {
        const a = clusters[i]!;
        const b = clusters[j]!;
        if (!boxesClash(a.box, b.box)) continue;
        const union = new Map<string, Box>();
        for (const id of [...a.members, ...b.members]) union.set(id, cells.get(id)!);
        clusters = [...clusters.slice(0, i), clusterFromCells(namespace, union, g), ...clusters.slice(i + 1, j), ...clusters.slice(j + 1)];
        merged = true;
        break outer;
      }
    }
  }
  return clusters.sort((a, b) => b.members.size - a.members.size || a.box.y - b.box.y || a.box.x - b.box.x);
}
