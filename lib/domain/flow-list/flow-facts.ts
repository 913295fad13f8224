/**
 * The fields of a Hubble flow beyond the summary columns, as labelled lines grouped the way the
 * flow page shows them: where and how it was observed (emitter, interface, trace reason, node
 * labels …), the L4 record whatever the protocol (ICMP, SCTP, VRRP, IGMP), DNS and Kafka details,
 * the tunnel around it, aggregation counts and extensions. Every field of wire-facts/hubble.txt's
 * flow.Flow that the page does not show elsewhere is here. Values are hostile: render them inert.
 */
import type { FlowJson, IpJson, Layer4Json } from '@/lib/domain/wire-types';

export interface FlowFact {
  label: string;
  value: string;
}

export interface FlowFacts {
  observed: FlowFact[];
  dns: FlowFact[];
  kafka: FlowFact[];
  tunnel: FlowFact[];
  aggregate: FlowFact[];
  extensions: FlowFact[];
}

type Maybe = string | number | boolean | null | undefined;

function facts(pairs: [string, Maybe][]): FlowFact[] {
  const out: FlowFact[] = [];
  for (const [label, v] of pairs) if (v !== undefined && v !== null && v !== '') out.push({ label, value: String(v) });
  return out;
}

const list = (xs: string[] | undefined) => (xs?.length ? xs.join(', ') : undefined);
const num = (n: number | undefined) => (n === undefined ? undefined : String(n));

function ipText(ip: IpJson | undefined): string | undefined {
  if (!ip) return undefined;
  return `${ip.source ?? '?'} → ${ip.destination ?? '?'}${ip.ipVersion ? ` (${ip.ipVersion})` : ''}`;
}

function ports(p: { source_port?: number; destination_port?: number }) {
  return `${p.source_port ?? 0} → ${p.destination_port ?? 0}`;
}

/** The L4 record, one line, whichever member of the oneof is set. */
export function layer4Text(l4: Layer4Json | undefined): string | undefined {
  if (!l4) return undefined;
  if (l4.TCP) return `TCP ${ports(l4.TCP)}`;
  if (l4.UDP) return `UDP ${ports(l4.UDP)}`;
  if (l4.SCTP) return `SCTP ${ports(l4.SCTP)}`;
  if (l4.ICMPv4) return `ICMPv4 type ${l4.ICMPv4.type ?? 0} code ${l4.ICMPv4.code ?? 0}`;
  if (l4.ICMPv6) return `ICMPv6 type ${l4.ICMPv6.type ?? 0} code ${l4.ICMPv6.code ?? 0}`;
  if (l4.VRRP) return `VRRP type ${l4.VRRP.type ?? 0} vrid ${l4.VRRP.vrid ?? 0} priority ${l4.VRRP.priority ?? 0}`;
  if (l4.IGMP) return `IGMP type ${l4.IGMP.type ?? 0}${l4.IGMP.group_address ? ` group ${l4.IGMP.group_address}` : ''}`;
  const key = Object.keys(l4)[0];
  return key; // a protocol this version does not know: name it, the inspector has the rest
}

/** google.protobuf.Any in protojson: "@type" names the message, the other keys are its fields. */
function extensionFacts(ext: Record<string, unknown> | undefined): FlowFact[] {
  if (!ext) return [];
  const { '@type': type, ...rest } = ext;
  return facts([
    ['type', typeof type === 'string' ? type : undefined],
    ['fields', Object.keys(rest).length ? JSON.stringify(rest) : undefined],
  ]);
}

export function flowFacts(f: FlowJson): FlowFacts {
  const dns = f.l7?.dns;
  const kafka = f.l7?.kafka;
  const t = f.tunnel;
  const a = f.aggregate;
  return {
    observed: facts([
      ['emitter', f.emitter ? `${f.emitter.name ?? '?'}${f.emitter.version ? ` ${f.emitter.version}` : ''}` : undefined],
      ['interface', f.interface ? `${f.interface.name ?? '?'}${f.interface.index !== undefined ? ` (index ${f.interface.index})` : ''}` : undefined],
      ['trace reason', f.trace_reason],
      ['reply (reply)', f.reply === undefined ? undefined : f.reply ? 'yes' : 'no'],
      ['node labels', list(f.node_labels)],
      ['IP', ipText(f.IP)],
      ['source (translated)', f.IP?.source_xlated],
      ['L4', layer4Text(f.l4)],
      ['ethernet', f.ethernet ? `${f.ethernet.source ?? '?'} → ${f.ethernet.destination ?? '?'}` : undefined],
      ['drop reason code', f.drop_reason],
      ['policy match type', f.policy_match_type],
      ['policy log', list(f.policy_log)],
      ['proxy port', num(f.proxy_port)],
      ['debug capture point', f.debug_capture_point],
      ['socket translation', f.sock_xlate_point],
      ['cgroup id', f.cgroup_id],
      ['trace id', f.trace_context?.parent?.trace_id],
      ['IP trace id', f.ip_trace_id ? `${f.ip_trace_id.trace_id ?? '?'}${f.ip_trace_id.ip_option_type !== undefined ? ` (option ${f.ip_trace_id.ip_option_type})` : ''}` : undefined],
      ['source file', f.file ? `${f.file.name ?? '?'}:${f.file.line ?? 0}` : undefined],
    ]),
    dns: dns
      ? facts([
          ['query', dns.query],
          ['answers', list(dns.ips)],
          ['CNAMEs', list(dns.cnames)],
          ['TTL', num(dns.ttl)],
          ['rcode', num(dns.rcode)],
          ['query types', list(dns.qtypes)],
          ['answer types', list(dns.rrtypes)],
          ['observed by', dns.observation_source],
        ])
      : [],
    kafka: kafka
      ? facts([
          ['API key', kafka.api_key],
          ['API version', num(kafka.api_version)],
          ['topic', kafka.topic],
          ['correlation id', num(kafka.correlation_id)],
          ['error code', num(kafka.error_code)],
        ])
      : [],
    tunnel: t
      ? facts([
          ['protocol', t.protocol],
          ['VNI', num(t.vni)],
          ['outer IP', ipText(t.IP)],
          ['outer L4', layer4Text(t.l4)],
        ])
      : [],
    aggregate: a
      ? facts([
          ['ingress flows', num(a.ingress_flow_count)],
          ['egress flows', num(a.egress_flow_count)],
          ['unknown direction', num(a.unknown_direction_flow_count)],
        ])
      : [],
    extensions: extensionFacts(f.extensions),
  };
}
