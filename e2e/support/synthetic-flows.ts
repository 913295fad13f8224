import { randomUUID } from 'node:crypto';
import { syntheticSamples } from '@/lib/domain/service-map/synthetic-samples';
import type { MapEndpointSample } from '@/lib/domain/service-map/map-sample';
import type { EndpointJson, FlowJson, HubbleFlowJson } from '@/lib/domain/wire-types';
import { microsToRfc3339 } from '@/lib/wire/timestamp';

/**
 * A big cluster as `hubble observe -o json` lines, for POST /api/import: the service map's
 * synthetic samples (N workloads, exactly E edges), each turned into a few real flow lines
 * with times in the last `spanMs`, ephemeral client ports and uuids of their own.
 */
function endpoint(e: MapEndpointSample): EndpointJson {
  return {
    identity: e.identity,
    ...(e.namespace ? { namespace: e.namespace } : {}),
    ...(e.pod ? { pod_name: e.pod } : {}),
    labels: e.labels,
    ...(e.workload ? { workloads: [{ name: e.workload, kind: e.workloadKind || 'Deployment' }] } : {}),
  };
}

function service(s: string) {
  const [namespace, name] = s.split('/');
  return name ? { namespace, name } : undefined;
}

export function syntheticNdjson(opts: { workloads: number; edges: number; namespaces: number; spanMs: number; seed?: number }): { ndjson: string; lines: number } {
  const nowUs = Date.now() * 1000;
  const out: string[] = [];
  let n = 0;
  for (const s of syntheticSamples(opts)) {
    const copies = Math.min(s.count, 2);
    for (let i = 0; i < copies; i++) {
      const tsUs = nowUs - Math.floor(((n * 7919) % 1000) / 1000 * opts.spanMs * 1000) - 1000;
      const ephemeral = 32768 + ((n * 31) % 28000);
      const srcPort = s.isReply ? s.source.port : ephemeral;
      const dstPort = s.isReply ? ephemeral : s.destination.port;
      const ports = { source_port: srcPort, destination_port: dstPort };
      const dstService = service(s.destination.service);
      const flow: FlowJson = {
        time: microsToRfc3339(tsUs),
        uuid: randomUUID(),
        verdict: s.verdict,
        ...(s.dropReason ? { drop_reason_desc: s.dropReason } : {}),
        IP: { source: s.source.ip, destination: s.destination.ip, ipVersion: 'IPv4', ...(s.encrypted ? { encrypted: true } : {}) },
        l4: s.protocol === 'UDP' ? { UDP: ports } : { TCP: ports },
        source: endpoint(s.source),
        destination: endpoint(s.destination),
        Type: s.httpMethod ? 'L7' : 'L3_L4',
        node_name: `node-${n % 5}`,
        ...(s.httpMethod
          ? { l7: { type: s.isReply ? 'RESPONSE' : 'REQUEST', http: { method: s.httpMethod, url: `http://svc${s.httpPath}`, ...(s.httpCode ? { code: s.httpCode } : {}) } } }
          : {}),
        ...(dstService && !s.isReply ? { destination_service: dstService } : {}),
        traffic_direction: 'EGRESS',
        is_reply: s.isReply === true,
        ...(s.authType ? { auth_type: s.authType } : {}),
        ...(s.policies.some((p) => p.startsWith('denied:'))
          ? { ingress_denied_by: s.policies.filter((p) => p.startsWith('denied:')).map((p) => ({ namespace: p.slice(7).split('/')[0], name: p.split('/')[1] })) }
          : {}),
      };
      const line: HubbleFlowJson = { flow, node_name: flow.node_name, time: flow.time };
      out.push(JSON.stringify(line));
      n++;
    }
  }
  return { ndjson: `${out.join('\n')}\n`, lines: out.length };
}
