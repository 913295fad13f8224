import type { FlowEndpointSummary, FlowSummary } from './records';
import type { EndpointJson, FlowJson, HubbleFlowJson, PolicyJson, ServiceJson } from './wire-types';
import { rfc3339ToMicrosOr } from './time';

/** The columns Holocron indexes for a Hubble flow line. Pure: reads only the upstream JSON. */

const TCP_FLAG_ORDER = ['SYN', 'ACK', 'FIN', 'RST', 'PSH', 'URG', 'ECE', 'CWR', 'NS'] as const;

function serviceName(s: ServiceJson | undefined): string {
  if (!s?.name) return '';
  return s.namespace ? `${s.namespace}/${s.name}` : s.name;
}

function endpoint(
  e: EndpointJson | undefined,
  ip: string,
  port: number,
  service: ServiceJson | undefined,
  names: string[] | undefined,
): FlowEndpointSummary {
  const workload = e?.workloads?.[0];
  return {
    namespace: e?.namespace ?? '',
    pod: e?.pod_name ?? '',
    workload: workload?.name ?? '',
    workloadKind: workload?.kind ?? '',
    identity: e?.identity ?? 0,
    labels: e?.labels ?? [],
    ip,
    port,
    service: serviceName(service),
    names: names ?? [],
  };
}

/** The path of an HTTP URL without query string; tolerant of relative or malformed URLs. */
export function httpPathOf(url: string): string {
  if (!url) return '';
  const afterScheme = url.replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/, '');
  const path = afterScheme.split(/[?#]/, 1)[0] ?? '';
  return path === '' ? '/' : path;
}

function policyNames(prefix: string, list: PolicyJson[] | undefined): string[] {
  return (list ?? []).map((p) => `${prefix}:${p.namespace ? `${p.namespace}/` : ''}${p.name ?? ''}`);
}

export function summarizeFlow(line: HubbleFlowJson, id: string): FlowSummary {
  const f: FlowJson = line.flow ?? {};
  const l4 = f.l4 ?? {};
  const ports = l4.TCP ?? l4.UDP ?? l4.SCTP;
  const protocol = l4.TCP ? 'TCP' : l4.UDP ? 'UDP' : l4.ICMPv4 ? 'ICMPv4' : l4.ICMPv6 ? 'ICMPv6' : l4.SCTP ? 'SCTP' : l4.VRRP ? 'VRRP' : l4.IGMP ? 'IGMP' : '';
  const flags = l4.TCP?.flags;
  const http = f.l7?.http;
  const time = f.time ?? line.time ?? line._holocron?.received_time ?? '';
  return {
    id,
    ts: rfc3339ToMicrosOr(time, 0),
    time,
    node: f.node_name ?? line.node_name ?? '',
    verdict: line.flow ? (f.verdict ?? 'VERDICT_UNKNOWN') : '',
    dropReason: f.drop_reason_desc === undefined ? '' : String(f.drop_reason_desc),
    type: line.flow ? (f.Type ?? 'UNKNOWN_TYPE') : noticeType(line),
    protocol,
    tcpFlags: flags ? TCP_FLAG_ORDER.filter((k) => flags[k]) : [],
    direction: line.flow ? (f.traffic_direction ?? 'TRAFFIC_DIRECTION_UNKNOWN') : '',
    isReply: typeof f.is_reply === 'boolean' ? f.is_reply : null,
    source: endpoint(f.source, f.IP?.source ?? '', ports?.source_port ?? 0, f.source_service, f.source_names),
    destination: endpoint(
      f.destination,
      f.IP?.destination ?? '',
      ports?.destination_port ?? 0,
      f.destination_service,
      f.destination_names,
    ),
    l7Type: f.l7?.type ?? '',
    httpMethod: http?.method ?? '',
    httpUrl: http?.url ?? '',
    httpPath: httpPathOf(http?.url ?? ''),
    httpCode: http?.code ?? 0,
    latencyNs: f.l7?.latency_ns ?? '',
    dnsQuery: f.l7?.dns?.query ?? '',
    encrypted: f.IP?.encrypted === true,
    authType: f.auth_type && f.auth_type !== 'DISABLED' ? f.auth_type : '',
    policies: [
      ...policyNames('allowed', f.egress_allowed_by),
      ...policyNames('allowed', f.ingress_allowed_by),
      ...policyNames('denied', f.egress_denied_by),
      ...policyNames('denied', f.ingress_denied_by),
    ],
    summary: line.flow ? (f.Summary ?? '') : noticeText(line),
  };
}

/**
 * The `type` column of a GetFlowsResponse that is not a flow (stored in place among the flows):
 * `type=LOST_EVENTS` / `type=NODE_STATUS` select them; flow-field filters never match them.
 */
export function noticeType(line: HubbleFlowJson): string {
  if (line.lost_events) return 'LOST_EVENTS';
  if (line.node_status) return 'NODE_STATUS';
  return 'UNKNOWN_RESPONSE';
}

function noticeText(line: HubbleFlowJson): string {
  const lost = line.lost_events;
  if (lost) return `${lost.num_events_lost ?? '0'} events lost (${String(lost.source ?? 'UNKNOWN_LOST_EVENT_SOURCE')})`;
  const ns = line.node_status;
  if (ns) return `${String(ns.state_change ?? 'UNKNOWN_NODE_STATE')} ${(ns.node_names ?? []).join(', ')}${ns.message ? `: ${ns.message}` : ''}`;
  return 'a response this schema does not know';
}
