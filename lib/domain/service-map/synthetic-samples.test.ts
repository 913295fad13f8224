import { describe, expect, it } from 'vitest';
import { aggregateServiceMap } from '@/lib/domain/service-map/aggregate-service-map';
import { syntheticSamples } from '@/lib/domain/service-map/synthetic-samples';

describe('syntheticSamples', () => {
  const samples = syntheticSamples({ workloads: 300, edges: 2000, namespaces: 12, seed: 7 });
  const map = aggregateServiceMap(samples);

  it('makes exactly the requested edges and workloads, in the requested namespaces', () => {
    expect(map.edges).toHaveLength(2000);
    expect(map.nodes.filter((n) => n.kind === 'workload')).toHaveLength(300);
    expect(map.islands).toHaveLength(12);
    expect(map.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(['world', 'host']));
  });

  it('covers every edge flavour the map draws', () => {
    const verdicts = new Set(map.edges.map((e) => e.verdict));
    expect([...verdicts].sort()).toEqual(['dropped', 'forwarded', 'mixed']);
    expect(map.edges.some((e) => e.endpoints.length > 0 && e.replies > 0)).toBe(true);
    expect(map.edges.some((e) => e.encrypted === 'all')).toBe(true);
    expect(map.edges.some((e) => e.mutualAuth !== 'none')).toBe(true);
    // Replies are folded, so no edge may leave a workload towards the host or start at world.
    expect(map.edges.filter((e) => e.destination === 'host' || e.source === 'world')).toEqual([]);
  });

  it('is deterministic per seed and differs across seeds', () => {
    expect(syntheticSamples({ workloads: 300, edges: 2000, namespaces: 12, seed: 7 })).toEqual(samples);
    expect(syntheticSamples({ workloads: 300, edges: 2000, namespaces: 12, seed: 8 })).not.toEqual(samples);
  });

  it('handles tiny maps', () => {
    const tiny = aggregateServiceMap(syntheticSamples({ workloads: 1, edges: 1, namespaces: 3, seed: 1 }));
    expect(tiny.edges).toHaveLength(1);
  });
});
