/**
 * Typed builders for map tests: endpoints and samples that read like the flows they stand for,
 * plus the Death Star scenario's traffic (SCENARIO.md) as map samples.
 */
import type { MapEndpointSample, MapFlowSample } from '@/lib/domain/service-map/map-sample';

type EndpointOpts = Partial<MapEndpointSample>;

export function podEndpoint(namespace: string, pod: string, opts: EndpointOpts = {}): MapEndpointSample {
  return { namespace, pod, workload: '', workloadKind: '', identity: 40000, labels: [], ip: '10.244.0.10', service: '', port: 0, ...opts };
}

export function worldEndpoint(ip: string, opts: EndpointOpts = {}): MapEndpointSample {
  return { namespace: '', pod: '', workload: '', workloadKind: '', identity: 2, labels: ['reserved:world'], ip, service: '', port: 0, ...opts };
}

export function hostEndpoint(opts: EndpointOpts = {}): MapEndpointSample {
  return { namespace: '', pod: '', workload: '', workloadKind: '', identity: 1, labels: ['reserved:host'], ip: '172.18.0.3', service: '', port: 0, ...opts };
}

export function sample(
  source: MapEndpointSample,
  destination: MapEndpointSample,
  opts: Partial<Omit<MapFlowSample, 'source' | 'destination'>> = {},
): MapFlowSample {
  return {
    source,
    destination,
    protocol: 'TCP',
    verdict: 'FORWARDED',
    dropReason: '',
    encrypted: false,
    authType: '',
    policies: [],
    httpMethod: '',
    httpPath: '',
    httpCode: 0,
    dnsQuery: '',
    isReply: false,
    direction: 'EGRESS',
    ts: 1_000_000,
    count: 1,
    lastTs: opts.ts ?? 1_000_000,
    ...opts,
  };
}

// The Death Star cluster (SCENARIO.md).
export const tiefighter = podEndpoint('default', 'tiefighter', {
  workload: 'tiefighter',
  workloadKind: 'Pod',
  identity: 31201,
  labels: ['k8s:class=tiefighter', 'k8s:org=empire'],
  ip: '10.244.1.17',
});
export const xwing = podEndpoint('default', 'xwing', {
  identity: 31877,
  labels: ['k8s:class=xwing', 'k8s:org=alliance'],
  ip: '10.244.1.23',
});
export function deathstar(replica: 'deathstar-6c94dcc57b-7xk2p' | 'deathstar-6c94dcc57b-q8x5v', port = 80): MapEndpointSample {
  return podEndpoint('default', replica, {
    identity: 40112,
    labels: ['k8s:class=deathstar', 'k8s:org=empire'],
    ip: replica.endsWith('7xk2p') ? '10.244.2.31' : '10.244.1.40',
    service: 'default/deathstar',
    port,
  });
}
export const coredns = podEndpoint('kube-system', 'coredns-5d78c9869d-x2kq7', {
  workload: 'coredns',
  workloadKind: 'Deployment',
  identity: 102,
  labels: ['k8s:k8s-app=kube-dns'],
  ip: '10.244.0.3',
  service: 'kube-system/kube-dns',
  port: 53,
});

/** Background traffic plus the exhaust-port request, as the server's GROUP BY would return it. */
export function deathStarSamples(): MapFlowSample[] {
  const hit = deathstar('deathstar-6c94dcc57b-7xk2p');
  const other = deathstar('deathstar-6c94dcc57b-q8x5v');
  return [
    // tiefighter lands, on both replicas: L3/L4 plus L7 request and response.
    sample(tiefighter, hit, { count: 12, ts: 100, lastTs: 900 }),
    sample(tiefighter, other, { count: 10, ts: 120, lastTs: 880 }),
    sample(tiefighter, hit, { httpMethod: 'POST', httpPath: '/v1/request-landing', count: 6, ts: 100, lastTs: 900 }),
    sample(tiefighter, other, { httpMethod: 'POST', httpPath: '/v1/request-landing', count: 5, ts: 120, lastTs: 880 }),
    sample({ ...hit, port: 80 }, { ...tiefighter, port: 45200 }, {
      isReply: true,
      httpMethod: 'POST',
      httpPath: '/v1/request-landing',
      httpCode: 200,
      count: 6,
      ts: 101,
      lastTs: 901,
    }),
    // The incident: the exhaust port, forwarded because no L7 policy was in place.
    sample(tiefighter, hit, { httpMethod: 'PUT', httpPath: '/v1/exhaust-port', count: 1, ts: 500, lastTs: 500 }),
    sample({ ...hit, port: 80 }, { ...tiefighter, port: 45200 }, {
      isReply: true,
      httpMethod: 'PUT',
      httpPath: '/v1/exhaust-port',
      httpCode: 500,
      count: 1,
      ts: 501,
      lastTs: 501,
    }),
    // xwing's SYNs leave its node (seen forwarded at egress) and are dropped at the deathstar ingress.
    sample(xwing, hit, { count: 7, ts: 110, lastTs: 890 }),
    sample(xwing, hit, {
      direction: 'INGRESS',
      verdict: 'DROPPED',
      dropReason: 'POLICY_DENIED',
      policies: ['denied:default/rule1'],
      count: 7,
      ts: 110,
      lastTs: 890,
    }),
    // DNS to kube-dns, and its answers.
    sample(tiefighter, coredns, { protocol: 'UDP', dnsQuery: 'deathstar.default.svc.cluster.local.', count: 8 }),
    sample({ ...coredns, port: 53 }, { ...tiefighter, port: 51000 }, {
      protocol: 'UDP',
      isReply: true,
      dnsQuery: 'deathstar.default.svc.cluster.local.',
      count: 8,
    }),
    // kubelet probes from the host.
    sample(hostEndpoint(), hit, { httpMethod: 'GET', httpPath: '/healthz', count: 30, ts: 50, lastTs: 990 }),
  ];
}
