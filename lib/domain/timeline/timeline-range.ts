/**
 * The span a pod's timeline covers. Like timeRangeOf (first observed exec → last exit or tick),
 * with one more kind of start left out: processes the agent reported from its start-up scan of
 * /proc (Tetragon's `procFS` flag) arrive as process_exec events, but their start_time is when
 * they began — hours or days before anything was observed — and would squash the incident into a
 * sliver. Their bars are clipped at the left edge instead, like a containerd-shim's. `scanned`
 * holds their exec_ids (EventSummary.procFs of their exec).
 */
import type { ProcessForest } from '@/lib/domain/ancestry/process-node';
import { timeRangeOf, type TimeRange } from '@/lib/domain/ancestry/time-range';

export function timelineRange(forest: ProcessForest, scanned: ReadonlySet<string>): TimeRange | null {
  return timeRangeOf(forest, scanned);
}
