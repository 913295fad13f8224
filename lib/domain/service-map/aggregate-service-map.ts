/**
 * Flows → service map. Nodes are workloads (all replicas of a Deployment are one node) plus
 * Cilium's reserved identities (world, host, ...); edges are keyed by
 * (client node, server node, destination port, protocol).
 *
 * Replies: a reply (is_reply true) travels server → client. Drawing it would add a reverse edge
 * to every connection, so it is folded into the forward edge instead: its endpoints are swapped
 * and its *source* port is the forward edge's destination port. It counts in that edge's
 * flowCount, verdicts and `replies`, and an HTTP response lends its status code to the
 * endpoint's `statuses`, but not to its `requests`. A reply whose request fell outside the
 * queried window still creates the forward edge: the connection did happen. Flows whose
 * is_reply is unknown (null) are taken as they come.
 *
 * Verdict: Hubble reports a packet at every observation point, so a SYN dropped by the server's
 * ingress policy is usually also seen FORWARDED leaving the client's node. Counting both would
 * paint every denied connection "mixed". The edge's verdict therefore reads the flows where the
 * outcome is decided: ingress observations (and those of unknown direction) and egress drops;
 * egress passes only count when the edge was never observed at an ingress (traffic to world,
 * or agents that see one side only). `counts` keeps every flow, as stored.
 */
import type { MapFlowSample } from '@/lib/domain/service-map/map-sample';
import type { MapEdge, MapIsland, MapNode, ServiceMap, VerdictCounts } from '@/lib/domain/service-map/service-map';
import { displayLabel, nodeIdentity, type NodeIdentity } from '@/lib/domain/service-map/map-node-identity';
import { L7EndpointTally, l7KeyOf } from '@/lib/domain/service-map/l7-endpoint-tally';
import { coverage, edgeVerdict, emptyVerdictCounts, verdictBucket } from '@/lib/domain/service-map/verdict-counts';

export interface AggregateOptions {
  /** L7 endpoints kept per edge and per node, the busiest first (default 50). */
  maxEndpoints?: number;
  /** Labels kept per node (default 64): world collects one cidr: label per remote IP. */
  maxLabels?: number;
}

interface NodeAcc {
  identity: NodeIdentity;
  workloadKinds: Set<string>;
  labels: Set<string>;
  pods: Set<string>;
  services: Set<string>;
  endpoints: L7EndpointTally;
  flowCount: number;
}

interface EdgeAcc {
  key: string;
  source: string;
  destination: string;
  port: number;
  protocol: string;
  flowCount: number;
  replies: number;
  counts: VerdictCounts;
  decided: VerdictCounts; // ingress or unknown direction, plus egress drops
  seenAtIngress: number; // flows not observed at an egress
  dropReasons: Map<string, number>;
  encrypted: number;
  authenticated: number;
  authTypes: Set<string>;
  allowedBy: Set<string>;
  deniedBy: Set<string>;
  endpoints: L7EndpointTally;
  firstTs: number;
  lastTs: number;
}

const sorted = (s: Iterable<string>) => [...s].sort();

/** The flows the edge's verdict reads (see the header): egress passes only without ingress sightings. */
function decidingCounts(e: EdgeAcc): VerdictCounts {
  return e.seenAtIngress > 0 ? e.decided : e.counts;
}
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function aggregateServiceMap(samples: Iterable<MapFlowSample>, opts: AggregateOptions = {}): ServiceMap {
  const maxEndpoints = opts.maxEndpoints ?? 50;
  const maxLabels = opts.maxLabels ?? 64;
  const nodes = new Map<string, NodeAcc>();
  const edges = new Map<string, EdgeAcc>();

  const nodeFor = (e: MapFlowSample['source']): NodeAcc => {
    const identity = nodeIdentity(e);
    let n = nodes.get(identity.id);
    if (!n) {
      n = {
        identity,
        workloadKinds: new Set(),
        labels: new Set(),
        pods: new Set(),
        services: new Set(),
        endpoints: new L7EndpointTally(),
        flowCount: 0,
      };
      nodes.set(identity.id, n);
    }
    if (e.workloadKind) n.workloadKinds.add(e.workloadKind);
    for (const l of e.labels) n.labels.add(displayLabel(l));
    if (e.pod) n.pods.add(e.pod);
    if (e.service) n.services.add(e.service);
    return n;
  };

  for (const s of samples) {
    if (!(s.count > 0)) continue;
    const from = nodeFor(s.source);
    const to = nodeFor(s.destination);
    const reply = s.isReply === true;
    const client = reply ? to : from;
    const server = reply ? from : to;
    const port = reply ? s.source.port : s.destination.port;

    const key = JSON.stringify([client.identity.id, server.identity.id, port, s.protocol]);
    let e = edges.get(key);
    if (!e) {
      e = {
        key,
        source: client.identity.id,
        destination: server.identity.id,
        port,
        protocol: s.protocol,
        flowCount: 0,
        replies: 0,
        counts: emptyVerdictCounts(),
        decided: emptyVerdictCounts(),
        seenAtIngress: 0,
        dropReasons: new Map(),
        encrypted: 0,
        authenticated: 0,
        authTypes: new Set(),
        allowedBy: new Set(),
        deniedBy: new Set(),
        endpoints: new L7EndpointTally(),
        firstTs: s.ts,
        lastTs: s.lastTs,
      };
      edges.set(key, e);
    }

    const bucket = verdictBucket(s.verdict);
    e.flowCount += s.count;
    e.counts[bucket] += s.count;
    if (s.direction !== 'EGRESS') e.seenAtIngress += s.count;
    if (s.direction !== 'EGRESS' || bucket === 'dropped') e.decided[bucket] += s.count;
    if (reply) e.replies += s.count;
    if (s.dropReason) e.dropReasons.set(s.dropReason, (e.dropReasons.get(s.dropReason) ?? 0) + s.count);
    if (s.encrypted) e.encrypted += s.count;
    // protojson omits the zero value, but a hand-written export may spell it out.
    if (s.authType && s.authType !== 'DISABLED') {
      e.authenticated += s.count;
      e.authTypes.add(s.authType);
    }
    for (const p of s.policies) {
      if (p.startsWith('allowed:')) e.allowedBy.add(p.slice('allowed:'.length));
      else if (p.startsWith('denied:')) e.deniedBy.add(p.slice('denied:'.length));
    }
    const l7 = l7KeyOf(s);
    if (l7) {
      if (reply) e.endpoints.addResponse(l7, s.httpCode, s.count);
      else e.endpoints.addRequest(l7, bucket, s.count);
    }
    e.firstTs = Math.min(e.firstTs, s.ts);
    e.lastTs = Math.max(e.lastTs, s.lastTs);

    client.flowCount += s.count;
    if (server !== client) server.flowCount += s.count;
  }

  // A node serves what its incoming edges carry.
  for (const e of edges.values()) nodes.get(e.destination)?.endpoints.merge(e.endpoints);

  const edgeList: MapEdge[] = [...edges.values()]
    .sort(
      (a, b) =>
        byString(a.source, b.source) ||
        byString(a.destination, b.destination) ||
        byString(a.protocol, b.protocol) ||
        a.port - b.port,
    )
    .map((e) => {
      const { endpoints, truncated } = e.endpoints.toList(maxEndpoints);
      return {
        id: e.key,
        source: e.source,
        destination: e.destination,
        port: e.port,
        protocol: e.protocol,
        flowCount: e.flowCount,
        replies: e.replies,
        counts: e.counts,
        verdict: edgeVerdict(decidingCounts(e)),
        dropReasons: sorted(e.dropReasons.keys()).map((reason) => ({ reason, count: e.dropReasons.get(reason) ?? 0 })),
        encrypted: coverage(e.encrypted, e.flowCount),
        mutualAuth: coverage(e.authenticated, e.flowCount),
        authTypes: sorted(e.authTypes),
        allowedBy: sorted(e.allowedBy),
        deniedBy: sorted(e.deniedBy),
        endpoints,
        endpointsTruncated: truncated,
        firstTs: e.firstTs,
        lastTs: e.lastTs,
      };
    });

  const nodeList: MapNode[] = [...nodes.values()]
    .sort((a, b) => byString(a.identity.id, b.identity.id))
    .map((n) => {
      const { endpoints, truncated } = n.endpoints.toList(maxEndpoints);
      return {
        ...n.identity,
        workloadKind: sorted(n.workloadKinds)[0] ?? '',
        labels: sorted(n.labels).slice(0, maxLabels),
        pods: sorted(n.pods),
        services: sorted(n.services),
        endpoints,
        endpointsTruncated: truncated,
        flowCount: n.flowCount,
      };
    });

  const byNamespace = new Map<string, string[]>();
  for (const n of nodeList) {
    if (!n.namespace) continue;
    const ids = byNamespace.get(n.namespace) ?? [];
    ids.push(n.id);
    byNamespace.set(n.namespace, ids);
  }
  const islands: MapIsland[] = sorted(byNamespace.keys()).map((namespace) => ({
    namespace,
    nodeIds: byNamespace.get(namespace) ?? [],
  }));

  return { nodes: nodeList, edges: edgeList, islands };
}
