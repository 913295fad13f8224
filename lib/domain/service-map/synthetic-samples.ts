/**
 * Big synthetic service maps for tests and the benchmark: `workloads` workloads spread over
 * `namespaces` namespaces, joined by exactly `edges` distinct (client, server, port, protocol)
 * edges. Most traffic stays inside a namespace, as in real clusters; some goes to world, some
 * comes from the host, some is dropped, some is mixed, some carries HTTP endpoints and replies.
 * Same options, same samples.
 */
import type { MapEndpointSample, MapFlowSample } from '@/lib/domain/service-map/map-sample';
import { seededRandom } from '@/lib/domain/service-map/seeded-random';

export interface SyntheticOptions {
  workloads: number;
  edges: number;
  namespaces: number;
  seed?: number;
}

const PORTS = [80, 443, 8080, 9090, 5432, 6379] as const;
const PATHS = ['/api/v1/items', '/api/v1/orders', '/healthz', '/metrics', '/login'] as const;
const METHODS = ['GET', 'POST', 'PUT', 'DELETE'] as const;

const hash = (n: number) => (n * 2654435761) >>> 0;
const SAFE = 'bcdfghjklmnpqrstvwxz2456789';
const suffix = (n: number, len: number) =>
  Array.from({ length: len }, (_, i) => SAFE[(hash(n + i * 7919) >>> 3) % SAFE.length]).join('');

function workloadEndpoint(i: number, namespaces: number, port: number): MapEndpointSample {
  const ns = `ns-${String(i % namespaces).padStart(2, '0')}`;
  const name = `svc-${String(i).padStart(3, '0')}`;
  return {
    namespace: ns,
    pod: `${name}-${suffix(i, 10)}-${suffix(i + 1, 5)}`,
    workload: i % 5 === 0 ? '' : name, // some without workload: the pod name has to be stripped
    workloadKind: i % 5 === 0 ? '' : 'Deployment',
    identity: 10_000 + i,
    labels: [`k8s:app=${name}`, `k8s:io.kubernetes.pod.namespace=${ns}`],
    ip: `10.${(i >> 8) & 255}.${i & 255}.10`,
    service: `${ns}/${name}`,
    port,
  };
}

const WORLD: MapEndpointSample = {
  namespace: '', pod: '', workload: '', workloadKind: '', identity: 2, labels: ['reserved:world'], ip: '93.184.216.34', service: '', port: 443,
};
const HOST: MapEndpointSample = {
  namespace: '', pod: '', workload: '', workloadKind: '', identity: 1, labels: ['reserved:host'], ip: '172.18.0.2', service: '', port: 0,
};

// Distinct per map node: the service names the workload, the identity a reserved node.
const nodeKey = (e: MapEndpointSample) => (e.namespace ? e.service : `reserved:${e.identity}`);

export function syntheticSamples(opts: SyntheticOptions): MapFlowSample[] {
  const random = seededRandom(opts.seed ?? 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const n = Math.max(1, opts.workloads);
  const namespaces = Math.max(1, Math.min(opts.namespaces, n));
  const samples: MapFlowSample[] = [];
  const seen = new Set<string>();
  const ts = 1_700_000_000_000_000;

  const add = (src: MapEndpointSample, dst: MapEndpointSample, protocol: string): boolean => {
    const key = JSON.stringify([nodeKey(src), nodeKey(dst), dst.port, protocol]);
    if (seen.has(key)) return false;
    seen.add(key);
    const roll = random();
    const verdict = roll < 0.1 ? 'DROPPED' : 'FORWARDED';
    const base: MapFlowSample = {
      source: { ...src, port: 0 },
      destination: dst,
      protocol,
      verdict,
      dropReason: verdict === 'DROPPED' ? 'POLICY_DENIED' : '',
      encrypted: random() < 0.3,
      authType: random() < 0.1 ? 'SPIRE' : '',
      policies: verdict === 'DROPPED' ? [`denied:${dst.namespace || 'cluster'}/deny-all`] : [],
      httpMethod: '',
      httpPath: '',
      httpCode: 0,
      dnsQuery: '',
      isReply: false,
      direction: 'EGRESS',
      ts: ts + Math.floor(random() * 1e9),
      count: 1 + Math.floor(random() * 50),
      lastTs: 0,
    };
    base.lastTs = base.ts + Math.floor(random() * 1e8);
    samples.push(base);
    if (roll >= 0.1 && roll < 0.15) samples.push({ ...base, verdict: 'DROPPED', dropReason: 'POLICY_DENY', count: 1 });
    if (verdict === 'FORWARDED' && protocol === 'TCP' && random() < 0.4) {
      const l7 = { ...base, httpMethod: pick(METHODS), httpPath: pick(PATHS), count: 1 + Math.floor(random() * 20) };
      samples.push(l7);
      samples.push({ ...l7, source: dst, destination: { ...src, port: 40000 }, isReply: true, httpCode: random() < 0.9 ? 200 : 500 });
    }
    return true;
  };

  // Every workload first calls someone, so each one is on the map (when edges ≥ workloads).
  const target = Math.max(0, opts.edges);
  for (let attempts = 0; seen.size < target && attempts < target * 50; attempts++) {
    const i = attempts < n ? attempts : Math.floor(random() * n);
    const src = workloadEndpoint(i, namespaces, 0);
    const roll = random();
    if (roll < 0.04) add(src, WORLD, 'TCP');
    else if (roll < 0.07) add(HOST, workloadEndpoint(i, namespaces, 8080), 'TCP');
    else {
      // Two thirds of calls stay in the caller's namespace.
      let j = Math.floor(random() * n);
      if (random() < 0.66) j = (i % namespaces) + namespaces * Math.floor(random() * Math.ceil(n / namespaces));
      if (j >= n || j === i) j = (i + 1) % n;
      add(src, workloadEndpoint(j, namespaces, pick(PORTS)), random() < 0.9 ? 'TCP' : 'UDP');
    }
  }
  return samples;
}
