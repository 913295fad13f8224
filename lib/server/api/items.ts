import { summarizeEvent } from '@/lib/domain/event-summary';
import { summarizeFlow } from '@/lib/domain/flow-summary';
import type { EventSummary, FlowSummary, ListItem } from '@/lib/domain/records';
import type { HubbleFlowJson, TetragonEventJson } from '@/lib/domain/wire-types';
import type { StoredRow } from '../store/store';

/** Stored rows → the API's list items: id, summary columns, and the upstream object. */
export type FlowItem = ListItem<FlowSummary, HubbleFlowJson>;
export type EventItem = ListItem<EventSummary, TetragonEventJson>;

export function flowItem(row: StoredRow): FlowItem {
  const event = JSON.parse(row.json) as HubbleFlowJson;
  return { ...summarizeFlow(event, row.id), event };
}

export function eventItem(row: StoredRow): EventItem {
  const event = JSON.parse(row.json) as TetragonEventJson;
  return { ...summarizeEvent(event, row.id), event };
}
