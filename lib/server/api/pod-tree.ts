import { buildProcessForest } from '@/lib/domain/ancestry';
import { podTreeJson, type PodTreeJson } from '@/lib/domain/timeline/pod-tree-json';
import { isProcFsExec, timelineRange } from '@/lib/domain/timeline/timeline-range';
import type { Store } from '../store/store';
import { eventItem } from './items';

/**
 * GET /api/pods/<ns>/<pod>/tree: the pod's process forest rebuilt from its stored events by
 * exec_id → parent_exec_id. Host parents (containerd-shim) come in as the `parent` embedded in the
 * pod's events. Bounded: a pod with more events than `limit` in the window keeps its newest
 * exec/exit events first and says `truncated`.
 */
export const POD_TREE_DEFAULT_LIMIT = 50_000;

export interface PodTreeQuery {
  namespace: string;
  pod: string;
  sinceUs: number | null;
  untilUs: number | null;
  limit: number;
}

export async function podTree(store: Store, q: PodTreeQuery): Promise<PodTreeJson> {
  const { rows, truncated } = await store.podEvents(q);
  const events = rows.map(eventItem);
  const forest = buildProcessForest(events);
  const scanned = new Set(events.filter((e) => e.kind === 'process_exec' && isProcFsExec(e.event)).map((e) => e.execId));
  return podTreeJson(forest, timelineRange(forest, scanned), {
    namespace: q.namespace,
    pod: q.pod,
    events: events.length,
    limit: q.limit,
    truncated,
    sinceUs: q.sinceUs,
    untilUs: q.untilUs,
    scanned: [...scanned],
  });
}
