/**
 * What /api/health reports per agent connection: state, counters, lag and recorded gaps. Tetragon
 * cannot replay, so every disconnect is a gap in the record; Hubble resumes, so its gaps close.
 */
// 'gone': a discovered address that vanished from its DNS name; its open gap says since when.
export type AgentState = 'connecting' | 'connected' | 'backoff' | 'stopped' | 'gone';

/** How a discovered agent was found (null for the fixed entries of HOLOCRON_AGENTS). */
export interface AgentDiscovery {
  via: 'dns' | 'k8s';
  name: string; // the `tetragon+dns://NAME:PORT` / `tetragon+k8s://…` entry
  address: string;
}

export interface IngestGap {
  fromUs: number;
  toUs: number | null; // null while still disconnected
  resumed: boolean; // Hubble resumed with `since`: the gap was refilled
}

export interface AgentStatus {
  endpoint: string;
  kind: 'tetragon' | 'hubble';
  state: AgentState;
  lastError: string | null;
  connectedSinceUs: number | null;
  lastMessageUs: number | null;
  lastEventTimeUs: number | null;
  received: number;
  malformed: number;
  undecoded: number; // stored messages with fields or enum numbers this schema does not know (kept under `_holocron`)
  duplicates: number;
  reconnects: number;
  upstreamLost: number; // lost_events / rate_limit_info reported by the agent
  gaps: IngestGap[];
  /** The node it watches: what it answers in `holocron-node-name`, else its events' node_name. */
  node: string | null;
  discovery: AgentDiscovery | null;
}

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
