import { summarizeEvent } from '@/lib/domain/event-summary';
import { summarizeFlow } from '@/lib/domain/flow-summary';
import type { EventItem } from '@/lib/contract/events';
import type { FlowItem } from '@/lib/contract/flows';
import type { HubbleFlowJson, TetragonEventJson } from '@/lib/domain/wire-types';
import type { StoredRow } from '../store/store';

/** Stored rows → the API's items (lib/contract): id, summary columns, and the upstream object. */
export type { EventItem, FlowItem };

export function flowItem(row: StoredRow): FlowItem {
  const event = JSON.parse(row.json) as HubbleFlowJson;
  return { ...summarizeFlow(event, row.id), event };
}

export function eventItem(row: StoredRow): EventItem {
  const event = JSON.parse(row.json) as TetragonEventJson;
  return { ...summarizeEvent(event, row.id), event };
}
