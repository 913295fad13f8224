import { describe, expect, it } from 'vitest';
import { aggregateServiceMap } from '@/lib/domain/service-map/aggregate-service-map';
import { rankEndpoints, rankMapEndpoints } from '@/lib/domain/service-map/endpoint-rank';
import { deathStarSamples } from '@/lib/domain/service-map/map-fixtures';
import type { L7Endpoint } from '@/lib/domain/service-map/service-map';

const ep = (method: string, path: string, requests: number, extra: Partial<L7Endpoint> = {}): L7Endpoint => ({
  protocol: 'http', method, path, requests, verdicts: { forwarded: requests, dropped: 0, other: 0 }, statuses: [], ...extra,
});

describe('rankEndpoints', () => {
  it('puts drops and server errors before busier endpoints, then the busiest first', () => {
    const ranked = rankEndpoints([
      ep('GET', '/healthz', 3000),
      ep('POST', '/v1/request-landing', 40),
      ep('PUT', '/v1/exhaust-port', 1, { statuses: [{ code: 500, count: 1 }] }),
      ep('GET', '/admin', 2, { verdicts: { forwarded: 0, dropped: 2, other: 0 } }),
      ep('GET', '/a', 40),
    ]);
    expect(ranked.map((e) => e.path)).toEqual(['/admin', '/v1/exhaust-port', '/healthz', '/a', '/v1/request-landing']);
  });

  it('shows the exhaust port first on the deathstar card and its incoming edge', () => {
    const map = rankMapEndpoints(aggregateServiceMap(deathStarSamples()));
    const deathstar = map.nodes.find((n) => n.id === 'default/deathstar');
    expect(deathstar?.endpoints[0]).toMatchObject({ method: 'PUT', path: '/v1/exhaust-port' });
    const edge = map.edges.find((e) => e.source === 'default/tiefighter' && e.destination === 'default/deathstar');
    expect(edge?.endpoints[0]).toMatchObject({ method: 'PUT', path: '/v1/exhaust-port' });
  });
});
