/**
 * Which L7 endpoints a card or an edge label shows first when there is room for only a few.
 * Busiest-first would bury the one request that matters under the health checks (the exhaust
 * port is hit once, /healthz thousands of times), so endpoints that saw a drop or a server error
 * come first, then the busiest, then by path. Stable and total: the same map draws the same rows.
 */
import type { L7Endpoint, ServiceMap } from '@/lib/domain/service-map/service-map';

export function needsAttention(e: L7Endpoint): boolean {
  return e.verdicts.dropped > 0 || e.statuses.some((s) => s.code >= 500);
}

const weight = (e: L7Endpoint) => e.requests + e.statuses.reduce((n, s) => n + s.count, 0);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function compareEndpoints(a: L7Endpoint, b: L7Endpoint): number {
  return (
    Number(needsAttention(b)) - Number(needsAttention(a)) ||
    weight(b) - weight(a) ||
    cmp(a.path, b.path) ||
    cmp(a.method, b.method) ||
    cmp(a.protocol, b.protocol)
  );
}

export function rankEndpoints(endpoints: readonly L7Endpoint[]): L7Endpoint[] {
  return [...endpoints].sort(compareEndpoints);
}

/** The map with every node's and edge's endpoints in display order (before layout sizes cards). */
export function rankMapEndpoints(map: ServiceMap): ServiceMap {
  return {
    ...map,
    nodes: map.nodes.map((n) => ({ ...n, endpoints: rankEndpoints(n.endpoints) })),
    edges: map.edges.map((e) => ({ ...e, endpoints: rankEndpoints(e.endpoints) })),
  };
}
