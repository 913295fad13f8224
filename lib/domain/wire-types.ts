/**
 * The upstream protojson shapes Holocron stores, exports and reasons about: one line of
 * `tetra getevents -o json` (TetragonEventJson) or `hubble observe -o json` (HubbleFlowJson).
 *
 * These describe the JSON after protojson rules (proto field names, enum names, 64-bit values as
 * strings, wrappers bare, zero scalars omitted) — so nearly everything is optional. Only the
 * fields Holocron reads are typed; the stored object keeps every field it was given.
 */

export type Timestamp = string; // RFC 3339, UTC, "Z", 0/3/6/9 fractional digits
export type Int64String = string;

// ---------- Tetragon ----------

export interface ContainerImageJson { id?: string; name?: string }
export interface ContainerJson {
  id?: string;
  name?: string;
  image?: ContainerImageJson;
  start_time?: Timestamp;
  pid?: number;
  maybe_exec_probe?: boolean;
  security_context?: { privileged?: boolean };
}
export interface PodJson {
  namespace?: string;
  name?: string;
  uid?: string;
  container?: ContainerJson;
  pod_labels?: Record<string, string>;
  workload?: string;
  workload_kind?: string;
  pod_annotations?: Record<string, string>;
}
export interface CapabilitiesJson { permitted?: string[]; effective?: string[]; inheritable?: string[] }
export interface NamespaceJson { inum?: number; is_host?: boolean }
export type NamespacesJson = Partial<Record<
  'uts' | 'ipc' | 'mnt' | 'pid' | 'pid_for_children' | 'net' | 'time' | 'time_for_children' | 'cgroup' | 'user',
  NamespaceJson
>>;

export interface ProcessJson {
  exec_id?: string;
  pid?: number;
  uid?: number;
  cwd?: string;
  binary?: string;
  arguments?: string;
  flags?: string;
  start_time?: Timestamp;
  auid?: number;
  pod?: PodJson;
  docker?: string;
  parent_exec_id?: string;
  refcnt?: number;
  cap?: CapabilitiesJson;
  ns?: NamespacesJson;
  tid?: number;
  process_credentials?: Record<string, unknown>;
  binary_properties?: Record<string, unknown>;
  user?: { name?: string };
  in_init_tree?: boolean;
}

export interface KprobeSockJson {
  family?: string;
  type?: string;
  protocol?: string;
  mark?: number;
  priority?: number;
  saddr?: string;
  daddr?: string;
  sport?: number;
  dport?: number;
  cookie?: Int64String;
  state?: string;
}
export interface KprobePathJson { mount?: string; path?: string; flags?: string; permission?: string }
export interface KprobeArgumentJson {
  string_arg?: string;
  int_arg?: number;
  skb_arg?: Record<string, unknown>;
  size_arg?: Int64String;
  bytes_arg?: string; // base64
  path_arg?: KprobePathJson;
  file_arg?: KprobePathJson;
  truncated_bytes_arg?: { bytes_arg?: string; orig_size?: Int64String };
  sock_arg?: KprobeSockJson;
  cred_arg?: Record<string, unknown>;
  long_arg?: Int64String;
  uint_arg?: number;
  capability_arg?: { value?: Int64String; name?: string };
  linux_binprm_arg?: { path?: string; flags?: string; permission?: string };
  sockaddr_arg?: { family?: string; addr?: string; port?: number };
  label?: string;
}

export interface ProcessExecJson { process?: ProcessJson; parent?: ProcessJson; ancestors?: ProcessJson[] }
export interface ProcessExitJson {
  process?: ProcessJson;
  parent?: ProcessJson;
  signal?: string;
  status?: number;
  time?: Timestamp;
  ancestors?: ProcessJson[];
}
export interface ProcessKprobeJson {
  process?: ProcessJson;
  parent?: ProcessJson;
  function_name?: string;
  args?: KprobeArgumentJson[];
  return?: KprobeArgumentJson;
  action?: string;
  policy_name?: string;
  return_action?: string;
  message?: string;
  tags?: string[];
  ancestors?: ProcessJson[];
}
export interface ProcessTracepointJson {
  process?: ProcessJson;
  parent?: ProcessJson;
  subsys?: string;
  event?: string;
  args?: KprobeArgumentJson[];
  policy_name?: string;
  action?: string;
  message?: string;
  tags?: string[];
  ancestors?: ProcessJson[];
}
export interface ProcessLsmJson {
  process?: ProcessJson;
  parent?: ProcessJson;
  function_name?: string;
  policy_name?: string;
  message?: string;
  args?: KprobeArgumentJson[];
  action?: string;
  tags?: string[];
  ancestors?: ProcessJson[];
}
export interface ProcessUprobeJson {
  process?: ProcessJson;
  parent?: ProcessJson;
  path?: string;
  symbol?: string;
  policy_name?: string;
  message?: string;
  args?: KprobeArgumentJson[];
  tags?: string[];
  ancestors?: ProcessJson[];
}

/** The oneof member names of GetEventsResponse that carry a process event. */
export const PROCESS_EVENT_KINDS = [
  'process_exec',
  'process_exit',
  'process_kprobe',
  'process_tracepoint',
  'process_loader',
  'process_uprobe',
  'process_throttle',
  'process_lsm',
  'process_usdt',
] as const;
export type ProcessEventKind = (typeof PROCESS_EVENT_KINDS)[number];

/** One line of `tetra getevents -o json`. Exactly one of the oneof members is present. */
export interface TetragonEventJson {
  process_exec?: ProcessExecJson;
  process_exit?: ProcessExitJson;
  process_kprobe?: ProcessKprobeJson;
  process_tracepoint?: ProcessTracepointJson;
  process_loader?: { process?: ProcessJson; path?: string };
  process_uprobe?: ProcessUprobeJson;
  process_throttle?: Record<string, unknown>;
  process_lsm?: ProcessLsmJson;
  process_usdt?: Record<string, unknown>;
  test?: Record<string, unknown>;
  rate_limit_info?: { number_of_dropped_process_events?: Int64String };
  node_name?: string;
  time?: Timestamp;
  aggregation_info?: Record<string, unknown>;
  cluster_name?: string;
  node_labels?: Record<string, string>;
}

// ---------- Hubble ----------

export interface WorkloadJson { name?: string; kind?: string }
export interface EndpointJson {
  ID?: number;
  identity?: number;
  namespace?: string;
  labels?: string[]; // "k8s:app=x"
  pod_name?: string;
  workloads?: WorkloadJson[];
  cluster_name?: string;
}
export interface PolicyJson { name?: string; namespace?: string; labels?: string[]; revision?: Int64String; kind?: string }
export interface TcpFlagsJson {
  FIN?: boolean; SYN?: boolean; RST?: boolean; PSH?: boolean; ACK?: boolean;
  URG?: boolean; ECE?: boolean; CWR?: boolean; NS?: boolean;
}
export interface PortsJson { source_port?: number; destination_port?: number }
export interface Layer4Json {
  TCP?: PortsJson & { flags?: TcpFlagsJson };
  UDP?: PortsJson;
  ICMPv4?: { type?: number; code?: number };
  ICMPv6?: { type?: number; code?: number };
  SCTP?: PortsJson;
}
export interface HttpJson {
  code?: number;
  method?: string;
  url?: string;
  protocol?: string;
  headers?: { key?: string; value?: string }[];
}
export interface DnsJson { query?: string; ips?: string[]; ttl?: number; cnames?: string[]; rcode?: number; qtypes?: string[] }
export interface Layer7Json {
  type?: 'UNKNOWN_L7_TYPE' | 'REQUEST' | 'RESPONSE' | 'SAMPLE' | string;
  latency_ns?: Int64String;
  dns?: DnsJson;
  http?: HttpJson;
  kafka?: Record<string, unknown>;
}
export interface ServiceJson { name?: string; namespace?: string }

export interface FlowJson {
  time?: Timestamp;
  uuid?: string;
  verdict?: string;
  drop_reason_desc?: string;
  ethernet?: { source?: string; destination?: string };
  IP?: { source?: string; destination?: string; ipVersion?: string; encrypted?: boolean };
  l4?: Layer4Json;
  source?: EndpointJson;
  destination?: EndpointJson;
  Type?: string;
  node_name?: string;
  source_names?: string[];
  destination_names?: string[];
  l7?: Layer7Json;
  event_type?: { type?: number; sub_type?: number };
  source_service?: ServiceJson;
  destination_service?: ServiceJson;
  traffic_direction?: string;
  policy_match_type?: number;
  trace_observation_point?: string;
  is_reply?: boolean;
  socket_cookie?: Int64String;
  cgroup_id?: Int64String;
  auth_type?: string;
  Summary?: string;
  egress_allowed_by?: PolicyJson[];
  ingress_allowed_by?: PolicyJson[];
  egress_denied_by?: PolicyJson[];
  ingress_denied_by?: PolicyJson[];
}

/** One line of `hubble observe -o json`. */
export interface HubbleFlowJson {
  flow?: FlowJson;
  node_status?: { state_change?: string; node_names?: string[]; message?: string };
  lost_events?: { source?: string; num_events_lost?: Int64String; cpu?: number };
  node_name?: string;
  time?: Timestamp;
}
