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
export interface KprobeSkbJson {
  hash?: number; len?: number; priority?: number; mark?: number;
  saddr?: string; daddr?: string; sport?: number; dport?: number;
  proto?: number; sec_path_len?: number; sec_path_olen?: number; protocol?: string; family?: string;
}
export interface UserNamespaceJson { level?: number; uid?: number; gid?: number; ns?: NamespaceJson }
export interface ProcessCredentialsJson {
  uid?: number; gid?: number; euid?: number; egid?: number; suid?: number; sgid?: number; fsuid?: number; fsgid?: number;
  securebits?: string[];
  caps?: CapabilitiesJson;
  user_ns?: UserNamespaceJson;
}
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
  bpf_cmd_arg?: string | number; // an enum: its name, or the number when this version has no name for it
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
  kernel_stack_trace?: StackTraceEntryJson[];
  user_stack_trace?: StackTraceEntryJson[];
  data?: KprobeArgumentJson[];
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
  ima_hash?: string;
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
export interface ProcessLoaderJson { process?: ProcessJson; path?: string; buildid?: string /* base64 */; parent?: ProcessJson; ancestors?: ProcessJson[] }
/** THROTTLE_START / THROTTLE_STOP for one cgroup; the event names no process. */
export interface ProcessThrottleJson { type?: string | number; cgroup?: string }

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
  process_loader?: ProcessLoaderJson;
  process_uprobe?: ProcessUprobeJson;
  process_throttle?: ProcessThrottleJson;
  process_lsm?: ProcessLsmJson;
  process_usdt?: ProcessUsdtJson;
  test?: Record<string, unknown>;
  rate_limit_info?: { number_of_dropped_process_events?: Int64String };
  node_name?: string;
  time?: Timestamp;
  aggregation_info?: { count?: Int64String };
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
  VRRP?: { type?: number; vrid?: number; priority?: number };
  IGMP?: { type?: number; group_address?: string };
}
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
export interface IpJson { source?: string; source_xlated?: string; destination?: string; ipVersion?: string; encrypted?: boolean }

export interface FlowJson {
  time?: Timestamp;
  uuid?: string;
  verdict?: string;
  drop_reason_desc?: string;
  ethernet?: { source?: string; destination?: string };
  IP?: IpJson;
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
  emitter?: { name?: string; version?: string };
  tunnel?: { protocol?: string | number; IP?: IpJson; l4?: Layer4Json; vni?: number };
  node_labels?: string[];
  reply?: boolean;
  trace_reason?: string | number;
  file?: { name?: string; line?: number };
  ip_trace_id?: { trace_id?: Int64String; ip_option_type?: number };
  debug_capture_point?: string | number;
  interface?: { index?: number; name?: string };
  proxy_port?: number;
  trace_context?: { parent?: { trace_id?: string } };
  sock_xlate_point?: string | number;
  drop_reason?: number;
  policy_log?: string[];
  aggregate?: { ingress_flow_count?: number; egress_flow_count?: number; unknown_direction_flow_count?: number };
  /** google.protobuf.Any in protojson: "@type" plus the message's fields (or "value" for well-known types). */
  extensions?: Record<string, unknown>;
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
  lost_events?: { source?: string | number; num_events_lost?: Int64String; cpu?: number; first?: Timestamp; last?: Timestamp };
  node_name?: string;
  time?: Timestamp;
}
