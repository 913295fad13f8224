/**
 * The process forest behind the ancestry timeline: one node per exec_id (never per pid — a shell
 * that execs keeps its pid, and pids are reused), linked by parent_exec_id.
 *
 * Times are nanoseconds since the epoch as numbers (see timestamp-ns.ts); `ts` on markers is the
 * stored event's microsecond column, kept for links and ordering against other stored items.
 */
import type { ProcessInfo } from '@/lib/domain/ancestry/process-info';

export interface PodRef {
  namespace: string;
  name: string;
}

/** How a process ended: a signal ("SIGKILL") or an exit status (0 when the agent omitted it). */
export interface ProcessExit {
  signal?: string;
  status?: number;
}

/** A kprobe / tracepoint / LSM / uprobe event drawn as a tick on the process's bar. */
export interface ProcessMarker {
  id: string; // stored event id, for /events/<id>
  kind: string; // process_kprobe, process_tracepoint, process_lsm, ...
  ts: number; // µs since the epoch (the stored column)
  tsNs: number;
  label: string; // "connect 10.0.0.1:80", "read /etc/shadow"
}

/** A process as the forest holds it: what the events said about it (ProcessInfo), placed and drawn. */
export interface ProcessNode extends ProcessInfo {
  /** The node this one hangs under in the forest, or null for a root. A placeholder when the reported parent was never seen. */
  treeParent: string | null;
  startNs: number;
  /** False when no start_time was known and startNs was inferred from the earliest own event or child. */
  startKnown: boolean;
  endNs: number | null; // from process_exit's time; null = no exit seen (open bar)
  exit: ProcessExit | null;
  /** No pod: a node-level process such as containerd-shim (drawn dimmed). */
  isHost: boolean;
  /** A process_exec for this exec_id was among the events; false for processes known from exits, kprobes or as someone's parent. */
  seenExec: boolean;
  /** Stands in for a parent that was reported but never seen, so its children don't float. */
  placeholder: boolean;
  /** A parent link was cut here because the data formed a cycle. */
  cycleBroken: boolean;
  label: string; // binary, or "parent not seen (exec_id …)" for placeholders
  events: ProcessMarker[]; // sorted by time
  hiddenEvents: number; // markers beyond the per-node cap, counted so nothing vanishes silently
  execEventId: string | null;
  exitEventId: string | null;
  children: string[]; // exec_ids sorted by start
  depth: number; // 0 for roots
  descendants: number; // size of the subtree below this node
}

export interface ProcessForest {
  nodes: ReadonlyMap<string, ProcessNode>;
  roots: readonly string[]; // sorted by start
  /** Events that carried no exec_id and so could not be placed. */
  skippedEvents: number;
}
