import type { PodTreeJson, PodTreeMeta } from '@/lib/contract/pod-tree';
import { embeddedRecords, markerRecords } from '@/lib/domain/timeline/pod-tree-records';
import type { ProcessEventStore } from '../store/store';
import { eventItem } from './items';

/**
 * GET /api/pods/<ns>/<pod>/tree: the pod's exec, exit and marker events as compact records
 * (lib/domain/timeline/pod-tree-json.ts), which the timeline links into the process forest by
 * exec_id → parent_exec_id. Host parents (containerd-shim) come as the `parent` embedded in the
 * pod's events. Bounded: a pod with more events than `limit` in the window keeps its newest
 * exec/exit events first and says `truncated`.
 *
 * The exec/exit records arrive from the store as ready JSON bytes and are spliced in, not
 * parsed: only the markers and the few events that describe a missing parent are read here.
 */
export const POD_TREE_DEFAULT_LIMIT = 50_000;

export interface PodTreeQuery {
  namespace: string;
  pod: string;
  sinceUs: number | null;
  untilUs: number | null;
  limit: number;
}

/**
 * The answer's JSON body (a PodTreeJson) as UTF-8 chunks, to be sent one after the other: the
 * middle one is the store's exec/exit records (~4 MB at 10,000 processes), never copied.
 */
export async function podTree(store: ProcessEventStore, q: PodTreeQuery): Promise<Uint8Array[]> {
  const found = await store.podProcessEvents(q);
  const ticks = found.ticks.map(eventItem);
  const embedders = found.embedders.map(eventItem);
  const meta: PodTreeMeta = {
    namespace: q.namespace,
    pod: q.pod,
    events: found.execCount + ticks.length,
    limit: q.limit,
    truncated: found.truncated,
    sinceUs: q.sinceUs,
    untilUs: q.untilUs,
  };
  // Spliced by hand, so each piece is typed against the contract's PodTreeJson instead.
  const markers: PodTreeJson['markers'] = markerRecords(ticks);
  const embedded: PodTreeJson['embedded'] = embeddedRecords([...embedders, ...ticks]);
  const head = `${JSON.stringify(meta).slice(0, -1)},"execs":[`;
  const tail = `],"markers":${JSON.stringify(markers)},"embedded":${JSON.stringify(embedded)}}`;
  const utf8 = new TextEncoder();
  return [utf8.encode(head), found.execs, utf8.encode(tail)];
}
