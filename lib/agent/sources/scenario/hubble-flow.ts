/**
 * Builds Hubble `Flow` JSON lines. Each builder fills what `hubble observe -o json` prints for
 * that kind of flow: trace (event type 4) and drop (1) flows at L3/L4, proxy log records (129)
 * for DNS and HTTP. Uuids come from the caller's PRNG so they differ per cycle and restart.
 */
import type { NodeName, PodFixture, ServiceFixture } from '@/lib/agent/sources/scenario/cluster';
import { HOST_ENDPOINT, NODES, WORLD_ENDPOINT, endpointOf } from '@/lib/agent/sources/scenario/cluster';
import type { Prng } from '@/lib/agent/sources/scenario/prng';
import type { ScenarioItem } from '@/lib/agent/sources/scenario/scenario-item';
import { nsToRfc3339 } from '@/lib/agent/sources/scenario/time';
import type { EndpointJson, FlowJson, Layer4Json, Layer7Json, PolicyJson, TcpFlagsJson } from '@/lib/domain/wire-types';

export interface Peer {
  ip: string;
  port: number;
  endpoint: EndpointJson;
}

export const podPeer = (pod: PodFixture, port: number): Peer => ({ ip: pod.ip, port, endpoint: endpointOf(pod) });
export const hostPeer = (node: NodeName, port: number): Peer => ({ ip: NODES[node].ciliumHostIp, port, endpoint: HOST_ENDPOINT });
export const worldPeer = (ip: string, port: number): Peer => ({ ip, port, endpoint: WORLD_ENDPOINT });

const service = (s: ServiceFixture | undefined) => s && { name: s.name, namespace: s.namespace };

/** The parts every flow has; the specific builders below fill them. */
export interface FlowCommon {
  timeNs: bigint;
  node: NodeName;
  src: Peer;
  dst: Peer;
  direction: 'INGRESS' | 'EGRESS';
  isReply: boolean;
  srcService?: ServiceFixture;
  dstService?: ServiceFixture;
  ingressAllowedBy?: PolicyJson[];
}

function flowItem(rng: Prng, c: FlowCommon, body: FlowJson, policies: Partial<FlowJson> = {}): ScenarioItem {
  const time = nsToRfc3339(c.timeNs);
  const srcService = service(c.srcService);
  const dstService = service(c.dstService);
  const flow: FlowJson = {
    time,
    uuid: rng.uuid(),
    verdict: body.verdict ?? 'FORWARDED',
    ...(body.drop_reason_desc ? { drop_reason_desc: body.drop_reason_desc } : {}),
    IP: { source: c.src.ip, destination: c.dst.ip, ipVersion: 'IPv4' },
    l4: body.l4 ?? {},
    source: structuredClone(c.src.endpoint),
    destination: structuredClone(c.dst.endpoint),
    Type: body.Type ?? 'L3_L4',
    node_name: c.node,
    ...(body.l7 ? { l7: body.l7 } : {}),
    event_type: body.event_type ?? { type: 4 },
    ...(srcService ? { source_service: srcService } : {}),
    ...(dstService ? { destination_service: dstService } : {}),
    traffic_direction: c.direction,
    ...(body.trace_observation_point ? { trace_observation_point: body.trace_observation_point } : {}),
    is_reply: c.isReply,
    Summary: body.Summary ?? '',
    ...(c.ingressAllowedBy ? { ingress_allowed_by: structuredClone(c.ingressAllowedBy) } : {}),
    ...policies,
  };
  return { timeNs: c.timeNs, stream: 'hubble', json: { flow, node_name: c.node, time } };
}

type FlagName = 'SYN' | 'ACK' | 'RST' | 'FIN' | 'PSH';
const FLAG_ORDER: FlagName[] = ['SYN', 'ACK', 'RST', 'FIN', 'PSH'];
// Cilium's trace sub_type is the observation point's datapath code.
const TRACE_SUBTYPE: Record<string, number> = { TO_ENDPOINT: 0, TO_HOST: 2, TO_STACK: 3, TO_OVERLAY: 4 };

function tcpL4(c: FlowCommon, flags: FlagName[]): Layer4Json {
  const f: TcpFlagsJson = {};
  for (const name of flags) f[name] = true;
  return { TCP: { source_port: c.src.port, destination_port: c.dst.port, flags: f } };
}
const flagSummary = (flags: FlagName[]) => `TCP Flags: ${FLAG_ORDER.filter((f) => flags.includes(f)).join(', ')}`;

/** A forwarded TCP packet seen by the datapath at an observation point. */
export function tcpTraceFlow(
  rng: Prng,
  c: FlowCommon & { flags: FlagName[]; point: 'TO_ENDPOINT' | 'TO_STACK' | 'TO_OVERLAY' | 'TO_HOST' },
): ScenarioItem {
  const subType = TRACE_SUBTYPE[c.point] ?? 0;
  return flowItem(rng, c, {
    l4: tcpL4(c, c.flags),
    event_type: subType ? { type: 4, sub_type: subType } : { type: 4 },
    trace_observation_point: c.point,
    Summary: flagSummary(c.flags),
  });
}

/** A TCP packet dropped by policy at the destination's ingress (drop notify, reason 133). */
export function tcpPolicyDropFlow(rng: Prng, c: FlowCommon & { flags: FlagName[]; deniedBy: PolicyJson[] }): ScenarioItem {
  return flowItem(
    rng,
    c,
    {
      verdict: 'DROPPED',
      drop_reason_desc: 'POLICY_DENIED',
      l4: tcpL4(c, c.flags),
      event_type: { type: 1, sub_type: 133 },
      Summary: flagSummary(c.flags),
    },
    { ingress_denied_by: structuredClone(c.deniedBy) },
  );
}

/** A forwarded UDP datagram at an observation point. */
export function udpTraceFlow(rng: Prng, c: FlowCommon & { point: 'TO_ENDPOINT' | 'TO_STACK' }): ScenarioItem {
  const subType = TRACE_SUBTYPE[c.point] ?? 0;
  return flowItem(rng, c, {
    l4: { UDP: { source_port: c.src.port, destination_port: c.dst.port } },
    event_type: subType ? { type: 4, sub_type: subType } : { type: 4 },
    trace_observation_point: c.point,
    Summary: 'UDP',
  });
}

const udp = (c: FlowCommon): Layer4Json => ({ UDP: { source_port: c.src.port, destination_port: c.dst.port } });
const tcp = (c: FlowCommon): Layer4Json => ({ TCP: { source_port: c.src.port, destination_port: c.dst.port } });

/** DNS proxy log record for a query (`fqdn` ends with a dot, as Hubble prints it). */
export function dnsQueryFlow(rng: Prng, c: FlowCommon & { fqdn: string }): ScenarioItem {
  const l7: Layer7Json = { type: 'REQUEST', dns: { query: c.fqdn, qtypes: ['A'] } };
  return flowItem(rng, c, { l4: udp(c), Type: 'L7', l7, event_type: { type: 129 }, Summary: `DNS Query ${c.fqdn} A` });
}

export function dnsAnswerFlow(rng: Prng, c: FlowCommon & { fqdn: string; ips: string[]; latencyNs: bigint }): ScenarioItem {
  const l7: Layer7Json = {
    type: 'RESPONSE',
    latency_ns: c.latencyNs.toString(),
    dns: { query: c.fqdn, ips: [...c.ips], ttl: 30, qtypes: ['A'] },
  };
  const answer = c.ips.map((ip) => `"${ip}"`).join(',');
  return flowItem(rng, c, {
    l4: udp(c), Type: 'L7', l7, event_type: { type: 129 },
    Summary: `DNS Answer ${answer} TTL: 30 (Proxy ${c.fqdn} A)`,
  });
}

export function httpRequestFlow(rng: Prng, c: FlowCommon & { method: string; url: string }): ScenarioItem {
  const l7: Layer7Json = { type: 'REQUEST', http: { method: c.method, url: c.url, protocol: 'HTTP/1.1' } };
  return flowItem(rng, c, { l4: tcp(c), Type: 'L7', l7, event_type: { type: 129 }, Summary: `HTTP/1.1 ${c.method} ${c.url}` });
}

export function httpResponseFlow(
  rng: Prng,
  c: FlowCommon & { method: string; url: string; code: number; latencyNs: bigint },
): ScenarioItem {
  const l7: Layer7Json = {
    type: 'RESPONSE',
    latency_ns: c.latencyNs.toString(),
    http: { code: c.code, method: c.method, url: c.url, protocol: 'HTTP/1.1' },
  };
  const ms = Number(c.latencyNs / 1_000_000n);
  return flowItem(rng, c, {
    l4: tcp(c), Type: 'L7', l7, event_type: { type: 129 },
    Summary: `HTTP/1.1 ${c.code} ${ms}ms (${c.method} ${c.url})`,
  });
}
