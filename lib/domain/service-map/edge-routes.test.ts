import { describe, expect, it } from 'vitest';
import { edgeRoutes } from '@/lib/domain/service-map/edge-routes';

const nodes = new Map([
  ['a', { x: 0, y: 0, width: 100, height: 50 }],
  ['b', { x: 400, y: 0, width: 100, height: 50 }],
]);

describe('edgeRoutes', () => {
  it('fans out parallel edges between the same nodes', () => {
    const routes = edgeRoutes(
      [
        { id: 'a-b-80', source: 'a', destination: 'b' },
        { id: 'a-b-443', source: 'a', destination: 'b' },
      ],
      nodes,
    );
    expect(routes).toHaveLength(2);
    expect(routes[0]!.d).not.toBe(routes[1]!.d);
    expect(Math.abs(routes[1]!.label.y - routes[0]!.label.y)).toBeGreaterThan(10);
  });

  it('skips edges whose nodes were not laid out', () => {
    expect(edgeRoutes([{ id: 'x', source: 'a', destination: 'missing' }], nodes)).toEqual([]);
  });

  it('draws a self-loop for a workload talking to itself', () => {
    const [loop] = edgeRoutes([{ id: 'a-a', source: 'a', destination: 'a' }], nodes);
    expect(loop?.d).toMatch(/^M.* C/);
  });
});
