import { describe, expect, it } from 'vitest';
import { parseFlowsSearch } from '@/components/flows/search-params';
import { aggregateServiceMap } from '@/lib/domain/service-map/aggregate-service-map';
import { deathStarSamples } from '@/lib/domain/service-map/map-fixtures';
import { edgeChips, flowsLink, nodeChips } from './flows-link';

const map = aggregateServiceMap(deathStarSamples());
const node = (id: string) => map.nodes.find((n) => n.id === id)!;
const edge = (from: string, to: string) => map.edges.find((e) => e.source === from && e.destination === to)!;
const window15 = { q: '', range: '15m' as const, since: null, until: null };

function flowsState(href: string) {
  const url = new URL(href, 'http://x');
  expect(url.pathname).toBe('/flows');
  return parseFlowsSearch(url.searchParams);
}

describe('links from the map to /flows', () => {
  it('opens a workload as a pod-prefix filter, a reserved identity as its label', () => {
    expect(flowsState(flowsLink(nodeChips(node('default/deathstar')), window15))).toMatchObject({ q: 'pod=default/deathstar', range: '15m' });
    expect(flowsState(flowsLink(nodeChips(node('host')), window15)).q).toBe('label=reserved:host');
  });

  it('opens an edge as client → server on its port and protocol, keeping the map filter and window', () => {
    const e = edge('default/xwing', 'default/deathstar');
    const href = flowsLink(edgeChips(e, node(e.source), node(e.destination)), {
      q: 'verdict=DROPPED',
      range: null,
      since: '2026-11-22T10:00:00Z',
      until: '2026-11-22T10:15:00Z',
    });
    expect(flowsState(href)).toMatchObject({
      q: 'verdict=DROPPED from:pod=default/xwing to:pod=default/deathstar to:port=80 protocol=TCP',
      range: null,
      since: '2026-11-22T10:00:00Z',
      until: '2026-11-22T10:15:00Z',
    });
  });
});
