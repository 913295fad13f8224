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
  process_credentials?: ProcessCredentialsJson;
  binary_properties?: BinaryPropertiesJson;
  user?: { name?: string };
  in_init_tree?: boolean;
  environment_variables?: { Key?: string; Value?: string }[];
}

export interface UserNamespaceJson { level?: number; uid?: number; gid?: number; ns?: NamespaceJson }
export interface ProcessCredentialsJson {
  uid?: number; gid?: number; euid?: number; egid?: number; suid?: number; sgid?: number; fsuid?: number; fsgid?: number;
  securebits?: string[];
  caps?: CapabilitiesJson;
  user_ns?: UserNamespaceJson;
}
export interface BinaryPropertiesJson {
  setuid?: number;
  setgid?: number;
  privileges_changed?: string[]; // PRIVILEGES_RAISED_EXEC_FILE_CAP …
  file?: { inode?: { number?: Int64String; links?: number }; path?: string };
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
export interface KprobeSkbJson {
  hash?: number; len?: number; priority?: number; mark?: number;
  saddr?: string; daddr?: string; sport?: number; dport?: number; proto?: number;
  sec_path_len?: number; sec_path_olen?: number; protocol?: string; family?: string;
}
/** One hook argument: exactly one of the `*_arg` members (the oneof `arg`), plus its label. */
export interface KprobeArgumentJson {
  string_arg?: string;
  int_arg?: number;
  skb_arg?: KprobeSkbJson;
  size_arg?: Int64String;
  bytes_arg?: string; // base64
  path_arg?: KprobePathJson;
  file_arg?: KprobePathJson;
  truncated_bytes_arg?: { bytes_arg?: string; orig_size?: Int64String };
  sock_arg?: KprobeSockJson;
  cred_arg?: CapabilitiesJson;
  long_arg?: Int64String;
  bpf_attr_arg?: { ProgType?: string; InsnCnt?: number; ProgName?: string };
  perf_event_arg?: { KprobeFunc?: string; Type?: string; Config?: Int64String; ProbeOffset?: Int64String };
  bpf_map_arg?: { MapType?: string; KeySize?: number; ValueSize?: number; MaxEntries?: number; MapName?: string };
  uint_arg?: number;
  user_namespace_arg?: { level?: number; owner?: number; group?: number; ns?: NamespaceJson };
  capability_arg?: { value?: number; name?: string };
  process_credentials_arg?: ProcessCredentialsJson;
  user_ns_arg?: UserNamespaceJson;
  module_arg?: { name?: string; signature_ok?: boolean; tainted?: string[] };
  kernel_cap_t_arg?: string;
  cap_inheritable_arg?: string;
  cap_permitted_arg?: string;
  cap_effective_arg?: string;
  linux_binprm_arg?: { path?: string; flags?: string; permission?: string };
  net_dev_arg?: { name?: string };
  bpf_cmd_arg?: string | number; // BpfCmd name (a number when newer than this schema)
  syscall_id?: { id?: number; abi?: string };
  sockaddr_arg?: { family?: string; addr?: string; port?: number };
  bpf_prog_arg?: { ProgType?: string; InsnCnt?: number; ProgName?: string };
  error_arg?: { Message?: string };
  sockaddrun_arg?: { family?: string; path?: string };
  label?: string;
}

export interface StackTraceEntryJson { address?: Int64String; offset?: Int64String; symbol?: string; module?: string }

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
  kernel_stack_trace?: StackTraceEntryJson[];
  user_stack_trace?: StackTraceEntryJson[];
  ancestors?: ProcessJson[];
  data?: KprobeArgumentJson[];
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
  ima_hash?: string; // "sha256:…"
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
  offset?: Int64String;
  ref_ctr_offset?: Int64String;
  action?: string;
  data?: KprobeArgumentJson[];
}
export interface ProcessUsdtJson {
  process?: ProcessJson;
  parent?: ProcessJson;
  path?: string;
  provider?: string;
  name?: string;
  policy_name?: string;
  message?: string;
  args?: KprobeArgumentJson[];
  tags?: string[];
  ancestors?: ProcessJson[];
  action?: string;
  flags?: string;
}
export interface ProcessLoaderJson {
  process?: ProcessJson;
  path?: string;
  buildid?: string; // base64
  parent?: ProcessJson;
  ancestors?: ProcessJson[];
}
/** Tetragon throttles a cgroup that sends too many events: THROTTLE_START … THROTTLE_STOP. */
export interface ProcessThrottleJson {
  type?: 'THROTTLE_UNKNOWN' | 'THROTTLE_START' | 'THROTTLE_STOP' | number;
  cgroup?: string;
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

/**
 * The other GetEventsResponse members, stored in the events table too (in place, as `tetra
 * getevents` prints them): the agent's rate-limit loss notices and its test events.
 */
export const TETRAGON_NOTICE_KINDS = ['rate_limit_info', 'test'] as const;
export type TetragonNoticeKind = (typeof TETRAGON_NOTICE_KINDS)[number];

/** One line of `tetra getevents -o json`. Exactly one of the oneof members is present. */
export interface TetragonEventJson {
  process_exec?: ProcessExecJson;
  process_exit?: ProcessExitJson;
  process_kprobe?: ProcessKprobeJson;
  process_tracepoint?: ProcessTracepointJson;
  process_loader?: ProcessLoaderJson;
  process_uprobe?: ProcessUprobeJson;
  process_throttle?: ProcessThrottleJson;
  process_lsm?: ProcessLsmJson;
  process_usdt?: ProcessUsdtJson;
  test?: { arg0?: Int64String; arg1?: Int64String; arg2?: Int64String; arg3?: Int64String };
  rate_limit_info?: { number_of_dropped_process_events?: Int64String };
  node_name?: string;
  time?: Timestamp;
  aggregation_info?: { count?: Int64String };
  cluster_name?: string;
  node_labels?: Record<string, string>;
  _holocron?: HolocronMarks;
}

/**
 * What Holocron adds to a stored line, under a key no protobuf field can have (proto names start
 * with a letter): the time it was received when the agent sent none, and what the decoder could
 * not name (field numbers this schema lacks, as their wire bytes in base64, by jq path). Export
 * leaves it out; the API and the inspector show it.
 */
export interface HolocronMarks {
  received_time?: Timestamp; // the line had no top-level time: stored at this receive time
  unknown_fields?: { path: string; bytes: string }[];
  unknown_enums?: string[]; // jq paths of enum numbers this schema has no name for
  unknown_keys?: string[]; // import: jq paths of keys or enum names this schema does not know
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
  VRRP?: { type?: number; vrid?: number; priority?: number };
  IGMP?: { type?: number; group_address?: string };
}
export interface IpJson { source?: string; source_xlated?: string; destination?: string; ipVersion?: string; encrypted?: boolean }
export interface HttpJson {
  code?: number;
  method?: string;
  url?: string;
  protocol?: string;
  headers?: { key?: string; value?: string }[];
}
export interface DnsJson {
  query?: string;
  ips?: string[];
  ttl?: number;
  cnames?: string[];
  observation_source?: string;
  rcode?: number;
  qtypes?: string[];
  rrtypes?: string[];
}
export interface KafkaJson { error_code?: number; api_version?: number; api_key?: string; correlation_id?: number; topic?: string }
export interface Layer7Json {
  type?: 'UNKNOWN_L7_TYPE' | 'REQUEST' | 'RESPONSE' | 'SAMPLE' | string;
  latency_ns?: Int64String;
  dns?: DnsJson;
  http?: HttpJson;
  kafka?: KafkaJson;
}
export interface ServiceJson { name?: string; namespace?: string }

export interface FlowJson {
  time?: Timestamp;
  uuid?: string;
  emitter?: { name?: string; version?: string };
  verdict?: string;
  drop_reason?: number; // deprecated upstream: drop_reason_desc names it
  drop_reason_desc?: string | number; // a number when newer than this schema
  auth_type?: string;
  ethernet?: { source?: string; destination?: string };
  IP?: IpJson;
  l4?: Layer4Json;
  tunnel?: { protocol?: string; IP?: IpJson; l4?: Layer4Json; vni?: number };
  source?: EndpointJson;
  destination?: EndpointJson;
  Type?: string;
  node_name?: string;
  node_labels?: string[];
  source_names?: string[];
  destination_names?: string[];
  l7?: Layer7Json;
  reply?: boolean; // deprecated upstream: is_reply says it, and says when it is unknown
  event_type?: { type?: number; sub_type?: number };
  source_service?: ServiceJson;
  destination_service?: ServiceJson;
  traffic_direction?: string;
  policy_match_type?: number;
  trace_observation_point?: string;
  trace_reason?: string;
  file?: { name?: string; line?: number };
  ip_trace_id?: { trace_id?: Int64String; ip_option_type?: number };
  is_reply?: boolean;
  debug_capture_point?: string;
  interface?: { index?: number; name?: string };
  proxy_port?: number;
  trace_context?: { parent?: { trace_id?: string } };
  sock_xlate_point?: string;
  socket_cookie?: Int64String;
  cgroup_id?: Int64String;
  Summary?: string;
  extensions?: Record<string, unknown>; // google.protobuf.Any
  egress_allowed_by?: PolicyJson[];
  ingress_allowed_by?: PolicyJson[];
  egress_denied_by?: PolicyJson[];
  ingress_denied_by?: PolicyJson[];
  policy_log?: string[];
  aggregate?: { ingress_flow_count?: number; egress_flow_count?: number; unknown_direction_flow_count?: number };
}

export interface LostEventJson {
  source?: 'UNKNOWN_LOST_EVENT_SOURCE' | 'PERF_EVENT_RING_BUFFER' | 'OBSERVER_EVENTS_QUEUE' | 'HUBBLE_RING_BUFFER' | string | number;
  num_events_lost?: Int64String;
  cpu?: number;
  first?: Timestamp;
  last?: Timestamp;
}
export interface NodeStatusJson {
  state_change?: 'UNKNOWN_NODE_STATE' | 'NODE_CONNECTED' | 'NODE_UNAVAILABLE' | 'NODE_GONE' | 'NODE_ERROR' | string | number;
  node_names?: string[];
  message?: string;
}

/** One line of `hubble observe -o json`: a flow, or a loss or node-status notice (stored in place too). */
export interface HubbleFlowJson {
  flow?: FlowJson;
  node_status?: NodeStatusJson;
  lost_events?: LostEventJson;
  node_name?: string;
  time?: Timestamp;
  _holocron?: HolocronMarks;
}

/** The GetFlowsResponse members that are not flows: stored in the flows table as loss/status lines. */
export const HUBBLE_NOTICE_KINDS = ['lost_events', 'node_status'] as const;
