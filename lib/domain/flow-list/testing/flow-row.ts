import type { FlowEndpointSummary, FlowSummary } from '@/lib/domain/records';

/** Minimal flow summaries for list tests: an id, a time in seconds, and whatever else matters. */
const endpoint = (pod: string, ip: string, port: number): FlowEndpointSummary => ({
  namespace: pod ? 'default' : '',
  pod,
  workload: '',
  workloadKind: '',
  identity: 0,
  labels: [],
  ip,
  port,
  service: '',
  names: [],
});

export function flowRow(id: string, seconds: number, over: Partial<FlowSummary> = {}): FlowSummary {
  const ts = Math.round(seconds * 1_000_000);
  return {
    id,
    ts,
    time: new Date(ts / 1000).toISOString(),
    node: 'kind-worker',
    verdict: 'FORWARDED',
    dropReason: '',
    type: 'L3_L4',
    protocol: 'TCP',
    tcpFlags: [],
    direction: 'EGRESS',
    isReply: false,
    source: endpoint('tiefighter', '10.244.1.17', 40000),
    destination: endpoint('deathstar-1', '10.244.2.31', 80),
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
    ...over,
  };
}

/** Rows with ids r<from>..r<to-1> at t = their number, newest first (as the API pages them). */
export function rowsNewestFirst(from: number, to: number): FlowSummary[] {
  const out: FlowSummary[] = [];
  for (let i = to - 1; i >= from; i--) out.push(flowRow(`r${i}`, i));
  return out;
}
