import { describe, expect, it } from 'vitest';
import { aggregateServiceMap } from '@/lib/domain/service-map/aggregate-service-map';
import type { MapEdge, ServiceMap } from '@/lib/domain/service-map/service-map';
import {
  deathStarSamples,
  deathstar,
  hostEndpoint,
  podEndpoint,
  sample,
  tiefighter,
  worldEndpoint,
  xwing,
} from '@/lib/domain/service-map/map-fixtures';

function edge(map: ServiceMap, source: string, destination: string, port?: number): MapEdge {
  const found = map.edges.filter((e) => e.source === source && e.destination === destination && (port === undefined || e.port === port));
  expect(found, `${source} → ${destination}`).toHaveLength(1);
  return found[0]!;
}

describe('aggregateServiceMap on the Death Star scenario', () => {
  const map = aggregateServiceMap(deathStarSamples());

  it('has one node per workload, replicas merged by stripping the pod suffix', () => {
    expect(map.nodes.map((n) => n.id)).toEqual([
      'default/deathstar',
      'default/tiefighter',
      'default/xwing',
      'host',
      'kube-system/coredns',
    ]);
    const ds = map.nodes.find((n) => n.id === 'default/deathstar')!;
    expect(ds).toMatchObject({ kind: 'workload', namespace: 'default', name: 'deathstar' });
    expect(ds.pods).toEqual(['deathstar-6c94dcc57b-7xk2p', 'deathstar-6c94dcc57b-q8x5v']);
    expect(ds.labels).toEqual(['class=deathstar', 'org=empire']);
    expect(ds.services).toEqual(['default/deathstar']);
  });

  it('carries PUT /v1/exhaust-port forwarded on tiefighter → deathstar, with the 500 from the reply', () => {
    const e = edge(map, 'default/tiefighter', 'default/deathstar');
    expect(e).toMatchObject({ port: 80, protocol: 'TCP', verdict: 'forwarded' });
    const put = e.endpoints.find((p) => p.method === 'PUT')!;
    expect(put).toEqual({
      protocol: 'http',
      method: 'PUT',
      path: '/v1/exhaust-port',
      requests: 1,
      verdicts: { forwarded: 1, dropped: 0, other: 0 },
      statuses: [{ code: 500, count: 1 }],
    });
    expect(e.endpoints.map((p) => `${p.method} ${p.path}`)).toEqual(['PUT /v1/exhaust-port', 'POST /v1/request-landing']);
    expect(e.endpoints[1]).toMatchObject({ requests: 11, statuses: [{ code: 200, count: 6 }] });
    expect(e.firstTs).toBe(100);
    expect(e.lastTs).toBe(901);
  });

  it('draws xwing → deathstar dropped, with its reason and the denying policy', () => {
    const e = edge(map, 'default/xwing', 'default/deathstar');
    expect(e).toMatchObject({
      verdict: 'dropped', // the SYNs seen leaving xwing's node were all dropped at the ingress
      counts: { forwarded: 7, dropped: 7, other: 0 },
      dropReasons: [{ reason: 'POLICY_DENIED', count: 7 }],
      deniedBy: ['default/rule1'],
      allowedBy: [],
    });
  });

  it('folds replies into the forward edge instead of drawing reverse edges', () => {
    expect(map.edges.filter((e) => e.source === 'default/deathstar' || e.source === 'kube-system/coredns')).toEqual([]);
    const e = edge(map, 'default/tiefighter', 'default/deathstar');
    expect(e.replies).toBe(7);
    expect(e.flowCount).toBe(12 + 10 + 6 + 5 + 6 + 1 + 1);
    const dns = edge(map, 'default/tiefighter', 'kube-system/coredns');
    expect(dns).toMatchObject({ port: 53, protocol: 'UDP', flowCount: 16, replies: 8 });
    expect(dns.endpoints).toEqual([
      {
        protocol: 'dns',
        method: '',
        path: 'deathstar.default.svc.cluster.local.',
        requests: 8,
        verdicts: { forwarded: 8, dropped: 0, other: 0 },
        statuses: [],
      },
    ]);
  });

  it('lists the L7 endpoints a node serves, summed over its callers', () => {
    const ds = map.nodes.find((n) => n.id === 'default/deathstar')!;
    expect(ds.endpoints.map((p) => [p.method, p.path, p.requests])).toEqual([
      ['GET', '/healthz', 30],
      ['PUT', '/v1/exhaust-port', 1],
      ['POST', '/v1/request-landing', 11],
    ]);
    expect(map.nodes.find((n) => n.id === 'default/tiefighter')!.endpoints).toEqual([]);
  });

  it('has the host as a special node without namespace, and namespace islands', () => {
    expect(map.nodes.find((n) => n.id === 'host')).toMatchObject({ kind: 'host', namespace: '', name: 'host' });
    expect(edge(map, 'host', 'default/deathstar').endpoints[0]).toMatchObject({ method: 'GET', path: '/healthz' });
    expect(map.islands).toEqual([
      { namespace: 'default', nodeIds: ['default/deathstar', 'default/tiefighter', 'default/xwing'] },
      { namespace: 'kube-system', nodeIds: ['kube-system/coredns'] },
    ]);
  });

  it('counts flows per node in and out', () => {
    const tf = map.nodes.find((n) => n.id === 'default/tiefighter')!;
    expect(tf.flowCount).toBe(41 + 16);
  });

  it('does not depend on the order of the samples', () => {
    const shuffled = deathStarSamples().reverse();
    expect(aggregateServiceMap(shuffled)).toEqual(map);
  });
});

describe('aggregateServiceMap edge keys and verdicts', () => {
  const a = podEndpoint('shop', 'frontend-7d9f8c6b5d-abc12', { workload: 'frontend', workloadKind: 'Deployment' });
  const b = (port: number) => podEndpoint('shop', 'cart-0', { workload: 'cart', workloadKind: 'StatefulSet', port });

  it('keeps one edge per destination port and protocol', () => {
    const map = aggregateServiceMap([
      sample(a, b(8080)),
      sample(a, b(8080), { count: 2 }),
      sample(a, b(9090)),
      sample(a, b(8080), { protocol: 'UDP' }),
    ]);
    expect(map.edges.map((e) => [e.protocol, e.port, e.flowCount])).toEqual([
      ['TCP', 8080, 3],
      ['TCP', 9090, 1],
      ['UDP', 8080, 1],
    ]);
    expect(new Set(map.edges.map((e) => e.id)).size).toBe(3);
  });

  it('is mixed when some flows are dropped and some are not', () => {
    const map = aggregateServiceMap([
      sample(a, b(80), { count: 3 }),
      sample(a, b(80), { verdict: 'DROPPED', dropReason: 'POLICY_DENY', count: 1 }),
      sample(a, b(81), { verdict: 'AUDIT' }),
    ]);
    expect(edge(map, 'shop/frontend', 'shop/cart', 80)).toMatchObject({
      verdict: 'mixed',
      counts: { forwarded: 3, dropped: 1, other: 0 },
    });
    expect(edge(map, 'shop/frontend', 'shop/cart', 81)).toMatchObject({ verdict: 'forwarded', counts: { other: 1 } });
  });

  it('reports encryption, mutual auth and allowing policies as all/some/none', () => {
    const map = aggregateServiceMap([
      sample(a, b(80), { encrypted: true, authType: 'SPIRE', policies: ['allowed:shop/frontend-to-cart'] }),
      sample(a, b(80), { encrypted: true, policies: ['allowed:shop/default-allow'] }),
      sample(a, b(81)),
      sample(a, b(82), { authType: 'DISABLED' }),
    ]);
    expect(edge(map, 'shop/frontend', 'shop/cart', 80)).toMatchObject({
      encrypted: 'all',
      mutualAuth: 'some',
      authTypes: ['SPIRE'],
      allowedBy: ['shop/default-allow', 'shop/frontend-to-cart'],
    });
    expect(edge(map, 'shop/frontend', 'shop/cart', 81)).toMatchObject({ encrypted: 'none', mutualAuth: 'none' });
    expect(edge(map, 'shop/frontend', 'shop/cart', 82)).toMatchObject({ mutualAuth: 'none', authTypes: [] });
  });

  it('keeps a self edge between replicas of one workload', () => {
    const map = aggregateServiceMap([sample(b(0), b(7000))]);
    expect(map.edges).toHaveLength(1);
    expect(map.edges[0]).toMatchObject({ source: 'shop/cart', destination: 'shop/cart' });
    expect(map.nodes[0]!.flowCount).toBe(1);
  });

  it('caps L7 endpoints per edge, keeping the busiest and saying how many were left out', () => {
    const samples = Array.from({ length: 10 }, (_, i) => sample(a, b(80), { httpMethod: 'GET', httpPath: `/item/${i}`, count: i + 1 }));
    const map = aggregateServiceMap(samples, { maxEndpoints: 3 });
    const e = edge(map, 'shop/frontend', 'shop/cart');
    expect(e.endpoints.map((p) => p.path)).toEqual(['/item/7', '/item/8', '/item/9']);
    expect(e.endpointsTruncated).toBe(7);
  });
});

describe('aggregateServiceMap special nodes', () => {
  it('puts everything outside the cluster into world', () => {
    const client = podEndpoint('default', 'tiefighter');
    const map = aggregateServiceMap([
      sample(client, worldEndpoint('1.1.1.1', { port: 443 })),
      sample(client, worldEndpoint('8.8.8.8', { port: 443, identity: 16777217, labels: ['cidr:8.8.8.8/32', 'reserved:world'] })),
      sample(client, { ...worldEndpoint('9.9.9.9', { port: 443 }), identity: 0, labels: [] }),
    ]);
    expect(map.nodes.map((n) => [n.id, n.kind])).toEqual([
      ['default/tiefighter', 'workload'],
      ['world', 'world'],
    ]);
    expect(edge(map, 'default/tiefighter', 'world')).toMatchObject({ port: 443, flowCount: 3 });
    expect(map.nodes[1]!.labels).toEqual(['cidr:8.8.8.8/32', 'reserved:world']);
  });

  it('tells host, remote-node and kube-apiserver apart', () => {
    const client = podEndpoint('default', 'tiefighter');
    const map = aggregateServiceMap([
      sample(client, hostEndpoint({ port: 10250 })),
      sample(client, { ...hostEndpoint({ port: 10250 }), identity: 6, labels: ['reserved:remote-node'] }),
      sample(client, { ...hostEndpoint({ port: 6443 }), identity: 7, labels: ['reserved:host', 'reserved:kube-apiserver'] }),
      sample(client, { ...hostEndpoint({ port: 6443 }), identity: 7, labels: [] }),
    ]);
    expect(map.nodes.map((n) => [n.id, n.kind, n.namespace])).toEqual([
      ['default/tiefighter', 'workload', 'default'],
      ['host', 'host', ''],
      ['kube-apiserver', 'kube-apiserver', ''],
      ['remote-node', 'remote-node', ''],
    ]);
    expect(edge(map, 'default/tiefighter', 'kube-apiserver').flowCount).toBe(2);
    expect(map.islands).toEqual([{ namespace: 'default', nodeIds: ['default/tiefighter'] }]);
  });

  it('names a workload from its labels when neither workload nor pod is known', () => {
    const map = aggregateServiceMap([
      sample(podEndpoint('kube-system', '', { labels: ['k8s:k8s-app=kube-dns'] }), podEndpoint('kube-system', '')),
    ]);
    expect(map.nodes.map((n) => n.id)).toEqual(['kube-system/kube-dns', 'kube-system/unknown']);
  });

  it('ignores empty samples', () => {
    expect(aggregateServiceMap([sample(tiefighter, deathstar('deathstar-6c94dcc57b-7xk2p'), { count: 0 }), sample(xwing, xwing, { count: Number.NaN })])).toEqual({
      nodes: [],
      edges: [],
      islands: [],
    });
  });
});

describe('aggregateServiceMap verdict where it is decided', () => {
  const client = podEndpoint('default', 'xwing');
  const server = podEndpoint('default', 'deathstar-6c94dcc57b-7xk2p', { port: 80 });
  const verdictOf = (...samples: ReturnType<typeof sample>[]) => aggregateServiceMap(samples).edges[0]?.verdict;

  it('calls a connection dropped at the server ingress dropped, though its SYNs left the client', () => {
    expect(verdictOf(sample(client, server, { count: 5 }), sample(client, server, { direction: 'INGRESS', verdict: 'DROPPED', count: 5 }))).toBe('dropped');
  });

  it('is mixed when some connections pass the ingress and others are dropped', () => {
    expect(
      verdictOf(
        sample(client, server, { count: 9 }),
        sample(client, server, { direction: 'INGRESS', count: 4 }),
        sample(client, server, { direction: 'INGRESS', verdict: 'DROPPED', count: 5 }),
      ),
    ).toBe('mixed');
  });

  it('counts egress passes when nothing was seen at an ingress (traffic to world), and egress drops always', () => {
    expect(verdictOf(sample(client, server, { count: 3 }), sample(client, server, { verdict: 'DROPPED', count: 1 }))).toBe('mixed');
    expect(verdictOf(sample(client, server, { direction: 'INGRESS', count: 3 }), sample(client, server, { verdict: 'DROPPED', count: 1 }))).toBe('mixed');
  });

  it('keeps every flow in the counts', () => {
    const [e] = aggregateServiceMap([sample(client, server, { count: 5 }), sample(client, server, { direction: 'INGRESS', verdict: 'DROPPED', count: 5 })]).edges;
    expect(e?.counts).toEqual({ forwarded: 5, dropped: 5, other: 0 });
  });
});
