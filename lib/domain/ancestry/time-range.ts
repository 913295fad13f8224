import type { ProcessForest } from '@/lib/domain/ancestry/process-node';

const NONE: ReadonlySet<string> = new Set();

export interface TimeRange {
  minNs: number;
  maxNs: number;
}

/**
 * The span the timeline covers: from the first observed exec to the last exit or marker. Start
 * times of processes we did not see exec (containerd-shim, started days ago, known only as a
 * parent) are left out on purpose — they would squash the incident into a sliver; their bars are
 * clipped at the left edge instead. `unobservedStarts` names more execs whose start to leave out
 * (timeline-range.ts). Falls back to all known starts if nothing was observed; null when empty.
 */
export function timeRangeOf(forest: ProcessForest, unobservedStarts: ReadonlySet<string> = NONE): TimeRange | null {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const see = (ns: number): void => {
    if (ns < min) min = ns;
    if (ns > max) max = ns;
  };
  for (const node of forest.nodes.values()) {
    if (node.seenExec && !unobservedStarts.has(node.execId)) see(node.startNs);
    if (node.endNs !== null) see(node.endNs);
    for (const marker of node.events) see(marker.tsNs);
  }
  if (!Number.isFinite(min)) for (const node of forest.nodes.values()) if (Number.isFinite(node.startNs)) see(node.startNs);
  return Number.isFinite(min) ? { minNs: min, maxNs: max } : null;
}
