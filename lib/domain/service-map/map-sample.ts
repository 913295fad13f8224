/**
 * The part of a stored flow the service map reads. The server produces these from a SQL
 * GROUP BY over the flow summary columns (one row per distinct combination, with `count`,
 * `ts` = MIN(ts) and `lastTs` = MAX(ts)); the browser can also fold live flows in one by one
 * through `flowToSample`. Keeping the shape a Pick<> of FlowSummary means the columns and the
 * map can never silently drift apart.
 */
import type { FlowEndpointSummary, FlowSummary } from '@/lib/domain/records';

/** What the map needs to know about one side of a flow. */
export type MapEndpointSample = Pick<
  FlowEndpointSummary,
  'namespace' | 'pod' | 'workload' | 'workloadKind' | 'identity' | 'labels' | 'ip' | 'service' | 'port'
>;

export type MapFlowSample = Pick<
  FlowSummary,
  | 'protocol'
  | 'verdict'
  | 'dropReason'
  | 'encrypted'
  | 'authType'
  | 'policies'
  | 'httpMethod'
  | 'httpPath'
  | 'httpCode'
  | 'dnsQuery'
  | 'isReply'
  | 'direction'
  | 'ts'
> & {
  /**
   * `source.port` only matters on replies, where it is the server's port (the forward edge's
   * destination port). A GROUP BY should select 0 for it on non-replies, otherwise every
   * ephemeral client port becomes its own group.
   */
  source: MapEndpointSample;
  destination: MapEndpointSample;
  /** How many flows this sample stands for (≥ 1). */
  count: number;
  /** Newest flow of the group, microseconds since the epoch; `ts` is the oldest. */
  lastTs: number;
};

function endpointSample(e: FlowEndpointSummary, keepPort: boolean): MapEndpointSample {
  return {
    namespace: e.namespace,
    pod: e.pod,
    workload: e.workload,
    workloadKind: e.workloadKind,
    identity: e.identity,
    labels: e.labels,
    ip: e.ip,
    service: e.service,
    port: keepPort ? e.port : 0,
  };
}

/** One stored flow as a sample of one. */
/**
 * Loss and node-status lines are stored among the flows (summarised with an empty verdict; every
 * flow has one, VERDICT_UNKNOWN at least): they are not connections and stay off the map.
 */
export function isConnectionSample(s: Pick<MapFlowSample, 'verdict'>): boolean {
  return s.verdict !== '';
}

export function flowToSample(f: FlowSummary): MapFlowSample {
  return {
    source: endpointSample(f.source, f.isReply === true),
    destination: endpointSample(f.destination, true),
    protocol: f.protocol,
    verdict: f.verdict,
    dropReason: f.dropReason,
    encrypted: f.encrypted,
    authType: f.authType,
    policies: f.policies,
    httpMethod: f.httpMethod,
    httpPath: f.httpPath,
    httpCode: f.httpCode,
    dnsQuery: f.dnsQuery,
    isReply: f.isReply,
    direction: f.direction,
    ts: f.ts,
    count: 1,
    lastTs: f.ts,
  };
}
