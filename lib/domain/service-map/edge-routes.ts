/**
 * Drawing geometry for every edge of a laid-out map. Edges between the same two nodes (one per
 * port or protocol) get increasing bends so they fan out instead of drawing on top of each
 * other; the reverse direction already bends to the other side (edge-path.ts).
 */
import type { Box, Point } from '@/lib/domain/service-map/box';
import { edgePath } from '@/lib/domain/service-map/edge-path';
import type { MapEdge } from '@/lib/domain/service-map/service-map';

export interface EdgeRoute {
  id: string;
  d: string;
  label: Point;
  start: Point;
  end: Point;
  /** A workload talking to itself: a loop on its card's corner, not a curve between two. */
  loop: boolean;
  endAngle: number;
}

const BASE_BEND = 0.12;
const BEND_STEP = 0.1;
const LOOP_STEP = 10;

export function edgeRoutes(edges: readonly Pick<MapEdge, 'id' | 'source' | 'destination'>[], nodes: ReadonlyMap<string, Box>): EdgeRoute[] {
  const seen = new Map<string, number>();
  const routes: EdgeRoute[] = [];
  for (const e of edges) {
    const from = nodes.get(e.source);
    const to = nodes.get(e.destination);
    if (!from || !to) continue;
    const pair = `${e.source}\u0000${e.destination}`;
    const i = seen.get(pair) ?? 0;
    seen.set(pair, i + 1);
    const g = edgePath(from, to, { bend: BASE_BEND + i * BEND_STEP, loopSize: 28 + i * LOOP_STEP });
    routes.push({ id: e.id, d: g.d, label: g.label, start: g.start, end: g.end, endAngle: g.endAngle, loop: e.source === e.destination });
  }
  return routes;
}
