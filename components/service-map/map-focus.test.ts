import { describe, expect, it } from 'vitest';
import { aggregateServiceMap } from '@/lib/domain/service-map/aggregate-service-map';
import { deathStarSamples } from '@/lib/domain/service-map/map-fixtures';
import { focusSets, labelShown } from './map-focus';

const map = aggregateServiceMap(deathStarSamples());
const edge = (from: string, to: string) => map.edges.find((e) => e.source === from && e.destination === to)!;

describe('focusSets', () => {
  it('keeps a focused node, its edges and its neighbours bright', () => {
    const f = focusSets({ node: 'default/xwing', edge: null }, map.edges);
    expect(f.active).toBe(true);
    expect([...f.nodes].sort()).toEqual(['default/deathstar', 'default/xwing']);
    expect([...f.edges]).toEqual([edge('default/xwing', 'default/deathstar').id]);
  });

  it('is inactive without focus or with an unknown id', () => {
    expect(focusSets({ node: null, edge: null }, map.edges).active).toBe(false);
    expect(focusSets({ node: null, edge: 'gone' }, map.edges).active).toBe(false);
  });
});

describe('labelShown', () => {
  it('labels edges that carry L7 or drops at normal zoom, all when zoomed in, none far out', () => {
    const l7 = edge('default/tiefighter', 'default/deathstar');
    const dropped = edge('default/xwing', 'default/deathstar');
    expect(labelShown(l7, 'normal', false)).toBe(true);
    expect(labelShown(dropped, 'normal', false)).toBe(true);
    expect(labelShown(l7, 'overview', false)).toBe(false);
    expect(labelShown(l7, 'overview', true)).toBe(true);
  });
});
