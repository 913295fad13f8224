import { describe, expect, it } from 'vitest';
import { aggregateServiceMap } from '@/lib/domain/service-map/aggregate-service-map';
import { boxContains, boxesClash, type Box } from '@/lib/domain/service-map/box';
import { layoutServiceMap, type ServiceMapLayout } from '@/lib/domain/service-map/layout-service-map';
import { deathStarSamples, podEndpoint, sample, tiefighter, worldEndpoint } from '@/lib/domain/service-map/map-fixtures';
import type { MapFlowSample } from '@/lib/domain/service-map/map-sample';
import type { ServiceMap } from '@/lib/domain/service-map/service-map';
import { syntheticSamples } from '@/lib/domain/service-map/synthetic-samples';

/** The promises the map view relies on, checked exhaustively. */
function expectReadable(map: ServiceMap, layout: ServiceMapLayout): void {
  const boxes = map.nodes.map((n) => [n, layout.nodes.get(n.id)] as const);
  for (const [n, b] of boxes) expect(b, `box of ${n.id}`).toBeDefined();
  expect(layout.nodes.size).toBe(map.nodes.length);

  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, ab] = boxes[i]!;
      const [b, bb] = boxes[j]!;
      if (boxesClash(ab!, bb!)) expect.fail(`${a.id} overlaps ${b.id}`);
    }
  }
  for (let i = 0; i < layout.islands.length; i++) {
    for (let j = i + 1; j < layout.islands.length; j++) {
      const a = layout.islands[i]!;
      const b = layout.islands[j]!;
      if (boxesClash(a, b)) expect.fail(`island ${a.namespace} overlaps island ${b.namespace}`);
    }
  }
  for (const [n, b] of boxes) {
    if (n.namespace) {
      const home = layout.islands.filter((i) => i.namespace === n.namespace && boxContains(i, b!));
      expect(home, `${n.id} inside an island of ${n.namespace}`).toHaveLength(1);
      const foreign = layout.islands.filter((i) => i.namespace !== n.namespace && boxesClash(i, b!));
      expect(foreign, `${n.id} inside a foreign island`).toEqual([]);
    } else {
      expect(layout.islands.filter((i) => boxesClash(i, b!)), `${n.id} outside islands`).toEqual([]);
    }
    expect(boxContains(layout.bounds, b!)).toBe(true);
  }
  for (const i of layout.islands) expect(boxContains(layout.bounds, i)).toBe(true);
}

function positions(layout: ServiceMapLayout): Map<string, { x: number; y: number }> {
  return new Map([...layout.nodes].map(([id, b]) => [id, { x: b.x, y: b.y }]));
}

function expectKept(before: ServiceMapLayout, after: ServiceMapLayout): void {
  for (const [id, b] of before.nodes) {
    const a = after.nodes.get(id);
    expect(a && { x: a.x, y: a.y }, id).toEqual({ x: b.x, y: b.y });
  }
}

const center = (b: Box) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

describe('layoutServiceMap on the Death Star scenario', () => {
  const map = aggregateServiceMap(deathStarSamples());
  const layout = layoutServiceMap(map);

  it('draws one island per namespace around its workloads, the host outside', () => {
    expectReadable(map, layout);
    expect(layout.islands.map((i) => i.namespace).sort()).toEqual(['default', 'kube-system']);
    const host = layout.nodes.get('host')!;
    for (const i of layout.islands) expect(host.y + host.height).toBeLessThan(i.y);
  });

  it('puts world on the left of the islands', () => {
    const withWorld = aggregateServiceMap([...deathStarSamples(), sample(tiefighter, worldEndpoint('1.1.1.1', { port: 443 }))]);
    const l = layoutServiceMap(withWorld);
    expectReadable(withWorld, l);
    const world = l.nodes.get('world')!;
    for (const i of l.islands) expect(world.x + world.width).toBeLessThan(i.x);
  });

  it('is deterministic', () => {
    expect(layoutServiceMap(aggregateServiceMap(deathStarSamples()))).toEqual(layout);
  });

  it('keeps every old node exactly where it was when new workloads and namespaces appear', () => {
    const more = aggregateServiceMap([
      ...deathStarSamples(),
      sample(tiefighter, podEndpoint('default', 'rebel-base-7d9f8c6b5d-x2kq7', { port: 80 })),
      sample(tiefighter, podEndpoint('default', 'r2d2', { port: 80 })),
      sample(podEndpoint('imperial', 'vader-0'), tiefighter),
      sample(tiefighter, worldEndpoint('1.1.1.1', { port: 443 })),
    ]);
    const next = layoutServiceMap(more, positions(layout));
    expectKept(layout, next);
    expectReadable(more, next);
    expect(next.nodes.has('default/rebel-base')).toBe(true);
    expect(next.nodes.has('imperial/vader')).toBe(true);
  });

  it('ignores previous positions of nodes that left the map', () => {
    const previous = new Map([['default/gone', { x: 0, y: 0 }], ...positions(layout)]);
    const again = layoutServiceMap(map, previous);
    expect(again).toEqual(layout);
  });
});

describe('layoutServiceMap on large maps', () => {
  const samples = syntheticSamples({ workloads: 300, edges: 2000, namespaces: 12, seed: 42 });
  const map = aggregateServiceMap(samples);

  it('lays out 300 workloads and 2,000 edges readably', () => {
    const layout = layoutServiceMap(map);
    expectReadable(map, layout);
    expect(layout.islands).toHaveLength(12);
    // Roughly the aspect asked for, not one long strip.
    expect(layout.bounds.width / layout.bounds.height).toBeGreaterThan(0.5);
    expect(layout.bounds.width / layout.bounds.height).toBeLessThan(4);
  });

  it('grows a map from a third of its flows to all of them without moving anything', () => {
    const first = aggregateServiceMap(samples.slice(0, Math.floor(samples.length / 3)));
    const before = layoutServiceMap(first);
    expectReadable(first, before);
    const after = layoutServiceMap(map, positions(before));
    expectKept(before, after);
    expectReadable(map, after);
  });

  it('stays readable and stable while the map grows tenfold, workload by workload', () => {
    // Synthetic workloads are named svc-NNN: let them join in batches of 30.
    const index = (e: MapFlowSample['source']) => (e.namespace ? Number(e.service.slice(-3)) : -1);
    let layout: ServiceMapLayout | undefined;
    for (let limit = 30; limit <= 300; limit += 30) {
      const m = aggregateServiceMap(samples.filter((x) => index(x.source) < limit && index(x.destination) < limit));
      const next = layoutServiceMap(m, layout && positions(layout));
      if (layout) expectKept(layout, next);
      expectReadable(m, next);
      layout = next;
    }
    expect(layout!.nodes.size).toBe(map.nodes.length);
  });
});

describe('layoutServiceMap as the time window slides', () => {
  it.each([1, 2, 3, 4, 5])('keeps the nodes that stay, fills the holes of those that leave (seed %i)', (seed) => {
    const samples = syntheticSamples({ workloads: 90, edges: 400, namespaces: 6, seed });
    const index = (e: MapFlowSample['source']) => (e.namespace ? Number(e.service.slice(-3)) : -1);
    let layout: ServiceMapLayout | undefined;
    for (let from = 0; from <= 60; from += 10) {
      // Workloads [from, from + 30) are active: some leave, some arrive at every step.
      const inWindow = (e: MapFlowSample['source']) => index(e) < 0 || (index(e) >= from && index(e) < from + 30);
      const m = aggregateServiceMap(samples.filter((x) => inWindow(x.source) && inWindow(x.destination)));
      const next = layoutServiceMap(m, layout && positions(layout));
      if (layout) {
        for (const [id, b] of layout.nodes) {
          const now = next.nodes.get(id);
          if (now) expect({ x: now.x, y: now.y }, id).toEqual({ x: b.x, y: b.y });
        }
      }
      expectReadable(m, next);
      layout = next;
    }
  });
});

describe('layoutServiceMap when an island is boxed in', () => {
  const ns = (namespace: string, count: number, from = 0) =>
    Array.from({ length: count }, (_, i) => {
      const name = `${namespace}-app${String(from + i).padStart(2, '0')}`;
      return sample(podEndpoint(namespace, name, { workload: name }), podEndpoint(namespace, `${namespace}-db`, { workload: `${namespace}-db`, port: 5432 }));
    });
  const first = aggregateServiceMap(['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'].flatMap((n) => ns(n, 3)));
  const before = layoutServiceMap(first);

  it('continues it in a second box nearby without moving anything', () => {
    const grown = aggregateServiceMap([...['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'].flatMap((n) => ns(n, 3)), ...ns('alpha', 40, 3)]);
    const after = layoutServiceMap(grown, positions(before));
    expectKept(before, after);
    expectReadable(grown, after);
    const alpha = after.islands.filter((i) => i.namespace === 'alpha');
    expect(alpha.length).toBeGreaterThan(1);
    // It grew in place as far as it could first, then continued in the island area.
    expect(alpha.some((i) => i.x === 0 && i.y === 0 && i.height > before.islands[0]!.height)).toBe(true);
    for (const i of alpha) expect(i.x >= 0 && i.y >= 0).toBe(true);
    // And the next layout from these positions recognises both boxes as they are.
    expect(layoutServiceMap(grown, positions(after))).toEqual(after);
  });
});

describe('layoutServiceMap readability', () => {
  it('puts connected workloads of an island next to each other', () => {
    // Two cliques of 8 in one namespace, joined by a single edge: each clique should be compact.
    const ep = (i: number) => podEndpoint('shop', `w${String(i).padStart(2, '0')}`, { workload: `w${String(i).padStart(2, '0')}`, port: 80 });
    const members = [
      [0, 3, 5, 6, 9, 11, 12, 15],
      [1, 2, 4, 7, 8, 10, 13, 14],
    ];
    const s = members.flatMap((group) => group.flatMap((a) => group.filter((b) => b > a).map((b) => sample(ep(a), ep(b)))));
    s.push(sample(ep(0), ep(1)));
    const map = aggregateServiceMap(s);
    const layout = layoutServiceMap(map);
    expectReadable(map, layout);
    const dist = (a: number, b: number) => {
      const p = center(layout.nodes.get(`shop/${ep(a).workload}`)!);
      const q = center(layout.nodes.get(`shop/${ep(b).workload}`)!);
      return Math.hypot(p.x - q.x, p.y - q.y);
    };
    const mean = (pairs: [number, number][]) => pairs.reduce((sum, [a, b]) => sum + dist(a, b), 0) / pairs.length;
    const within = members.flatMap((g) => g.flatMap((a) => g.filter((b) => b > a).map((b) => [a, b] as [number, number])));
    const across = members[0]!.flatMap((a) => members[1]!.map((b) => [a, b] as [number, number]));
    expect(mean(within)).toBeLessThan(mean(across) * 0.9);
  });
});
