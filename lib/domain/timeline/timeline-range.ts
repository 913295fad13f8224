/**
 * The span a pod's timeline covers. Like timeRangeOf (first observed exec → last exit or tick),
 * with one more kind of start left out: processes the agent reported from its start-up scan of
 * /proc (Tetragon's `procFS` flag) arrive as process_exec events, but their start_time is when
 * they began — hours or days before anything was observed — and would squash the incident into a
 * sliver. Their bars are clipped at the left edge instead, like a containerd-shim's. `scanned`
 * holds their exec_ids (EventSummary.procFs of their exec).
 */
import type { ProcessForest } from '@/lib/domain/ancestry/process-node';
import type { TimeRange } from '@/lib/domain/ancestry/time-range';

export function timelineRange(forest: ProcessForest, scanned: ReadonlySet<string>): TimeRange | null {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const see = (ns: number): void => {
    if (ns < min) min = ns;
    if (ns > max) max = ns;
  };
  for (const node of forest.nodes.values()) {
    if (node.seenExec && !scanned.has(node.execId)) see(node.startNs);
    if (node.endNs !== null) see(node.endNs);
    for (const marker of node.events) see(marker.tsNs);
  }
  if (!Number.isFinite(min)) for (const node of forest.nodes.values()) if (Number.isFinite(node.startNs)) see(node.startNs);
  return Number.isFinite(min) ? { minNs: min, maxNs: max } : null;
}
