/**
 * Everything the events say about one exec_id, gathered before the forest is linked; and the
 * conversion of a finished draft (or a missing parent) into a ProcessNode.
 */
import { decodeExecId } from '@/lib/domain/ancestry/exec-id';
import type { ProcessInfo } from '@/lib/domain/ancestry/process-info';
import type { ProcessExit, ProcessMarker, ProcessNode } from '@/lib/domain/ancestry/process-node';
import { rfc3339ToNs } from '@/lib/domain/ancestry/timestamp-ns';

export interface ProcessDraft {
  info: ProcessInfo;
  rank: number; // best SOURCE_RANK that described it
  hasOwnEvent: boolean; // false: known only as someone's parent/ancestor
  seenExec: boolean;
  execEventId: string | null;
  execTs: number; // µs of the linked exec (which of several is the earliest)
  exitEventId: string | null;
  exitTs: number;
  endNs: number | null;
  exit: ProcessExit | null;
  firstOwnNs: number | null; // earliest own event, the start fallback
  markers: ProcessMarker[];
}

export function emptyDraft(info: ProcessInfo, rank: number): ProcessDraft {
  return {
    info,
    rank,
    hasOwnEvent: false,
    seenExec: false,
    execEventId: null,
    execTs: 0,
    exitEventId: null,
    exitTs: 0,
    endNs: null,
    exit: null,
    firstOwnNs: null,
    markers: [],
  };
}

const byTime = (a: ProcessMarker, b: ProcessMarker): number => a.tsNs - b.tsNs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A node with its links still empty; startNs is +Infinity when it must be inferred from children. */
export function draftToNode(d: ProcessDraft, maxMarkers: number): ProcessNode {
  const known = rfc3339ToNs(d.info.startTime);
  const markers = d.markers.sort(byTime);
  return {
    execId: d.info.execId,
    parentExecId: d.info.parentExecId,
    treeParent: null,
    pid: d.info.pid,
    binary: d.info.binary,
    args: d.info.args,
    argsTruncated: d.info.argsTruncated,
    cwd: d.info.cwd,
    uid: d.info.uid,
    startTime: d.info.startTime,
    startNs: known ?? d.firstOwnNs ?? Number.POSITIVE_INFINITY,
    startKnown: known !== null,
    endNs: d.endNs,
    exit: d.exit,
    pod: d.info.pod,
    isHost: d.info.pod === null,
    seenExec: d.seenExec,
    placeholder: false,
    cycleBroken: false,
    label: d.info.binary || `exec_id ${d.info.execId}`,
    events: markers.length > maxMarkers ? markers.slice(0, maxMarkers) : markers,
    hiddenEvents: Math.max(0, markers.length - maxMarkers),
    execEventId: d.execEventId,
    exitEventId: d.exitEventId,
    children: [],
    depth: 0,
    descendants: 0,
  };
}

/** Stand-in for a parent that children name but no event describes. Its pod is unknown, not "host". */
export function placeholderNode(execId: string): ProcessNode {
  return {
    execId,
    parentExecId: '',
    treeParent: null,
    pid: decodeExecId(execId)?.pid ?? 0,
    binary: '',
    args: '',
    argsTruncated: false,
    cwd: '',
    uid: null,
    startTime: '',
    startNs: Number.POSITIVE_INFINITY,
    startKnown: false,
    endNs: null,
    exit: null,
    pod: null,
    isHost: false,
    seenExec: false,
    placeholder: true,
    cycleBroken: false,
    label: `parent not seen (exec_id ${execId})`,
    events: [],
    hiddenEvents: 0,
    execEventId: null,
    exitEventId: null,
    children: [],
    depth: 0,
    descendants: 0,
  };
}
