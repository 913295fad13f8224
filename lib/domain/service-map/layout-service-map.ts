/**
 * Where each node and namespace island of the service map is drawn. Pure and DOM-free, so it
 * can run in a Web Worker.
 *
 * - Each namespace is an island: a box around a grid of its workloads, ordered so that
 *   connected workloads sit side by side. Islands are shelf-packed, biggest first.
 * - `world` sits in a column left of the islands; host, remote-node, kube-apiserver and the
 *   other reserved identities in a row above them.
 * - Stable: a node with a `previous` position keeps it exactly. New nodes fill free cells of
 *   their island (growing it where there is room), new namespaces are packed beside everything,
 *   and nothing already drawn moves, so the map does not jump while flows stream in. An island
 *   that is boxed in continues in a second box of the same namespace, as near as there is room.
 * - Deterministic: no randomness, no iteration limits that depend on time.
 *
 * Positions are top-left corners in map units (y down). Every node reserves a full cell of the
 * largest card size; the returned node boxes carry the node's own card size.
 */
import { BoxIndex } from '@/lib/domain/service-map/box-index';
import { boxesClash, padBox, unionBox, type Box, type Point } from '@/lib/domain/service-map/box';
import { cardSize } from '@/lib/domain/service-map/card-size';
import { freshIslandCells, freshIslandSize } from '@/lib/domain/service-map/fresh-island';
import { addToCluster, clusterFromCells, islandClusters, type IslandCluster } from '@/lib/domain/service-map/island-clusters';
import { findContinuationSpot } from '@/lib/domain/service-map/island-continuation';
import { findIslandSlot } from '@/lib/domain/service-map/island-growth';
import { orderByConnection } from '@/lib/domain/service-map/island-order';
import { footprint, layoutGeometry, type LayoutGeometry, type LayoutOptions } from '@/lib/domain/service-map/layout-geometry';
import type { MapNode, ServiceMap } from '@/lib/domain/service-map/service-map';
import { shelfPack, shelfWidthFor } from '@/lib/domain/service-map/shelf-pack';

export type { LayoutOptions } from '@/lib/domain/service-map/layout-geometry';

export interface IslandBox extends Box {
  namespace: string;
}

export interface ServiceMapLayout {
  nodes: Map<string, Box>;
  /** One box per namespace, or more when an island had to continue elsewhere. */
  islands: IslandBox[];
  /** Around everything, for zoom-to-fit. */
  bounds: Box;
}

// Left to right in the row above the islands.
const SPECIAL_ORDER: readonly string[] = ['host', 'remote-node', 'kube-apiserver', 'ingress', 'health', 'init', 'unmanaged'];
const SLOT_SEARCH_LIMIT = 10_000;

interface Placement {
  g: LayoutGeometry;
  positions: Map<string, Point>;
  index: BoxIndex;
  clusters: IslandCluster[];
}

function place(s: Placement, id: string, p: Point): void {
  s.positions.set(id, p);
  s.index.add(id, footprint(s.g, p));
}

/** What is drawn in the island area (x ≥ 0, y ≥ 0: not the world column or the top row). */
function islandArea(s: Placement): Box | null {
  const boxes = [...[...s.positions.values()].map((p) => footprint(s.g, p)), ...s.clusters.map((c) => c.box)];
  return unionBox(boxes.filter((b) => b.x + b.width > 0 && b.y + b.height > 0));
}

/**
 * Cells kept free under a new island so it can grow in place: maps fill up as flows stream in,
 * and an island packed tight against its neighbours would have to continue elsewhere.
 */
function growthRoom(count: number): number {
  return Math.ceil(count / 3) + 1;
}

interface FreshGroup {
  namespace: string;
  order: string[];
}

function sizeFresh(grp: FreshGroup, g: LayoutGeometry) {
  return { ...grp, ...freshIslandSize(grp.order.length + growthRoom(grp.order.length), g) };
}

function placeFreshIsland(s: Placement, grp: ReturnType<typeof sizeFresh>, at: Point): void {
  const cells = new Map<string, Box>();
  for (const [id, p] of freshIslandCells(grp.order, at, s.g, grp.columns)) {
    place(s, id, p);
    cells.set(id, footprint(s.g, p));
  }
  s.clusters.push(clusterFromCells(grp.namespace, cells, s.g));
}

function packFreshIslands(s: Placement, groups: FreshGroup[]): void {
  if (groups.length === 0) return;
  const { g } = s;
  const sized = groups
    .map((grp) => sizeFresh(grp, g))
    .sort((a, b) => b.height - a.height || b.width - a.width || (a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : 0));
  const area = islandArea(s);
  const shelf = shelfWidthFor(sized, g.aspect, g.islandGap);
  // Newcomers go right of what is drawn or below it, whichever keeps the map nearer its aspect.
  let origin = { x: 0, y: 0 };
  let maxWidth = shelf;
  if (area) {
    const right = area.x + area.width;
    const bottom = area.y + area.height;
    if (right / Math.max(bottom, 1) < g.aspect) origin = { x: Math.max(0, right + g.islandGap), y: 0 };
    else {
      origin = { x: 0, y: Math.max(0, bottom + g.islandGap) };
      maxWidth = Math.max(shelf, right);
    }
  }
  shelfPack(sized, maxWidth, g.islandGap, origin).forEach((at, i) => placeFreshIsland(s, sized[i]!, at));
}

/** A boxed-in island continues next to itself when there is room, else with the new islands. */
function continueIsland(s: Placement, grp: FreshGroup, near: Box, later: FreshGroup[]): void {
  const sized = sizeFresh(grp, s.g);
  const at = findContinuationSpot(near, sized, s.clusters, s.index, s.g);
  if (at) placeFreshIsland(s, sized, at);
  else later.push(grp);
}

function slotIsFree(s: Placement, p: Point): boolean {
  const cell = footprint(s.g, p);
  return !s.index.anyClash(cell, s.g.nodeGap) && !s.clusters.some((c) => boxesClash(cell, c.box, s.g.islandGap / 2));
}

function placeSpecial(s: Placement, node: MapNode): void {
  const { g } = s;
  const rank = SPECIAL_ORDER.indexOf(node.kind);
  const slot = (k: number): Point =>
    node.kind === 'world'
      ? { x: -(g.cellWidth + g.islandGap), y: k * g.pitchY }
      : { x: (rank < 0 ? SPECIAL_ORDER.length : rank) * g.pitchX + k * g.pitchX, y: -(g.cellHeight + g.islandGap) };
  for (let k = 0; k < SLOT_SEARCH_LIMIT; k++) {
    if (slotIsFree(s, slot(k))) return place(s, node.id, slot(k));
  }
  // Only reachable with thousands of hand-placed nodes in the way: below everything is free.
  const all = unionBox([...s.positions.values()].map((p) => footprint(g, p)))!;
  place(s, node.id, { x: all.x, y: all.y + all.height + g.islandGap });
}

function validPoint(p: Point | undefined): p is Point {
  return p !== undefined && Number.isFinite(p.x) && Number.isFinite(p.y);
}

export function layoutServiceMap(
  map: ServiceMap,
  previous?: ReadonlyMap<string, Point>,
  opts?: LayoutOptions,
): ServiceMapLayout {
  const g = layoutGeometry(opts);
  const s: Placement = { g, positions: new Map(), index: new BoxIndex(), clusters: [] };

  // 1. Everything already on screen stays exactly where it is.
  for (const n of map.nodes) {
    const p = previous?.get(n.id);
    if (validPoint(p)) place(s, n.id, { x: p.x, y: p.y });
  }
  const links = map.edges.map((e) => [e.source, e.destination] as const);
  const fresh: FreshGroup[] = [];
  // Aggregation keeps islands and nodes consistent; a hand-built map might not.
  const known = new Set(map.nodes.map((n) => n.id));
  const islandsOf = map.islands.map((i) => ({ namespace: i.namespace, nodeIds: i.nodeIds.filter((id) => known.has(id)) }));

  // 2. Islands that already have a place: new workloads join them where there is room.
  for (const island of islandsOf) {
    const kept = new Map(island.nodeIds.filter((id) => s.positions.has(id)).map((id) => [id, s.positions.get(id)!]));
    const own = kept.size > 0 ? islandClusters(island.namespace, kept, g) : [];
    s.clusters.push(...own);
  }
  for (const island of islandsOf) {
    const newcomers = island.nodeIds.filter((id) => !s.positions.has(id));
    if (newcomers.length === 0) continue;
    const own = s.clusters.filter((c) => c.namespace === island.namespace);
    if (own.length === 0) {
      fresh.push({ namespace: island.namespace, order: orderByConnection(island.nodeIds, links) });
      continue;
    }
    const isNew = new Set(newcomers);
    const order = orderByConnection(island.nodeIds, links).filter((id) => isNew.has(id));
    const overflow: string[] = [];
    for (const id of order) {
      let placed = false;
      for (const c of own) {
        const p = findIslandSlot(c, s.clusters, s.index, g);
        if (!p) continue;
        place(s, id, p);
        addToCluster(c, id, footprint(g, p), g);
        placed = true;
        break;
      }
      if (!placed) overflow.push(id);
    }
    if (overflow.length > 0) continueIsland(s, { namespace: island.namespace, order: overflow }, own[0]!.box, fresh);
  }

  // 3. New namespaces (and continuations with no room nearby) are packed beside everything.
  packFreshIslands(s, fresh);

  // 4. Reserved identities around the islands (and, defensively, any node no island lists).
  for (const n of map.nodes) if (!s.positions.has(n.id)) placeSpecial(s, n);

  const nodes = new Map<string, Box>();
  for (const n of map.nodes) {
    const p = s.positions.get(n.id);
    if (p) nodes.set(n.id, { x: p.x, y: p.y, ...cardSize(n) });
  }
  const islands: IslandBox[] = [];
  for (const island of islandsOf) {
    const positions = new Map(island.nodeIds.map((id) => [id, s.positions.get(id)!]));
    // Drawn around the cards, not the reserved cells: tighter, and still inside the cell box
    // that placement kept clear of everything else.
    for (const c of islandClusters(island.namespace, positions, g)) {
      const cards = unionBox([...c.members].map((id) => nodes.get(id)!))!;
      islands.push({ namespace: island.namespace, ...padBox(cards, g.islandPad) });
    }
  }
  const bounds = unionBox([...nodes.values(), ...islands]) ?? { x: 0, y: 0, width: 0, height: 0 };
  return { nodes, islands, bounds };
}
