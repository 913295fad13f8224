import { DEFAULT_FLOWS_SEARCH, flowsHref } from '@/components/flows/search-params';
import { addChips, type Chip } from '@/lib/domain/query/chips';
import type { Direction } from '@/lib/domain/query/parse';
import type { MapEdge, MapNode } from '@/lib/domain/service-map/service-map';
import type { MapSearch } from './search-params';

/**
 * From the map to the flows behind what was clicked: a node becomes a pod filter (its replicas
 * share the workload's name as prefix) or a reserved-identity label, an edge becomes
 * from:<client> to:<server> to:port=<port> protocol=<protocol>. The map's own filter and time
 * window come along, so /flows lists exactly the flows that were counted.
 */
type NodeRef = Pick<MapNode, 'kind' | 'namespace' | 'name'>;

export function nodeChips(node: NodeRef, direction: Direction = 'either'): Chip[] {
  if (node.kind === 'workload') return [{ kind: 'pod', direction, negate: false, value: `${node.namespace}/${node.name}` }];
  return [{ kind: 'label', direction, negate: false, value: `reserved:${node.kind}` }];
}

export function edgeChips(edge: Pick<MapEdge, 'port' | 'protocol'>, from: NodeRef, to: NodeRef): Chip[] {
  const chips = [...nodeChips(from, 'from'), ...nodeChips(to, 'to')];
  if (edge.port > 0) chips.push({ kind: 'port', direction: 'to', negate: false, value: String(edge.port) });
  if (edge.protocol) chips.push({ kind: 'protocol', direction: 'either', negate: false, value: edge.protocol });
  return chips;
}

export function flowsLink(chips: readonly Chip[], s: Pick<MapSearch, 'q' | 'range' | 'since' | 'until'>): string {
  return flowsHref({
    ...DEFAULT_FLOWS_SEARCH,
    q: addChips(s.q, 'flows', [...chips]),
    range: s.range,
    since: s.range ? null : s.since,
    until: s.range ? null : s.until,
  });
}
