import { describe, expect, it } from 'vitest';
import type { FlowEndpointSummary, FlowSummary } from '@/lib/domain/records';
import { flowToSample } from '@/lib/domain/service-map/map-sample';

function endpoint(pod: string, port: number): FlowEndpointSummary {
  return { namespace: 'default', pod, workload: '', workloadKind: '', identity: 1234, labels: ['k8s:org=empire'], ip: '10.0.0.1', port, service: '', names: ['x.example'] };
}

function flow(isReply: boolean | null): FlowSummary {
  return {
    id: 'u1', ts: 42, time: '2026-11-22T09:14:03Z', node: 'kind-worker', verdict: 'FORWARDED', dropReason: '', type: 'L7',
    protocol: 'TCP', tcpFlags: [], direction: 'INGRESS', isReply,
    source: isReply ? endpoint('deathstar-6c94dcc57b-7xk2p', 80) : endpoint('tiefighter', 45200),
    destination: isReply ? endpoint('tiefighter', 45200) : endpoint('deathstar-6c94dcc57b-7xk2p', 80),
    l7Type: 'REQUEST', httpMethod: 'PUT', httpUrl: 'http://deathstar/v1/exhaust-port', httpPath: '/v1/exhaust-port', httpCode: 0,
    latencyNs: '', dnsQuery: '', encrypted: false, authType: '', policies: [], summary: 'HTTP/1.1 PUT',
  };
}

describe('flowToSample', () => {
  it('keeps the map columns, counts one, and zeroes the client port of requests', () => {
    const s = flowToSample(flow(false));
    expect(s).toMatchObject({ count: 1, ts: 42, lastTs: 42, httpMethod: 'PUT', httpPath: '/v1/exhaust-port', isReply: false });
    expect(s.source).toEqual({ namespace: 'default', pod: 'tiefighter', workload: '', workloadKind: '', identity: 1234, labels: ['k8s:org=empire'], ip: '10.0.0.1', service: '', port: 0 });
    expect(s.destination.port).toBe(80);
    expect(s).not.toHaveProperty('summary');
  });

  it('keeps the server port on replies, where it is the source port', () => {
    expect(flowToSample(flow(true)).source.port).toBe(80);
  });
});
