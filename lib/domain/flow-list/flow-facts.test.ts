import { describe, expect, it } from 'vitest';
import type { FlowJson } from '@/lib/domain/wire-types';
import { flowFacts, layer4Text } from './flow-facts';

const text = (xs: { label: string; value: string }[]) => Object.fromEntries(xs.map((x) => [x.label, x.value]));

// A flow with the fields `hubble observe -o json` prints since Cilium 1.15 (wire-facts/hubble.txt).
const dnsFlow: FlowJson = {
  time: '2026-12-07T08:00:00.123456789Z',
  uuid: '9f0c',
  verdict: 'FORWARDED',
  emitter: { name: 'Hubble', version: '1.19.4+g1234' },
  interface: { index: 7, name: 'lxc8a1b' },
  trace_reason: 'ESTABLISHED',
  reply: true,
  node_labels: ['kubernetes.io/hostname=kind-worker', 'topology.kubernetes.io/zone=a'],
  IP: { source: '10.244.1.17', source_xlated: '172.18.0.3', destination: '10.96.0.10', ipVersion: 'IPv4' },
  l4: { UDP: { source_port: 40000, destination_port: 53 } },
  l7: { type: 'RESPONSE', dns: { query: 'deathstar.default.svc.cluster.local.', ips: ['10.96.7.7'], ttl: 30, cnames: ['a.b.'], rcode: 0, qtypes: ['A'], rrtypes: ['A'], observation_source: 'proxy' } },
  trace_context: { parent: { trace_id: '4bf92f3577b34da6a3ce929d0e0e4736' } },
  policy_log: ['allow-dns'],
  tunnel: { protocol: 'VXLAN', vni: 2, IP: { source: '172.18.0.3', destination: '172.18.0.4' }, l4: { UDP: { source_port: 51000, destination_port: 8472 } } },
  aggregate: { ingress_flow_count: 3, egress_flow_count: 1 },
  extensions: { '@type': 'type.googleapis.com/example.Ext', color: 'red' },
};

describe('flowFacts', () => {
  it('shows where and how the flow was observed', () => {
    const o = text(flowFacts(dnsFlow).observed);
    expect(o).toMatchObject({
      emitter: 'Hubble 1.19.4+g1234',
      interface: 'lxc8a1b (index 7)',
      'trace reason': 'ESTABLISHED',
      'reply (reply)': 'yes',
      'node labels': 'kubernetes.io/hostname=kind-worker, topology.kubernetes.io/zone=a',
      IP: '10.244.1.17 → 10.96.0.10 (IPv4)',
      'source (translated)': '172.18.0.3',
      L4: 'UDP 40000 → 53',
      'policy log': 'allow-dns',
      'trace id': '4bf92f3577b34da6a3ce929d0e0e4736',
    });
    expect(o).not.toHaveProperty('proxy port');
  });

  it('lists DNS, tunnel, aggregate and extension details', () => {
    const f = flowFacts(dnsFlow);
    expect(text(f.dns)).toEqual({
      query: 'deathstar.default.svc.cluster.local.',
      answers: '10.96.7.7',
      CNAMEs: 'a.b.',
      TTL: '30',
      rcode: '0',
      'query types': 'A',
      'answer types': 'A',
      'observed by': 'proxy',
    });
    expect(text(f.tunnel)).toEqual({ protocol: 'VXLAN', VNI: '2', 'outer IP': '172.18.0.3 → 172.18.0.4', 'outer L4': 'UDP 51000 → 8472' });
    expect(text(f.aggregate)).toEqual({ 'ingress flows': '3', 'egress flows': '1' });
    expect(text(f.extensions)).toEqual({ type: 'type.googleapis.com/example.Ext', fields: '{"color":"red"}' });
    expect(f.kafka).toEqual([]);
  });

  it('reads Kafka records', () => {
    const f = flowFacts({ l7: { kafka: { api_key: 'produce', api_version: 9, topic: 'empire-announce', correlation_id: 12, error_code: 0 } } });
    expect(text(f.kafka)).toEqual({ 'API key': 'produce', 'API version': '9', topic: 'empire-announce', 'correlation id': '12', 'error code': '0' });
  });

  it('prints every L4 protocol of the oneof', () => {
    expect(layer4Text({ SCTP: { source_port: 1, destination_port: 2 } })).toBe('SCTP 1 → 2');
    expect(layer4Text({ ICMPv4: { type: 8 } })).toBe('ICMPv4 type 8 code 0');
    expect(layer4Text({ ICMPv6: { type: 128, code: 0 } })).toBe('ICMPv6 type 128 code 0');
    expect(layer4Text({ VRRP: { type: 1, vrid: 51, priority: 100 } })).toBe('VRRP type 1 vrid 51 priority 100');
    expect(layer4Text({ IGMP: { type: 22, group_address: '239.1.1.1' } })).toBe('IGMP type 22 group 239.1.1.1');
    expect(layer4Text({ TCP: { source_port: 1, destination_port: 80 } })).toBe('TCP 1 → 80');
    expect(layer4Text(undefined)).toBeUndefined();
  });
});
