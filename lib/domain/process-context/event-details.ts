/**
 * What the /events/<id> summary shows, read from the upstream object: the process (binary,
 * arguments, cwd, user, start), its pod and container, capabilities and Linux namespaces, and the
 * kind-specific part (exit status or signal, hook and arguments). Every field is optional in
 * protojson, so absent means "the agent did not say", shown as such — never guessed.
 */
import { eventKindOf } from '@/lib/domain/event-summary';
import type { KprobeArgumentJson, NamespacesJson, ProcessJson, TetragonEventJson } from '@/lib/domain/wire-types';

export interface NamespaceDetail {
  kind: string;
  inum: number | null;
  isHost: boolean;
}

export interface ProcessDetails {
  execId: string;
  parentExecId: string;
  binary: string;
  args: string;
  cwd: string;
  pid: number | null;
  tid: number | null;
  uid: number | null;
  auid: number | null; // 4294967295 = unset, shown as such
  user: string;
  flags: string;
  startTime: string;
  pod: {
    namespace: string;
    name: string;
    uid: string;
    labels: [string, string][];
    workload: string;
    workloadKind: string;
  } | null;
  container: {
    name: string;
    id: string;
    image: string;
    imageId: string;
    startTime: string;
    pid: number | null; // pid inside the container
    privileged: boolean | null;
  } | null;
  /** null when the agent sent no capabilities (they are off unless enabled). */
  caps: { effective: string[]; permitted: string[]; inheritable: string[] } | null;
  namespaces: NamespaceDetail[];
}

export interface EventDetails {
  kind: string;
  node: string;
  cluster: string;
  time: string;
  process: ProcessDetails | null;
  parent: ProcessDetails | null;
  exit: { signal: string; status: number; time: string } | null;
  hook: { functionName: string; policy: string; action: string; message: string; tags: string[]; args: string[] } | null;
}

const NAMESPACE_ORDER = ['uts', 'ipc', 'mnt', 'pid', 'pid_for_children', 'net', 'time', 'time_for_children', 'cgroup', 'user'] as const;
export const AUID_UNSET = 4294967295;

function namespaces(ns: NamespacesJson | undefined): NamespaceDetail[] {
  if (!ns) return [];
  const out: NamespaceDetail[] = [];
  for (const kind of NAMESPACE_ORDER) {
    const n = ns[kind];
    if (n) out.push({ kind, inum: typeof n.inum === 'number' ? n.inum : null, isHost: n.is_host === true });
  }
  return out;
}

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

export function processDetails(p: ProcessJson): ProcessDetails {
  const pod = p.pod;
  const c = pod?.container;
  return {
    execId: p.exec_id ?? '',
    parentExecId: p.parent_exec_id ?? '',
    binary: p.binary ?? '',
    args: p.arguments ?? '',
    cwd: p.cwd ?? '',
    pid: num(p.pid),
    tid: num(p.tid),
    uid: num(p.uid),
    auid: num(p.auid),
    user: p.user?.name ?? '',
    flags: p.flags ?? '',
    startTime: p.start_time ?? '',
    pod: pod?.name
      ? {
          namespace: pod.namespace ?? '',
          name: pod.name,
          uid: pod.uid ?? '',
          labels: Object.entries(pod.pod_labels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
          workload: pod.workload ?? '',
          workloadKind: pod.workload_kind ?? '',
        }
      : null,
    container: c
      ? {
          name: c.name ?? '',
          id: c.id ?? '',
          image: c.image?.name ?? '',
          imageId: c.image?.id ?? '',
          startTime: c.start_time ?? '',
          pid: num(c.pid),
          privileged: typeof c.security_context?.privileged === 'boolean' ? c.security_context.privileged : null,
        }
      : null,
    caps: p.cap ? { effective: p.cap.effective ?? [], permitted: p.cap.permitted ?? [], inheritable: p.cap.inheritable ?? [] } : null,
    namespaces: namespaces(p.ns),
  };
}

interface AnyBody {
  process?: ProcessJson;
  parent?: ProcessJson;
  signal?: string;
  status?: number;
  time?: string;
  function_name?: string;
  subsys?: string;
  event?: string;
  policy_name?: string;
  action?: string;
  message?: string;
  tags?: string[];
  args?: KprobeArgumentJson[];
  symbol?: string;
  path?: string;
}

export function eventDetails(e: TetragonEventJson): EventDetails {
  const kind = eventKindOf(e) ?? 'unknown';
  const body = ((e as Record<string, unknown>)[kind] ?? {}) as AnyBody;
  const isHook = kind !== 'process_exec' && kind !== 'process_exit' && kind !== 'unknown';
  return {
    kind,
    node: e.node_name ?? '',
    cluster: e.cluster_name ?? '',
    time: e.time ?? '',
    process: body.process ? processDetails(body.process) : null,
    parent: body.parent ? processDetails(body.parent) : null,
    exit: kind === 'process_exit' ? { signal: body.signal ?? '', status: body.status ?? 0, time: body.time ?? '' } : null,
    hook: isHook
      ? {
          functionName: body.function_name ?? (body.subsys ? `${body.subsys}:${body.event ?? ''}` : (body.symbol ?? body.path ?? '')),
          policy: body.policy_name ?? '',
          action: body.action ?? '',
          message: body.message ?? '',
          tags: body.tags ?? [],
          args: (body.args ?? []).map(describeArgument),
        }
      : null,
  };
}

/** One kprobe argument as a line: "sock tcp 10.244.1.17:45200 → 10.244.2.31:80 TCP_SYN_SENT". */
export function describeArgument(a: KprobeArgumentJson): string {
  const label = a.label ? `${a.label}: ` : '';
  if (a.sock_arg) {
    const s = a.sock_arg;
    const proto = (s.protocol ?? '').replace(/^IPPROTO_/, '').toLowerCase();
    return `${label}sock ${proto} ${s.saddr ?? '?'}:${s.sport ?? 0} → ${s.daddr ?? '?'}:${s.dport ?? 0}${s.state ? ` ${s.state}` : ''}${s.cookie ? ` cookie ${s.cookie}` : ''}`;
  }
  if (a.file_arg) return `${label}file ${a.file_arg.path ?? ''}${a.file_arg.permission ? ` ${a.file_arg.permission}` : ''}`;
  if (a.path_arg) return `${label}path ${a.path_arg.path ?? ''}${a.path_arg.permission ? ` ${a.path_arg.permission}` : ''}`;
  if (a.linux_binprm_arg) return `${label}binprm ${a.linux_binprm_arg.path ?? ''}`;
  if (a.string_arg !== undefined) return `${label}string ${a.string_arg}`;
  if (a.int_arg !== undefined) return `${label}int ${a.int_arg}`;
  if (a.uint_arg !== undefined) return `${label}uint ${a.uint_arg}`;
  if (a.long_arg !== undefined) return `${label}long ${a.long_arg}`;
  if (a.size_arg !== undefined) return `${label}size ${a.size_arg}`;
  if (a.capability_arg) return `${label}capability ${a.capability_arg.name ?? a.capability_arg.value ?? ''}`;
  if (a.sockaddr_arg) return `${label}sockaddr ${a.sockaddr_arg.addr ?? ''}:${a.sockaddr_arg.port ?? 0}`;
  if (a.bytes_arg !== undefined) return `${label}bytes (base64) ${a.bytes_arg}`;
  if (a.truncated_bytes_arg) return `${label}bytes (truncated, ${a.truncated_bytes_arg.orig_size ?? '?'} in all)`;
  const key = Object.keys(a).find((k) => k !== 'label');
  return `${label}${key ?? 'empty'}`;
}

/**
 * Capabilities that let a container reach past its own boundary (admin of the host's kernel,
 * network, tracing, modules, raw devices): highlighted wherever a process's set is shown.
 */
export const RISKY_CAPABILITIES: ReadonlySet<string> = new Set([
  'CAP_SYS_ADMIN',
  'CAP_NET_ADMIN',
  'CAP_SYS_PTRACE',
  'CAP_SYS_MODULE',
  'CAP_SYS_RAWIO',
  'CAP_BPF',
  'CAP_PERFMON',
  'CAP_DAC_READ_SEARCH',
  'CAP_SYS_BOOT',
  'CAP_MAC_ADMIN',
]);
