/**
 * The summary columns Holocron keeps beside each stored upstream object. Queries, filters, the
 * map and the tables read these; the upstream JSON itself is kept verbatim for export and the
 * inspector. Every string here comes from an event and is hostile: render it as text.
 */

/** Endpoint side of a flow, flattened. */
export interface FlowEndpointSummary {
  namespace: string;
  pod: string;
  workload: string; // first workload name, or "" (world/host have none)
  workloadKind: string;
  identity: number;
  labels: string[]; // "k8s:app=x" as Hubble sends them
  ip: string;
  port: number; // 0 when not TCP/UDP/SCTP
  service: string; // "ns/name" of the Kubernetes Service, or ""
  names: string[]; // DNS names known for the IP (source_names / destination_names)
}

export interface FlowSummary {
  id: string; // the flow's uuid
  ts: number; // microseconds since the epoch (ordering; the exact ns time is in the JSON)
  time: string; // RFC 3339 as sent
  node: string;
  verdict: string; // FORWARDED, DROPPED, ...
  dropReason: string; // drop_reason_desc, e.g. POLICY_DENIED
  type: string; // L3_L4, L7, SOCK
  protocol: string; // TCP, UDP, ICMPv4, ICMPv6, SCTP, or ""
  tcpFlags: string[]; // ["SYN","ACK"]
  direction: string; // INGRESS, EGRESS, TRAFFIC_DIRECTION_UNKNOWN
  isReply: boolean | null; // null when the agent did not say
  source: FlowEndpointSummary;
  destination: FlowEndpointSummary;
  l7Type: string; // REQUEST, RESPONSE, SAMPLE or ""
  httpMethod: string;
  httpUrl: string;
  httpPath: string; // path part of the URL
  httpCode: number; // 0 when absent
  latencyNs: string; // 64-bit as string, "" when absent
  dnsQuery: string;
  encrypted: boolean;
  authType: string; // e.g. SPIRE when mutually authenticated, "" otherwise
  policies: string[]; // "allowed:ns/name" / "denied:ns/name"
  summary: string; // Hubble's Summary field
}

export interface EventSummary {
  id: string; // derived from content: the same event always gets the same id
  ts: number; // microseconds since the epoch
  time: string;
  node: string;
  kind: string; // process_exec, process_exit, process_kprobe, ...
  namespace: string; // "" for host processes
  pod: string;
  container: string; // container name
  image: string;
  workload: string;
  labels: string[]; // "k=v" pod labels
  binary: string;
  args: string;
  cwd: string;
  pid: number;
  uid: number | null;
  execId: string;
  parentExecId: string;
  parentBinary: string;
  startTime: string; // process start_time
  procFs: boolean; // flags carry "procFS": the agent reported the process from its start-up /proc scan
  functionName: string; // kprobe/lsm/tracepoint (subsys:event) function
  policyName: string;
  action: string;
  signal: string; // process_exit
  status: number | null; // process_exit
  capabilities: string[]; // effective set
  sock: SockSummary | null; // first sock_arg of a kprobe
  filePath: string; // first file/path argument of a kprobe
}

export interface SockSummary {
  protocol: string; // IPPROTO_TCP
  saddr: string;
  daddr: string;
  sport: number;
  dport: number;
  state: string;
  cookie: string;
}

/** What the API lists answer per item: id, summary columns, and the upstream object. */
export type ListItem<S, E> = S & { event: E };
