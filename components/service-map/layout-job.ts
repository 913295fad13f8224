import type { Box, Point } from '@/lib/domain/service-map/box';
import { compareLabelPriority, edgeLabelSize } from '@/lib/domain/service-map/edge-label';
import { edgeRoutes, type EdgeRoute } from '@/lib/domain/service-map/edge-routes';
import { placeLabels } from '@/lib/domain/service-map/label-placement';
import { layoutServiceMap, type IslandBox, type LayoutOptions } from '@/lib/domain/service-map/layout-service-map';
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
  /** `label` is where the label's centre goes (placed off cards and other labels). */
  edges: EdgeRoute[];
  /** How long the layout took, for the status line and the big-map test. */
  ms: number;
  /** Where it ran: the worker, or inline when workers are unavailable. */
  ranIn: 'worker' | 'main thread';
}

export type LayoutResponse = Omit<MapLayout, 'nodes' | 'ranIn'> & { nodes: [string, Box][] };

/**
 * Wider gaps than the layout's defaults: an edge label (port, count, two L7 endpoints) has to
 * fit between two neighbouring cards to be read without hovering.
 */
export const MAP_GEOMETRY: LayoutOptions = { nodeGap: 140, islandGap: 170 };

export function runLayout(req: LayoutRequest): LayoutResponse {
  const started = performance.now();
  const layout = layoutServiceMap(req.map, new Map(req.previous), MAP_GEOMETRY);
  const routes = edgeRoutes(req.map.edges, layout.nodes);
  const byId = new Map(req.map.edges.map((e) => [e.id, e]));
  const requests = routes
    .flatMap((r) => {
      const edge = byId.get(r.id);
      return edge ? [{ edge, route: r }] : [];
    })
    .sort((a, b) => compareLabelPriority(a.edge, b.edge))
    .map(({ edge, route }) => ({ id: route.id, start: route.start, middle: route.label, end: route.end, loop: route.loop, ...edgeLabelSize(edge) }));
  const spots = placeLabels(requests, layout.nodes.values());
  const edges = routes.map((r) => ({ ...r, label: spots.get(r.id) ?? r.label }));
  return { id: req.id, nodes: [...layout.nodes], islands: layout.islands, bounds: layout.bounds, edges, ms: performance.now() - started };
}

export function fromResponse(r: LayoutResponse, ranIn: MapLayout['ranIn']): MapLayout {
  return { ...r, nodes: new Map(r.nodes), ranIn };
}
