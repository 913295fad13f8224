import type { FlowSummary, ListItem } from '@/lib/domain/records';
import type { HubbleFlowJson } from '@/lib/domain/wire-types';

/** GET /api/flows/<uuid>: the summary columns and the upstream Hubble object. */
export type FlowItem = ListItem<FlowSummary, HubbleFlowJson>;

/**
 * An item of GET /api/flows: with `fields=summary` the upstream object is left out, except on
 * loss lines (lost_events, node_status), which the table draws from it.
 */
export type FlowListItem = FlowSummary & { event?: HubbleFlowJson };

/** A page of a list route: newest first; `next` is the cursor of the following page, null at the end. */
export interface Page<T> {
  items: T[];
  next: string | null;
}

export type FlowsPage = Page<FlowListItem>;

/** The node a pod runs on, and what told it (a flow observed at the pod, or its process events). */
export interface PodNodeView {
  node: string;
  from: 'flows' | 'events';
}

/** GET /api/flows/<uuid>/neighbors: the flow, its neighbours between the same endpoints, and its pods' nodes. */
export interface FlowContext {
  flow: FlowItem;
  before: FlowItem[];
  after: FlowItem[];
  nodes: { source: PodNodeView | null; destination: PodNodeView | null };
}
