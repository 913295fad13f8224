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
  name: string; // the `tetragon+dns://NAME:PORT` / `tetragon+k8s://…` entry
  address: string;
}

/**
 * Per agent connection: state, counters, lag and recorded gaps. Tetragon cannot replay, so every
 * disconnect is a gap in the record; Hubble resumes, so its gaps close.
 */
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

export interface AgentHealth extends AgentStatus {
  self: AgentSelfInfo;
  /** Now minus the last event's time, in ms; null before the first event. */
  lagMs: number | null;
}

/** A `+dns`/`+k8s` entry: the addresses it resolves to now, and how many came and went. */
export interface DiscoveryHealth {
  name: string; // the entry as configured, e.g. tetragon+dns://holocron-agent.holocron:54321
  addresses: string[];
  resolutions: number;
  lastResolvedUs: number | null;
  lastError: string | null;
  found: number; // addresses connected since start (one that comes back counts again)
  vanished: number; // addresses closed because they left the answer
}

/** SQLite's disk: found full (since when, SQLite's message), free space, the WAL's size. */
export interface DiskHealth {
  state: 'ok' | 'full';
  fullSince: string | null;
  lastError: string | null;
  /** Times a write was refused for lack of space, since start. */
  fullErrors: number;
  freeBytes: number | null;
  walBytes: number | null;
  /** The last checkpoint that gave the WAL's space back. */
  lastCheckpoint: string | null;
}

/** SQLite's reader threads: how many, how busy, and queries stopped past their budget. */
export interface ReadPoolHealth {
  threads: number;
  busy: number;
  queued: number;
  queries: number;
  overBudget: number;
  terminated: number;
  inline: boolean;
}

export interface StoreHealth {
  kind: string;
  flows: number;
  events: number;
  eventsByKind: Record<string, number>;
  flowsByVerdict: Record<string, number>;
  bytes: number;
  /** SQLite's disk state (null on ClickHouse). */
  disk: DiskHealth | null;
  /** SQLite's reader threads (null on ClickHouse). */
  readPool: ReadPoolHealth | null;
  [more: string]: unknown;
}

/** The ingest batcher: rows waiting, stored, duplicates, and the store's error while it refuses writes. */
export interface IngestQueueHealth {
  queued: number;
  inserted: number;
  duplicates: number;
  batches: number;
  storeError: string | null;
  congested: boolean;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  uptimeS: number;
  store: StoreHealth;
  cluster: { role: string; relay: JsonObject | null };
  ingest: IngestQueueHealth & {
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
