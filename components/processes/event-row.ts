import { compactDetail, compactEvent } from '@/lib/domain/compact-line';
import { lossOfEvent, type LossLine } from '@/lib/domain/loss-line';
import type { EventSummary } from '@/lib/domain/records';
import type { TetragonEventJson } from '@/lib/domain/wire-types';

/**
 * One row of the process-event table: the summary columns plus its compact line, computed once
 * when the row arrives (the upstream object is dropped after that: 100k rows must stay small).
 */
export interface EventRow extends EventSummary {
  icon: string;
  verb: string;
  detail: string;
  /** Set when the line is a loss (rate_limit_info): the table draws a gap marker instead. */
  loss: LossLine | null;
}

export function toEventRow(summary: EventSummary, event?: TetragonEventJson): EventRow {
  const { icon, verb } = compactEvent(summary, event);
  const loss = lossOfEvent(event) ?? (summary.kind === 'rate_limit_info' ? { kind: 'rate_limit_info' as const, count: null, text: `process events dropped by the agent's rate limit on ${summary.node}` } : null);
  return { ...summary, icon, verb, detail: compactDetail(summary, event), loss };
}

/** An /api/events item (summary + upstream object) as a row. */
export function rowFromItem(item: EventSummary & { event?: TetragonEventJson }): EventRow {
  const { event, ...summary } = item;
  return toEventRow(summary, event);
}
