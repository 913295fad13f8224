/**
 * The answer of `GET /api/pods/<ns>/<pod>/tree`: the pod's exec, exit and marker events and the
 * processes they embed, as compact records (pod-tree-records.ts), which the timeline links into a
 * ProcessForest with the same builder the server uses. Linking in the browser is what keeps the
 * answer for a 10,000-process pod within a few milliseconds of SQL: the server only reads an index.
 */
import { buildForestFromProcessEvents } from '@/lib/domain/ancestry/build-process-forest';
import type { ProcessEvent } from '@/lib/domain/ancestry/process-event';
import type { ProcessForest } from '@/lib/domain/ancestry/process-node';
import type { TimeRange } from '@/lib/domain/ancestry/time-range';
import {
  decodeEmbedded,
  decodeExecExit,
  decodeMarker,
  isProcFsExec,
  type EmbeddedRecord,
  type ExecExitRecord,
  type MarkerRecord,
} from '@/lib/domain/timeline/pod-tree-records';
import { timelineRange } from '@/lib/domain/timeline/timeline-range';

export interface PodTreeMeta {
  namespace: string;
  pod: string;
  /** Events the forest is built from (execs, exits and markers). */
  events: number;
  /** The bound on events; `truncated` says the pod had more in the requested window. */
  limit: number;
  truncated: boolean;
  sinceUs: number | null;
  untilUs: number | null;
}

export interface PodTreeJson extends PodTreeMeta {
  /** process_exec / process_exit events, in no particular order. */
  execs: ExecExitRecord[];
  /** Kprobes, tracepoints, LSM and uprobe events: the ticks on the bars. */
  markers: MarkerRecord[];
  /** Parents and ancestors that none of the pod's events describe (a host containerd-shim, a parent before the window). */
  embedded: EmbeddedRecord[];
}

export interface PodTree {
  forest: ProcessForest;
  /** [minNs, maxNs] of what was observed (timelineRange), null for an empty pod. */
  range: TimeRange | null;
  /** Events the builder could not place (no exec_id). */
  skippedEvents: number;
}

export function podTreeFromJson(json: Pick<PodTreeJson, 'namespace' | 'pod' | 'execs' | 'markers' | 'embedded'>): PodTree {
  const pod = { namespace: json.namespace, name: json.pod };
  const records = Array.isArray(json.execs) ? json.execs : [];
  const markers = Array.isArray(json.markers) ? json.markers : [];
  const events: ProcessEvent[] = [];
  // Processes the agent reported from its start-up /proc scan began long before anything was observed.
  const scanned = new Set<string>();
  for (const r of records) {
    const ev = decodeExecExit(r, pod);
    events.push(ev);
    if (isProcFsExec(r)) scanned.add(ev.process.execId);
  }
  for (const r of markers) events.push(decodeMarker(r, pod));
  const embedded = (Array.isArray(json.embedded) ? json.embedded : []).map(decodeEmbedded);
  const forest = buildForestFromProcessEvents(events, embedded);
  return { forest, range: timelineRange(forest, scanned), skippedEvents: forest.skippedEvents };
}
