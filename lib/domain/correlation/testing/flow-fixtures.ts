/**
 * Typed builders for stored Hubble flow summaries (hubble-ui keeps `flowsBetweenPods` the same
 * way). Times share the clock of the process fixtures, so a test can put a tcp_connect kprobe and
 * the flow it opened a few milliseconds apart.
 */
import { isoAt, usAt, type PodSpec } from '@/lib/domain/ancestry/testing/fixtures';
import type { FlowEndpointSummary, FlowSummary } from '@/lib/domain/records';

export interface EndpointSpec {
  pod: PodSpec | null; // null: world / host
  ip: string;
  port: number;
  service?: string; // "ns/name"
}

export function endpointSummary(spec: EndpointSpec): FlowEndpointSummary {
  const pod = spec.pod;
  return {
    namespace: pod?.namespace ?? '',
    pod: pod?.name ?? '',
    workload: pod?.workload ?? '',
    workloadKind: pod?.workloadKind ?? '',
    identity: pod ? 31_000 + pod.name.length : 2, // 2 = reserved:world
    labels: pod ? Object.entries(pod.labels).map(([k, v]) => `k8s:${k}=${v}`) : ['reserved:world'],
    ip: spec.ip,
    port: spec.port,
    service: spec.service ?? '',
    names: [],
  };
}

export interface FlowOptions {
  atMs: number;
  node?: string;
  direction?: 'INGRESS' | 'EGRESS' | 'TRAFFIC_DIRECTION_UNKNOWN';
  isReply?: boolean | null;
  protocol?: string;
  verdict?: string;
  id?: string;
}

/** One L3/L4 flow from `from` to `to` as Hubble reports it (source/destination as on the wire). */
export function flowBetweenPods(from: EndpointSpec, to: EndpointSpec, opts: FlowOptions): FlowSummary {
  const source = endpointSummary(from);
  const destination = endpointSummary(to);
  const node = opts.node ?? 'kind-worker';
  return {
    id: opts.id ?? `flow-${from.ip}:${from.port}-${to.ip}:${to.port}-${opts.atMs}`,
    ts: usAt(opts.atMs),
    time: isoAt(opts.atMs),
    node,
    verdict: opts.verdict ?? 'FORWARDED',
    dropReason: '',
    type: 'L3_L4',
    protocol: opts.protocol ?? 'TCP',
    tcpFlags: ['SYN'],
    direction: opts.direction ?? 'EGRESS',
    isReply: opts.isReply === undefined ? false : opts.isReply,
    source,
    destination,
    l7Type: '',
    httpMethod: '',
    httpUrl: '',
    httpPath: '',
    httpCode: 0,
    latencyNs: '',
    dnsQuery: '',
    encrypted: false,
    authType: '',
    policies: [],
    summary: '',
  };
}
