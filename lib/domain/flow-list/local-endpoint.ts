/**
 * Which endpoint of a flow sits on the node that observed it. Cilium reports the direction of the
 * connection, not of the packet: an INGRESS flow is seen at the destination's node, an EGRESS one
 * at the source's; a reply travels the other way, so the roles swap. With this, a flow observed
 * on kind-worker2 at tiefighter → deathstar INGRESS tells that deathstar (not tiefighter) runs
 * there, and the source pod's node must come from other flows.
 */
export type FlowSide = 'source' | 'destination';

export function localSide(direction: string, isReply: boolean | null): FlowSide | null {
  if (direction === 'INGRESS') return isReply ? 'source' : 'destination';
  if (direction === 'EGRESS') return isReply ? 'destination' : 'source';
  return null;
}
