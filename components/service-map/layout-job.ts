import type { Box, Point } from '@/lib/domain/service-map/box';
import { edgeRoutes, type EdgeRoute } from '@/lib/domain/service-map/edge-routes';
import { layoutServiceMap, type IslandBox } from '@/lib/domain/service-map/layout-service-map';
import type { ServiceMap } from '@/lib/domain/service-map/service-map';

/**
 * One layout request and its answer, as they cross to and from the layout worker: plain arrays
 * and objects (structured clone), never Maps of class instances. The same function runs in the
 * worker and, where workers are unavailable, on the main thread.
 */
export interface LayoutRequest {
  id: number;
  map: ServiceMap;
  /** Positions of the nodes on screen now: they stay put (layoutServiceMap's stability). */
  previous: [string, Point][];
}

export interface MapLayout {
  id: number;
  nodes: Map<string, Box>;
  islands: IslandBox[];
  bounds: Box;
  edges: EdgeRoute[];
  /** How long the layout took, for the status line and the big-map test. */
  ms: number;
}

export type LayoutResponse = Omit<MapLayout, 'nodes'> & { nodes: [string, Box][] };

export function runLayout(req: LayoutRequest): LayoutResponse {
  const started = performance.now();
  const layout = layoutServiceMap(req.map, new Map(req.previous));
  const edges = edgeRoutes(req.map.edges, layout.nodes);
  return { id: req.id, nodes: [...layout.nodes], islands: layout.islands, bounds: layout.bounds, edges, ms: performance.now() - started };
}

export function fromResponse(r: LayoutResponse): MapLayout {
  return { ...r, nodes: new Map(r.nodes) };
}
