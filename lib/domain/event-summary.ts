import type { EventSummary, SockSummary } from './records';
import {
  PROCESS_EVENT_KINDS,
  TETRAGON_NOTICE_KINDS,
  type KprobeArgumentJson,
  type TetragonNoticeKind,
  type ProcessEventKind,
  type ProcessJson,
  type TetragonEventJson,
} from './wire-types';
import { rfc3339ToMicrosOr } from './time';

/** The columns Holocron indexes for a Tetragon event line. Pure: reads only the upstream JSON. */

interface EventBody {
  process?: ProcessJson;
  parent?: ProcessJson;
  function_name?: string;
  policy_name?: string;
  action?: string;
  args?: KprobeArgumentJson[];
  subsys?: string;
  event?: string;
  signal?: string;
  status?: number;
  path?: string; // uprobe/usdt: the probed binary; loader: the loaded object
  symbol?: string; // uprobe
  provider?: string; // usdt
  name?: string; // usdt
  type?: string | number; // throttle
}

/**
 * What the event hooked, in one string the filter `function=` and the tables read: a kprobe's or
 * LSM hook's function, "subsys/event" for a tracepoint, a uprobe's symbol, "provider:name" for a
 * USDT probe, a throttle's THROTTLE_START/STOP.
 */
function hookOf(kind: string, body: EventBody): string {
  if (body.function_name) return body.function_name;
  if (body.subsys) return `${body.subsys}/${body.event ?? ''}`;
  if (kind === 'process_uprobe') return body.symbol ?? '';
  if (kind === 'process_usdt') return body.provider || body.name ? `${body.provider ?? ''}:${body.name ?? ''}` : '';
  if (kind === 'process_throttle') return String(body.type ?? '');
  return '';
}

/** Which process-event member a line carries, or null (rate_limit_info, test, unknown). */
export function eventKindOf(line: TetragonEventJson): ProcessEventKind | null {
  for (const k of PROCESS_EVENT_KINDS) if (line[k] !== undefined) return k;
  return null;
}

/**
 * The stored `kind` of a line: its process-event member, rate_limit_info or test, or "unknown"
 * (a member from a newer Tetragon: kept, with its bytes under `_holocron`).
 */
export function storedEventKind(line: TetragonEventJson): ProcessEventKind | TetragonNoticeKind | 'unknown' {
  const kind = eventKindOf(line);
  if (kind) return kind;
  for (const k of TETRAGON_NOTICE_KINDS) if (line[k] !== undefined) return k;
  return 'unknown';
}

/** The line's time, or the time Holocron received it when the agent sent none (marked). */
export function lineTime(line: { time?: string; _holocron?: { received_time?: string } }): string {
  return line.time ?? line._holocron?.received_time ?? '';
}

export function eventBody(line: TetragonEventJson): EventBody {
  const kind = eventKindOf(line);
  return kind ? ((line[kind] ?? {}) as EventBody) : {};
}

function firstSock(args: KprobeArgumentJson[] | undefined): SockSummary | null {
  const sock = args?.find((a) => a.sock_arg)?.sock_arg;
  if (!sock) return null;
  return {
    protocol: sock.protocol ?? '',
    saddr: sock.saddr ?? '',
    daddr: sock.daddr ?? '',
    sport: sock.sport ?? 0,
    dport: sock.dport ?? 0,
    state: sock.state ?? '',
    cookie: sock.cookie ?? '',
  };
}

function firstPath(args: KprobeArgumentJson[] | undefined): string {
  for (const a of args ?? []) {
    const p = a.file_arg?.path ?? a.path_arg?.path ?? a.linux_binprm_arg?.path;
    if (p) return p;
  }
  return '';
}

/** Tetragon marks processes it found running at start (its /proc walk) with the flag "procFS". */
function isProcFs(flags: string | undefined): boolean {
  return flags !== undefined && /(^|\s)procFS(\s|$)/.test(flags);
}

function labelsOf(p: ProcessJson | undefined): string[] {
  return Object.entries(p?.pod?.pod_labels ?? {}).map(([k, v]) => `${k}=${v}`);
}

export function summarizeEvent(line: TetragonEventJson, id: string): EventSummary {
  const kind = storedEventKind(line);
  const body = eventBody(line);
  const p = body.process ?? {};
  const pod = p.pod;
  const time = lineTime(line);
  return {
    id,
    ts: rfc3339ToMicrosOr(time, 0),
    time,
    node: line.node_name ?? '',
    kind,
    namespace: pod?.namespace ?? '',
    pod: pod?.name ?? '',
    container: pod?.container?.name ?? '',
    image: pod?.container?.image?.name ?? '',
    workload: pod?.workload ?? '',
    labels: labelsOf(p),
    binary: p.binary ?? '',
    args: p.arguments ?? '',
    cwd: p.cwd ?? '',
    pid: p.pid ?? 0,
    uid: typeof p.uid === 'number' ? p.uid : null,
    execId: p.exec_id ?? '',
    parentExecId: p.parent_exec_id ?? body.parent?.exec_id ?? '',
    parentBinary: body.parent?.binary ?? '',
    startTime: p.start_time ?? '',
    procFs: isProcFs(p.flags),
    functionName: hookOf(kind, body),
    policyName: body.policy_name ?? '',
    action: body.action ?? '',
    signal: body.signal ?? '',
    status: kind === 'process_exit' ? (body.status ?? 0) : null,
    capabilities: p.cap?.effective ?? [],
    sock: firstSock(body.args),
    filePath: firstPath(body.args) || (kind === 'process_loader' ? (body.path ?? '') : ''),
  };
}
