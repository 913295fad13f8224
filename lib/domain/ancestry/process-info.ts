/**
 * What the events tell us about one process, and how several descriptions merge.
 *
 * A process can be described by its own exec, by its exit or kprobes, or only as the `parent`
 * (or one of the `ancestors`) embedded in another process's event — often trimmed to exec_id, pid
 * and binary. Richer sources win; poorer ones only fill gaps, so a trimmed parent embedding never
 * overwrites what the process's own exec said, whichever arrives first.
 *
 * Gaps are filled in place: the forest of a 10,000-process pod merges ~20,000 descriptions.
 */
import type { PodRef } from '@/lib/domain/ancestry/process-node';
import type { EventSummary } from '@/lib/domain/records';
import type { ProcessJson } from '@/lib/domain/wire-types';

export interface ProcessInfo {
  execId: string;
  /** parent_exec_id as the agent reported it, "" when none. */
  parentExecId: string;
  pid: number;
  binary: string;
  args: string;
  /** The tree API ships at most ARGS_MAX characters of arguments (the exec event has them all). */
  argsTruncated: boolean;
  cwd: string;
  uid: number | null;
  startTime: string; // RFC 3339 as sent, "" when unknown
  pod: PodRef | null;
}

/** How much a source is trusted: its own exec, then its own other events, then embeddings. */
export const SOURCE_RANK = { embedded: 1, ownEvent: 2, exec: 3 } as const;

export function infoFromSummary(ev: EventSummary): ProcessInfo {
  return {
    execId: ev.execId,
    parentExecId: ev.parentExecId,
    pid: ev.pid,
    binary: ev.binary,
    args: ev.args,
    argsTruncated: false,
    cwd: ev.cwd,
    uid: ev.uid,
    startTime: ev.startTime,
    pod: ev.pod ? { namespace: ev.namespace, name: ev.pod } : null,
  };
}

export function infoFromProcessJson(p: ProcessJson): ProcessInfo {
  const podName = p.pod?.name ?? '';
  return {
    execId: p.exec_id ?? '',
    parentExecId: p.parent_exec_id ?? '',
    pid: p.pid ?? 0,
    binary: p.binary ?? '',
    args: p.arguments ?? '',
    argsTruncated: false,
    cwd: p.cwd ?? '',
    uid: p.uid ?? null,
    startTime: p.start_time ?? '',
    pod: podName ? { namespace: p.pod?.namespace ?? '', name: podName } : null,
  };
}

/** Fill the empty fields of `info` from another description of the same process. */
export function fillGaps(info: ProcessInfo, other: ProcessInfo): void {
  if (!info.parentExecId) info.parentExecId = other.parentExecId;
  if (!info.pid) info.pid = other.pid;
  if (!info.binary) info.binary = other.binary;
  if (!info.args) {
    info.args = other.args;
    info.argsTruncated = other.argsTruncated;
  }
  if (!info.cwd) info.cwd = other.cwd;
  if (info.uid === null) info.uid = other.uid;
  if (!info.startTime) info.startTime = other.startTime;
  if (!info.pod) info.pod = other.pod;
}
