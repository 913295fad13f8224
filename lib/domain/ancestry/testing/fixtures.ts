/**
 * Typed builders for stored Tetragon events, in the shapes of WIRE.md, for tests anywhere in the
 * repo. Times are given as milliseconds after a fixed BASE_MS so tests read like the incident
 * timeline ("T+15.2s"). The summary columns are derived from the upstream object the same way for
 * every builder, so a test can never hold a summary that disagrees with its JSON.
 */
import type { StoredEvent } from '@/lib/domain/ancestry/stored-event';
import type { KprobeArgumentJson, KprobeSockJson, ProcessJson, TetragonEventJson } from '@/lib/domain/wire-types';

export const BASE_MS = Date.UTC(2026, 10, 22, 9, 14, 0);

/** RFC 3339 of BASE_MS + ms; fractional ms become 6 or 9 fractional digits. */
export function isoAt(ms: number): string {
  const totalNs = Math.round(ms * 1e6);
  const wholeMs = Math.floor(totalNs / 1e6);
  const subNs = totalNs - wholeMs * 1e6;
  const iso = new Date(BASE_MS + wholeMs).toISOString();
  return subNs ? `${iso.slice(0, -1)}${String(subNs).padStart(6, '0')}Z` : iso;
}
export const usAt = (ms: number): number => BASE_MS * 1000 + Math.round(ms * 1000);
export const nsAt = (ms: number): number => BASE_MS * 1e6 + Math.round(ms * 1e6);

export interface PodSpec {
  namespace: string;
  name: string;
  container: string;
  labels: Record<string, string>;
  workload: string;
  workloadKind: string;
}

export const PODS = {
  tiefighter: { namespace: 'default', name: 'tiefighter', container: 'spaceship', labels: { org: 'empire', class: 'tiefighter' }, workload: 'tiefighter', workloadKind: 'Pod' },
  deathstar: { namespace: 'default', name: 'deathstar-6c94dcc57b-7xk2p', container: 'deathstar', labels: { org: 'empire', class: 'deathstar' }, workload: 'deathstar', workloadKind: 'Deployment' },
  xwing: { namespace: 'default', name: 'xwing', container: 'spaceship', labels: { org: 'alliance', class: 'xwing' }, workload: 'xwing', workloadKind: 'Pod' },
} satisfies Record<string, PodSpec>;

export interface ProcSpec {
  execId: string;
  parentExecId: string;
  pid: number;
  binary: string;
  args: string;
  cwd: string;
  uid: number;
  startMs: number;
  node: string;
  pod: PodSpec | null;
}

/** Tetragon's exec_id: base64("<node>:<kernel start ns>:<pid>"). */
export function makeExecId(node: string, startMs: number, pid: number): string {
  const ktimeNs = 4_534_000_000_000 + Math.round(startMs * 1e6);
  return btoa(`${node}:${ktimeNs}:${pid}`);
}

/** A process; `parent` may be another spec, a bare exec_id (a parent never seen), or null. */
export function proc(spec: {
  pid: number;
  binary: string;
  args?: string;
  startMs?: number;
  pod?: PodSpec | null;
  parent?: ProcSpec | string | null;
  node?: string;
  execId?: string;
  cwd?: string;
  uid?: number;
}): ProcSpec {
  const node = spec.node ?? 'kind-worker';
  const startMs = spec.startMs ?? 0;
  const parent = spec.parent ?? null;
  return {
    execId: spec.execId ?? makeExecId(node, startMs, spec.pid),
    parentExecId: parent === null ? '' : typeof parent === 'string' ? parent : parent.execId,
    pid: spec.pid,
    binary: spec.binary,
    args: spec.args ?? '',
    cwd: spec.cwd ?? '/',
    uid: spec.uid ?? 0,
    startMs,
    node,
    pod: spec.pod ?? null,
  };
}

export function processJson(p: ProcSpec): ProcessJson {
  const json: ProcessJson = {
    exec_id: p.execId,
    pid: p.pid,
    uid: p.uid,
    cwd: p.cwd,
    binary: p.binary,
    flags: 'execve clone',
    start_time: isoAt(p.startMs),
    auid: 4294967295,
    tid: p.pid,
  };
  if (p.args) json.arguments = p.args;
  if (p.parentExecId) json.parent_exec_id = p.parentExecId;
  if (p.pod) {
    json.pod = {
      namespace: p.pod.namespace,
      name: p.pod.name,
      container: { id: 'containerd://0ed7f0a2f9f4', name: p.pod.container, image: { name: 'quay.io/cilium/starwars:v2.1' } },
      pod_labels: p.pod.labels,
      workload: p.pod.workload,
      workload_kind: p.pod.workloadKind,
    };
  }
  return json;
}

type Embedded = ProcSpec | ProcessJson | null | undefined;
const embed = (parent: Embedded): ProcessJson | undefined =>
  !parent ? undefined : 'startMs' in parent ? processJson(parent) : parent;

/** `flags` replaces the process's "execve clone" (e.g. "procFS …" for what the agent found running at start). */
export function execEvent(p: ProcSpec, opts: { parent?: Embedded; atMs?: number; flags?: string } = {}): StoredEvent {
  const process = processJson(p);
  if (opts.flags !== undefined) process.flags = opts.flags;
  return stored({ process_exec: { process, parent: embed(opts.parent) } }, p.node, opts.atMs ?? p.startMs);
}

export function exitEvent(
  p: ProcSpec,
  opts: { atMs: number; signal?: string; status?: number; parent?: Embedded },
): StoredEvent {
  const body = { process: processJson(p), parent: embed(opts.parent), time: isoAt(opts.atMs) } as const;
  return stored(
    { process_exit: { ...body, ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.status ? { status: opts.status } : {}) } },
    p.node,
    opts.atMs,
  );
}

export function kprobeEvent(
  p: ProcSpec,
  opts: { atMs: number; functionName: string; args?: KprobeArgumentJson[]; policyName?: string; parent?: Embedded },
): StoredEvent {
  return stored(
    {
      process_kprobe: {
        process: processJson(p),
        parent: embed(opts.parent),
        function_name: opts.functionName,
        args: opts.args ?? [],
        action: 'KPROBE_ACTION_POST',
        policy_name: opts.policyName ?? 'holocron-test',
      },
    },
    p.node,
    opts.atMs,
  );
}

/** A tcp_connect-style kprobe carrying a sock_arg, as Tetragon's "connect" policy emits it. */
export function sockEvent(
  p: ProcSpec,
  opts: { atMs: number; saddr: string; sport: number; daddr: string; dport: number; functionName?: string; protocol?: string },
): StoredEvent {
  const sock: KprobeSockJson = {
    family: 'AF_INET',
    type: 'SOCK_STREAM',
    protocol: opts.protocol ?? 'IPPROTO_TCP',
    saddr: opts.saddr,
    daddr: opts.daddr,
    sport: opts.sport,
    dport: opts.dport,
    cookie: '18446623580236211840',
    state: 'TCP_SYN_SENT',
  };
  return kprobeEvent(p, { atMs: opts.atMs, functionName: opts.functionName ?? 'tcp_connect', args: [{ sock_arg: sock }], policyName: 'connect' });
}

/** security_file_permission on a path; mask 4 = MAY_READ, 2 = MAY_WRITE. */
export function fileEvent(p: ProcSpec, opts: { atMs: number; path: string; mask?: number; functionName?: string }): StoredEvent {
  return kprobeEvent(p, {
    atMs: opts.atMs,
    functionName: opts.functionName ?? 'security_file_permission',
    args: [{ file_arg: { path: opts.path } }, { int_arg: opts.mask ?? 4 }],
    policyName: 'file-monitoring',
  });
}

/** The fields of any process_* body that the summary reads. */
interface AnyProcessEventBody {
  process?: ProcessJson;
  parent?: ProcessJson;
  function_name?: string;
  args?: KprobeArgumentJson[];
  policy_name?: string;
  action?: string;
  signal?: string;
  status?: number;
  subsys?: string;
  event?: string;
}

/** Wrap an upstream line with the summary columns the store would derive from it. */
export function stored(body: TetragonEventJson, node: string, atMs: number): StoredEvent {
  const event: TetragonEventJson = { ...body, node_name: node, time: isoAt(atMs) };
  const kind = Object.keys(body).find((k) => k.startsWith('process_')) ?? 'unknown';
  const b = (body as Record<string, AnyProcessEventBody | undefined>)[kind];
  const p = b?.process ?? {};
  const sock = b?.args?.find((a) => a.sock_arg)?.sock_arg;
  const fileArg = b?.args?.find((a) => a.file_arg || a.path_arg);
  const functionName = b?.function_name ?? (b?.subsys ? `${b.subsys}:${b.event ?? ''}` : '');
  return {
    id: `${kind}/${p.exec_id ?? ''}/${event.time}/${functionName}`,
    ts: usAt(atMs),
    time: event.time ?? '',
    node,
    kind,
    namespace: p.pod?.namespace ?? '',
    pod: p.pod?.name ?? '',
    container: p.pod?.container?.name ?? '',
    image: p.pod?.container?.image?.name ?? '',
    workload: p.pod?.workload ?? '',
    labels: Object.entries(p.pod?.pod_labels ?? {}).map(([k, v]) => `${k}=${v}`),
    binary: p.binary ?? '',
    args: p.arguments ?? '',
    cwd: p.cwd ?? '',
    pid: p.pid ?? 0,
    uid: p.uid ?? null,
    execId: p.exec_id ?? '',
    parentExecId: p.parent_exec_id ?? '',
    parentBinary: b?.parent?.binary ?? '',
    startTime: p.start_time ?? '',
    procFs: /(^|\s)procFS(\s|$)/.test(p.flags ?? ''),
    functionName,
    policyName: b?.policy_name ?? '',
    action: b?.action ?? '',
    signal: b?.signal ?? '',
    status: kind === 'process_exit' ? (b?.status ?? 0) : null,
    capabilities: p.cap?.effective ?? [],
    sock: sock
      ? { protocol: sock.protocol ?? '', saddr: sock.saddr ?? '', daddr: sock.daddr ?? '', sport: sock.sport ?? 0, dport: sock.dport ?? 0, state: sock.state ?? '', cookie: sock.cookie ?? '' }
      : null,
    filePath: fileArg?.file_arg?.path ?? fileArg?.path_arg?.path ?? '',
    event,
  };
}
