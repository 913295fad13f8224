import type { RuleLoadError } from '@/lib/domain/alerts/alert-types';

/**
 * GET /api/health: per-agent state and lag, store counts, ingest queue and losses, detection.
 * The overview reads `status`, `store`, `lost`, `agents` and `discovery`; the rest is for
 * operators and monitoring, declared as far as it is stable and open (`[more: string]`) beyond.
 */
export type AgentState = 'connecting' | 'connected' | 'backoff' | 'stopped' | 'gone';

export interface IngestGap {
  fromUs: number;
  toUs: number | null; // null while still disconnected
  resumed: boolean; // Hubble resumed with `since`: the gap was refilled
}

/** How a discovered agent was found (null for the fixed entries of HOLOCRON_AGENTS). */
export interface AgentDiscovery {
  via: 'dns' | 'k8s';
  name: string;
  address: string;
}

type JsonObject = Record<string, unknown>;

/** What an agent reports about itself (Tetragon's GetHealth/GetVersion/policies, Hubble's ServerStatus/GetNodes). */
export interface AgentSelfInfo {
  atUs: number | null;
  version: string | null;
  health: JsonObject | null;
  policies: JsonObject | null;
  serverStatus: JsonObject | null;
  nodes: JsonObject | null;
  notOffered: string[];
  errors: string[];
}

export interface AgentHealth {
  endpoint: string;
  kind: 'tetragon' | 'hubble';
  state: AgentState;
  lastError: string | null;
  connectedSinceUs: number | null;
  lastMessageUs: number | null;
  lastEventTimeUs: number | null;
  received: number;
  malformed: number;
  undecoded: number;
  duplicates: number;
  reconnects: number;
  upstreamLost: number;
  gaps: IngestGap[];
  node: string | null;
  discovery: AgentDiscovery | null;
  self: AgentSelfInfo;
  /** Now minus the last event's time, in ms; null before the first event. */
  lagMs: number | null;
}

/** A `+dns`/`+k8s` entry: the addresses it resolves to now, and how many came and went. */
export interface DiscoveryHealth {
  name: string;
  addresses: string[];
  resolutions: number;
  lastResolvedUs: number | null;
  lastError: string | null;
  found: number;
  vanished: number;
}

export interface StoreHealth {
  kind: string;
  flows: number;
  events: number;
  eventsByKind: Record<string, number>;
  flowsByVerdict: Record<string, number>;
  bytes: number;
  /** SQLite's disk state (null on ClickHouse). */
  disk: { state: string; [more: string]: unknown } | null;
  /** SQLite's reader threads (null on ClickHouse). */
  readPool: JsonObject | null;
  [more: string]: unknown;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  uptimeS: number;
  store: StoreHealth;
  cluster: { role: string; relay: JsonObject | null };
  ingest: {
    queued: number;
    inserted: number;
    duplicates: number;
    batches: number;
    storeError: string | null;
    congested: boolean;
    stringsCut: number;
    decodeThread: boolean;
    writerThread: boolean | null;
    [more: string]: unknown;
  };
  lost: { total: number; recent: unknown[] };
  live: { subscribers: number; lastSeq: number };
  agents: AgentHealth[];
  discovery: DiscoveryHealth[];
  detection: { rules: number; loadErrors: RuleLoadError[]; alertsLost: number; [more: string]: unknown };
}
