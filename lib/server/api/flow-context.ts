import type { FlowContext } from '@/lib/contract/flows';
import type { CorrelationStore, FlowStore } from '../store/store';
import { flowItem } from './items';

/**
 * What the single-flow view shows around one flow: the flow, its neighbours between the same
 * endpoints, and the node each pod runs on (the flow's own node_name is only where it was
 * observed: for an INGRESS flow that is the destination's node, not the source's).
 * The answer's shape is the contract's (lib/contract/flows.ts).
 */
export type { FlowContext };

export async function flowContext(store: FlowStore & CorrelationStore, id: string, limit: number): Promise<FlowContext | null> {
  const row = await store.getFlow(id);
  if (!row) return null;
  const flow = flowItem(row);
  const [neighbors, source, destination] = await Promise.all([
    store.flowNeighbors(id, limit),
    store.podNode(flow.source.namespace, flow.source.pod),
    store.podNode(flow.destination.namespace, flow.destination.pod),
  ]);
  return {
    flow,
    before: (neighbors?.before ?? []).map(flowItem),
    after: (neighbors?.after ?? []).map(flowItem),
    nodes: { source, destination },
  };
}
