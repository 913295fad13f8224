/**
 * What the /events/<id> summary shows, read from the upstream object: the process (binary,
 * arguments, cwd, user, start), its pod and container, capabilities and Linux namespaces, and the
 * kind-specific part (exit status or signal, hook and arguments). Every field is optional in
 * protojson, so absent means "the agent did not say", shown as such — never guessed.
 */
import { eventKindOf } from '@/lib/domain/event-summary';
import type { KprobeArgumentJson, NamespacesJson, ProcessJson, TetragonEventJson } from '@/lib/domain/wire-types';
import { describeArgument } from './kprobe-argument';
import { kindFacts, type KindFact } from './kind-facts';

export { describeArgument };

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
  /** What this kind adds (probe target, loader, IMA hash, throttle, lost events …), in order; [] for exec/exit. */
  facts: KindFact[];
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
  provider?: string;
  name?: string;
}

export function eventDetails(e: TetragonEventJson): EventDetails {
  const kind = eventKindOf(e) ?? 'unknown';
  const body = ((e as Record<string, unknown>)[kind] ?? {}) as AnyBody;
  const isHook = kind !== 'process_exec' && kind !== 'process_exit' && kind !== 'process_throttle' && kind !== 'process_loader' && kind !== 'unknown';
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
          functionName: body.function_name ?? (body.subsys ? `${body.subsys}:${body.event ?? ''}` : body.provider || body.name ? `${body.provider ?? ''}:${body.name ?? ''}` : (body.symbol ?? body.path ?? '')),
          policy: body.policy_name ?? '',
          action: body.action ?? '',
          message: body.message ?? '',
          tags: body.tags ?? [],
          args: (body.args ?? []).map(describeArgument),
        }
      : null,
    facts: kindFacts(e),
  };
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
