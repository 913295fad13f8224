import { compactDetail, compactEvent } from '@/lib/domain/compact-line';
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
}

export function toEventRow(summary: EventSummary, event?: TetragonEventJson): EventRow {
  const { icon, verb } = compactEvent(summary, event);
  return { ...summary, icon, verb, detail: compactDetail(summary) };
}

/** An /api/events item (summary + upstream object) as a row. */
export function rowFromItem(item: EventSummary & { event?: TetragonEventJson }): EventRow {
  const { event, ...summary } = item;
  return toEventRow(summary, event);
}
