import type { AgentEndpoint, DiscoverySpec } from '@/lib/server/config/agent-endpoints';
import type { AgentDiscovery, AgentStatus } from '@/lib/server/ingest/agent-status';
import type { AgentStream } from '@/lib/server/ingest/agent-stream';
import type { DiscoveryTarget } from './discovery-loop';

/**
 * Keeps the hub's list of agent streams in step with one discovered name. A vanished address
 * stays listed as 'gone' with an open gap, so the loss is visible; if it comes back, its new
 * stream carries the old counters and closes that gap. Gone entries are bounded: a cluster that
 * churns through thousands of pods must not grow the list forever.
 */
const MAX_GONE = 256;

export type StreamFactory = (endpoint: AgentEndpoint, opts: { discovery: AgentDiscovery; previous?: AgentStatus }) => AgentStream;

export function discoveredStreams(spec: DiscoverySpec, agents: AgentStream[], create: StreamFactory): DiscoveryTarget {
  const mine = (a: AgentStream, address: string) => a.status.discovery?.name === spec.label && a.status.discovery.address === address;
  return {
    found(endpoint, address, node) {
      const i = agents.findIndex((a) => mine(a, address));
      const previous = i >= 0 ? agents[i]!.status : undefined;
      if (i >= 0 && previous!.state !== 'gone') return; // already streaming
      const stream = create(endpoint, { discovery: { via: spec.via, name: spec.label, address }, ...(previous ? { previous } : {}) });
      stream.status.node ??= node;
      if (i >= 0) agents[i] = stream;
      else agents.push(stream);
      stream.start().catch((e) => console.warn(`[discovery] ${endpoint.label}: ${(e as Error).message}`));
    },
    vanished(address) {
      agents.find((a) => mine(a, address) && a.status.state !== 'gone')?.retire(`${address} left ${spec.label}`);
      const gone = agents.filter((a) => a.status.state === 'gone');
      for (const old of gone.slice(0, Math.max(0, gone.length - MAX_GONE))) agents.splice(agents.indexOf(old), 1);
    },
  };
}
