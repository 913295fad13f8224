import type { AgentDiscovery, AgentState, AgentStatus, IngestGap } from '@/lib/contract/health';

/**
 * What /api/health reports per agent connection: state, counters, lag and recorded gaps. Tetragon
 * cannot replay, so every disconnect is a gap in the record; Hubble resumes, so its gaps close.
 */
// Declared in the contract, as /api/health reports them.
export type { AgentDiscovery, AgentState, AgentStatus, IngestGap };

export function newAgentStatus(endpoint: string, kind: 'tetragon' | 'hubble'): AgentStatus {
  return {
    endpoint,
    kind,
    state: 'connecting',
    lastError: null,
    connectedSinceUs: null,
    lastMessageUs: null,
    lastEventTimeUs: null,
    received: 0,
    malformed: 0,
    undecoded: 0,
    duplicates: 0,
    reconnects: 0,
    upstreamLost: 0,
    gaps: [],
    node: null,
    discovery: null,
  };
}

export function nowUs(): number {
  return Date.now() * 1000;
}

/** Keep the last gaps only: a flapping agent must not grow memory. */
export function recordGapStart(s: AgentStatus): void {
  const open = s.gaps[s.gaps.length - 1];
  if (open && open.toUs === null) return;
  s.gaps.push({ fromUs: nowUs(), toUs: null, resumed: false });
  if (s.gaps.length > 50) s.gaps.splice(0, s.gaps.length - 50);
}

export function closeGap(s: AgentStatus, resumed: boolean): void {
  const open = s.gaps[s.gaps.length - 1];
  if (open && open.toUs === null) {
    open.toUs = nowUs();
    open.resumed = resumed;
  }
}
