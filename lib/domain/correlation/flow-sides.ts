/**
 * Who dialled whom in a flow. Hubble reports each packet direction as its own flow: a reply
 * (`is_reply`) travels server → client, so its source is the server. When the agent did not say
 * (null), both readings stay possible.
 */
import type { FlowEndpointSummary, FlowSummary } from '@/lib/domain/records';

export interface ConnectionSides {
  client: FlowEndpointSummary;
  server: FlowEndpointSummary;
}

export function connectionSides(flow: FlowSummary): ConnectionSides[] {
  const forward = { client: flow.source, server: flow.destination };
  const reversed = { client: flow.destination, server: flow.source };
  if (flow.isReply === true) return [reversed];
  if (flow.isReply === false) return [forward];
  return [forward, reversed];
}

/** The side that accepted the connection (the destination of the request). */
export function serverSide(flow: FlowSummary): FlowEndpointSummary {
  return flow.isReply === true ? flow.source : flow.destination;
}

/**
 * The node of the connecting process, when the flow tells it. Hubble's traffic_direction is from
 * the point of view of the endpoint where the packet was seen: EGRESS means that endpoint opened
 * the connection — for the request and for its replies alike — so the observing node is the
 * client's. INGRESS flows were seen at the server's node: the client's node is unknown.
 */
export function clientNodeOf(flow: FlowSummary): string {
  return flow.direction === 'EGRESS' ? nodeBaseName(flow.node) : '';
}

/** Hubble Relay names nodes "cluster/node", Tetragon just "node". */
export function nodeBaseName(node: string): string {
  return node.slice(node.lastIndexOf('/') + 1);
}
