/**
 * Hand-built `hubble observe -o json` lines for store tests: one call per flow, with only what
 * the test is about spelled out. Times are microseconds since the epoch.
 */
import type { EndpointJson, FlowJson, HubbleFlowJson } from '@/lib/domain/wire-types';
import { microsToRfc3339 } from '@/lib/wire/timestamp';
import { flowRecord } from '@/lib/server/ingest/records';
import type { FlowRecord } from '@/lib/server/store/store';

export interface PeerSpec {
  ns?: string; // "" or absent: outside the cluster
  pod?: string;
  workload?: { name: string; kind: string };
  labels?: string[];
  identity?: number;
  ip: string;
  port: number;
}

export const pod = (ns: string, name: string, ip: string, port: number, extra: Partial<PeerSpec> = {}): PeerSpec => ({
  ns,
  pod: name,
  identity: 30_000 + name.length,
  labels: [`k8s:app=${name.split('-')[0]}`],
  ip,
  port,
  ...extra,
});
export const world = (ip: string, port: number): PeerSpec => ({ ip, port, identity: 2, labels: ['reserved:world'] });

function endpoint(p: PeerSpec): EndpointJson {
  return {
    identity: p.identity ?? 0,
    ...(p.ns ? { namespace: p.ns } : {}),
    ...(p.pod ? { pod_name: p.pod } : {}),
    labels: p.labels ?? [],
    ...(p.workload ? { workloads: [p.workload] } : {}),
  };
}

export interface LineSpec {
  uuid: string;
  tsUs: number;
  src: PeerSpec;
  dst: PeerSpec;
  node?: string;
  verdict?: string;
  dropReason?: string;
  isReply?: boolean;
  protocol?: 'TCP' | 'UDP';
  http?: { method: string; url: string; code?: number };
  dns?: string;
  encrypted?: boolean;
  authType?: string;
  ingressDeniedBy?: { namespace: string; name: string }[];
  egressAllowedBy?: { namespace: string; name: string }[];
  destinationService?: { namespace: string; name: string };
}

export function hubbleLine(s: LineSpec): HubbleFlowJson {
  const time = microsToRfc3339(s.tsUs);
  const ports = { source_port: s.src.port, destination_port: s.dst.port };
  const flow: FlowJson = {
    time,
    uuid: s.uuid,
    verdict: s.verdict ?? 'FORWARDED',
    ...(s.dropReason ? { drop_reason_desc: s.dropReason } : {}),
    IP: { source: s.src.ip, destination: s.dst.ip, ipVersion: 'IPv4', ...(s.encrypted ? { encrypted: true } : {}) },
    l4: s.protocol === 'UDP' ? { UDP: ports } : { TCP: ports },
    source: endpoint(s.src),
    destination: endpoint(s.dst),
    Type: s.http || s.dns ? 'L7' : 'L3_L4',
    node_name: s.node ?? 'kind-worker',
    ...(s.http ? { l7: { type: s.isReply ? 'RESPONSE' : 'REQUEST', http: s.http } } : {}),
    ...(s.dns ? { l7: { type: s.isReply ? 'RESPONSE' : 'REQUEST', dns: { query: s.dns } } } : {}),
    ...(s.destinationService ? { destination_service: s.destinationService } : {}),
    traffic_direction: 'EGRESS',
    is_reply: s.isReply ?? false,
    ...(s.authType ? { auth_type: s.authType } : {}),
    ...(s.ingressDeniedBy ? { ingress_denied_by: s.ingressDeniedBy } : {}),
    ...(s.egressAllowedBy ? { egress_allowed_by: s.egressAllowedBy } : {}),
  };
  return { flow, node_name: flow.node_name, time };
}

export const flowLine = (s: LineSpec): FlowRecord => flowRecord(hubbleLine(s));
