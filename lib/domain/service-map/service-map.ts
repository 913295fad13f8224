/**
 * The aggregated service map: what `aggregateServiceMap` returns and `GET /api/map` sends.
 * Plain arrays and objects only (no Map/Set) so it survives JSON and structured clone unchanged;
 * every list is sorted so two aggregations of the same flows are byte-identical.
 */

/**
 * What a node stands for. Workloads live in a namespace; the others are Cilium's reserved
 * identities and have none (world = anything outside the cluster).
 */
export type MapNodeKind =
  | 'workload'
  | 'world'
  | 'host'
  | 'remote-node'
  | 'kube-apiserver'
  | 'ingress'
  | 'health'
  | 'init'
  | 'unmanaged';

/** FORWARDED, DROPPED, and everything else (ERROR, AUDIT, REDIRECTED, TRACED, ...). */
export interface VerdictCounts {
  forwarded: number;
  dropped: number;
  other: number;
}

/** 'mixed' = some flows dropped and some not: the UI draws dropped red and mixed dashed. */
export type EdgeVerdict = 'forwarded' | 'dropped' | 'mixed';

/** How many of an edge's flows had a property. */
export type Coverage = 'all' | 'some' | 'none';

export interface StatusCount {
  code: number;
  count: number;
}

/** One L7 endpoint: an HTTP method + path, or a DNS query name. */
export interface L7Endpoint {
  protocol: 'http' | 'dns';
  method: string; // HTTP method, "" for DNS
  path: string; // HTTP path, or the DNS name queried
  requests: number; // request flows (replies are not counted here)
  verdicts: VerdictCounts; // of the request flows
  statuses: StatusCount[]; // HTTP codes seen on the responses, by code
}

export interface MapNode {
  id: string; // "namespace/workload", or the kind for reserved identities ("world", "host", ...)
  kind: MapNodeKind;
  namespace: string; // "" outside namespaces
  name: string;
  workloadKind: string; // Deployment, StatefulSet, Pod, ... or "" when unknown
  labels: string[]; // union over its pods, "k8s:" prefix stripped
  pods: string[];
  services: string[]; // "ns/name" of Services it was reached through
  endpoints: L7Endpoint[]; // L7 endpoints it serves, summed over its incoming edges
  endpointsTruncated: number; // endpoints left out of `endpoints` (the least used)
  flowCount: number; // flows in or out of it
}

export interface MapEdge {
  id: string;
  source: string; // node id of the client side
  destination: string; // node id of the server side
  port: number; // destination port, 0 for ICMP
  protocol: string; // TCP, UDP, ICMPv4, ...
  flowCount: number; // all flows of this edge, replies included
  replies: number; // of which replies (server → client), folded in from the reverse direction
  counts: VerdictCounts;
  verdict: EdgeVerdict;
  dropReasons: { reason: string; count: number }[];
  encrypted: Coverage;
  mutualAuth: Coverage; // flows with an auth type (e.g. SPIRE)
  authTypes: string[];
  allowedBy: string[]; // policy names, "ns/name"
  deniedBy: string[];
  endpoints: L7Endpoint[];
  endpointsTruncated: number;
  firstTs: number; // microseconds since the epoch
  lastTs: number;
}

/** A namespace and the nodes drawn inside its box. */
export interface MapIsland {
  namespace: string;
  nodeIds: string[];
}

export interface ServiceMap {
  nodes: MapNode[]; // sorted by id
  edges: MapEdge[]; // sorted by id
  islands: MapIsland[]; // sorted by namespace
}
