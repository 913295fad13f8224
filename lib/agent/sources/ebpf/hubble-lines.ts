import { randomUUID } from 'node:crypto';
import type { EndpointJson, FlowJson, HubbleFlowJson, Layer4Json, TcpFlagsJson } from '@/lib/domain/wire-types';
import type { HttpMessage } from './http-message';

/**
 * GetFlowsResponse JSON for what the kernel told us, in the shapes `hubble observe -o json`
 * prints (WIRE.md): L3/L4 trace flows (event type 4) from TCP state changes, drop flows (1)
 * from skb:kfree_skb, and L7 HTTP records (129) from plaintext writes on sockets.
 */
export interface Peer {
  ip: string;
  port: number;
  endpoint: EndpointJson;
}

export interface FlowBase {
  timeRfc: string;
  node: string;
  src: Peer;
  dst: Peer;
  direction: 'INGRESS' | 'EGRESS';
  isReply: boolean;
  family: number;
  cookie?: string;
}

function flowLine(b: FlowBase, body: FlowJson): HubbleFlowJson {
  const flow: FlowJson = {
    time: b.timeRfc,
    uuid: randomUUID(),
    verdict: body.verdict ?? 'FORWARDED',
    ...(body.drop_reason_desc ? { drop_reason_desc: body.drop_reason_desc } : {}),
    IP: { source: b.src.ip, destination: b.dst.ip, ipVersion: b.family === 10 ? 'IPv6' : 'IPv4' },
    l4: body.l4 ?? {},
    source: structuredClone(b.src.endpoint),
    destination: structuredClone(b.dst.endpoint),
    Type: body.Type ?? 'L3_L4',
    node_name: b.node,
    ...(body.l7 ? { l7: body.l7 } : {}),
    event_type: body.event_type ?? { type: 4 },
    traffic_direction: b.direction,
    ...(body.trace_observation_point ? { trace_observation_point: body.trace_observation_point } : {}),
    is_reply: b.isReply,
    ...(b.cookie && b.cookie !== '0' ? { socket_cookie: b.cookie } : {}),
    Summary: body.Summary ?? '',
  };
  return { flow, node_name: b.node, time: b.timeRfc };
}

type FlagName = 'SYN' | 'ACK' | 'FIN' | 'RST' | 'PSH';
const FLAG_ORDER: FlagName[] = ['SYN', 'ACK', 'RST', 'FIN', 'PSH'];

function tcpL4(b: FlowBase, flags: FlagName[]): Layer4Json {
  const f: TcpFlagsJson = {};
  for (const name of flags) f[name] = true;
  return { TCP: { source_port: b.src.port, destination_port: b.dst.port, flags: f } };
}
const flagSummary = (flags: FlagName[]) => `TCP Flags: ${FLAG_ORDER.filter((f) => flags.includes(f)).join(', ')}`;

/** A TCP packet of a connection's life (SYN, SYN-ACK, ACK, FIN) seen going to the stack. */
export function tcpFlow(b: FlowBase, flags: FlagName[]): HubbleFlowJson {
  return flowLine(b, {
    l4: tcpL4(b, flags),
    event_type: { type: 4, sub_type: 3 },
    trace_observation_point: 'TO_STACK',
    Summary: flagSummary(flags),
  });
}

/** TCP header flag bits → the names Hubble uses. */
export function tcpFlagsFromByte(byte: number): FlagName[] {
  const out: FlagName[] = [];
  if (byte & 0x02) out.push('SYN');
  if (byte & 0x10) out.push('ACK');
  if (byte & 0x04) out.push('RST');
  if (byte & 0x01) out.push('FIN');
  if (byte & 0x08) out.push('PSH');
  return out;
}

/**
 * Kernel drop reasons that mean what a Hubble drop reason means. Hubble's enum has no name for
 * most kernel reasons; those flows carry the kernel's name in Summary instead.
 */
const HUBBLE_DROP_REASON: Record<string, { desc: string; code: number }> = {
  NETFILTER_DROP: { desc: 'POLICY_DENIED', code: 133 },
};

export function dropFlow(
  b: FlowBase,
  d: { protocol: number; tcpFlags: number; kernelReason: string },
): HubbleFlowJson {
  const mapped = HUBBLE_DROP_REASON[d.kernelReason];
  const flags = tcpFlagsFromByte(d.tcpFlags);
  const l4: Layer4Json =
    d.protocol === 6
      ? tcpL4(b, flags)
      : d.protocol === 17
        ? { UDP: { source_port: b.src.port, destination_port: b.dst.port } }
        : d.protocol === 1
          ? { ICMPv4: {} }
          : {};
  const what = d.protocol === 6 ? flagSummary(flags) : d.protocol === 17 ? 'UDP' : d.protocol === 1 ? 'ICMPv4' : `IP protocol ${d.protocol}`;
  return flowLine(b, {
    verdict: 'DROPPED',
    ...(mapped ? { drop_reason_desc: mapped.desc } : {}),
    l4,
    event_type: mapped ? { type: 1, sub_type: mapped.code } : { type: 1 },
    Summary: `${what} (kernel drop reason ${d.kernelReason})`,
  });
}

export function httpFlow(b: FlowBase, m: HttpMessage, request: { method: string; url: string } | null, latencyNs: bigint | null): HubbleFlowJson {
  const l4: Layer4Json = { TCP: { source_port: b.src.port, destination_port: b.dst.port } };
  if (m.kind === 'request') {
    return flowLine(b, {
      l4,
      Type: 'L7',
      l7: { type: 'REQUEST', http: { method: m.method, url: m.url, protocol: m.protocol } },
      event_type: { type: 129 },
      Summary: `${m.protocol} ${m.method} ${m.url}`,
    });
  }
  const ms = latencyNs === null ? null : Number(latencyNs / 1_000_000n);
  return flowLine(b, {
    l4,
    Type: 'L7',
    l7: {
      type: 'RESPONSE',
      ...(latencyNs !== null ? { latency_ns: latencyNs.toString() } : {}),
      http: { code: m.code, ...(request ? { method: request.method, url: request.url } : {}), protocol: m.protocol },
    },
    event_type: { type: 129 },
    Summary: `${m.protocol} ${m.code} ${ms === null ? '' : `${ms}ms `}${request ? `(${request.method} ${request.url})` : ''}`.trim(),
  });
}
