import type { Direction, ParsedQuery } from '@/lib/domain/query/parse';
import type { QuerySource } from '@/lib/domain/query/kinds';
import type { AlertStore } from './alert-store';
import type { EventSummary, FlowSummary } from '@/lib/domain/records';
import type { MapFlowSample } from '@/lib/domain/service-map/map-sample';
import type { LostNotice } from '@/lib/server/ingest/accept-line';
import type { LiveInput } from '@/lib/server/live/live-hub';
import type { DiskHealth, ReadPoolHealth } from '@/lib/contract/health';
import type { ExportFormat } from '@/lib/contract/export-format';

/**
 * The store's seams: SQLite (embedded default) and ClickHouse (scale-out) both implement all of
 * them (Store, at the end); each caller asks for the narrowest one it uses. What differs between
 * the backends is data (StoreCapabilities, health()), so nothing outside lib/server/store asks
 * which one it has. Items arrive already decoded and summarised; the upstream JSON text is
 * stored verbatim.
 */
export interface FlowRecord {
  summary: FlowSummary;
  json: string; // the upstream protojson line, exactly as exported
}

export interface EventRecord {
  summary: EventSummary;
  json: string;
}

export interface InsertResult {
  flows: FlowSummary[]; // the ones that were new (duplicates by id are dropped)
  events: EventSummary[];
  flowJson: string[]; // json of the new flows, same order
  eventJson: string[];
  /**
   * The new records themselves, same order, where the store kept them (SQLite): their summaries
   * and texts may not be unpacked yet (record-chunk.ts), so a caller that needs only some of them
   * or only the count reads these, and the four arrays above are built only when read.
   */
  flowRecords?: readonly FlowRecord[];
  eventRecords?: readonly EventRecord[];
}

export interface ListQuery {
  q: ParsedQuery | null;
  sinceUs: number | null;
  untilUs: number | null;
  limit: number;
  cursor: string | null; // opaque; from a previous page's `next`
  order?: 'newest' | 'oldest';
}

export interface StoredRow {
  id: string;
  json: string;
}

export interface Page {
  rows: StoredRow[];
  next: string | null;
}

export interface StoreCounts {
  flows: number;
  events: number;
  eventsByKind: Record<string, number>;
  flowsByVerdict: Record<string, number>;
  oldestUs: number | null;
  newestUs: number | null;
  bytes: number;
}

export interface RetentionPolicy {
  maxAgeMs: number | null;
  maxBytes: number | null;
}

/** A pod's events by exact namespace and name (the q `pod=` is a prefix match). */
export interface PodEventsQuery {
  namespace: string;
  pod: string;
  sinceUs: number | null;
  untilUs: number | null;
  limit: number;
}

/** Socket kprobes on one client address and port in a window (flow → connecting process). */
export interface SockEventsQuery {
  saddr: string;
  sport: number;
  sinceUs: number;
  untilUs: number;
  limit: number;
}

/** Rows of a bounded lookup; `truncated` says more matched than were returned. */
export interface BoundedRows {
  rows: StoredRow[];
  truncated: boolean;
}

/**
 * A pod's events for its process tree (GET /api/pods/<ns>/<pod>/tree): the same events as
 * podEvents, the exec/exit ones already as the tree API's records.
 */
export interface PodProcessEvents {
  /** The exec/exit events as ExecExitRecords (lib/domain/timeline/pod-tree-records.ts): a JSON array's elements, comma-separated, UTF-8. */
  execs: Uint8Array;
  execCount: number;
  /** The pod's other events (kprobes …) within the bound, oldest first: the markers. */
  ticks: StoredRow[];
  /** For each parent with no exec/exit of its own here, the earliest exec/exit that embeds its description (a `parent` with a binary). */
  embedders: StoredRow[];
  truncated: boolean;
}

/** The service map's input: flows in [sinceUs, untilUs] matching q, grouped (map-sample.ts). */
export interface MapSampleQuery {
  q: ParsedQuery | null;
  sinceUs: number;
  untilUs: number;
  maxGroups: number; // the busiest groups are kept
}

export interface MapSampleResult {
  samples: MapFlowSample[];
  truncated: boolean; // more than maxGroups groups matched (the quietest were left out)
}

/** Autocomplete of filter values: bounded to the newest rows, whatever the store holds. */
export interface SuggestQuery {
  source: QuerySource;
  kind: string;
  direction: Direction;
  prefix: string;
  limit: number;
}
export interface SuggestedValue {
  value: string;
  count: number;
}
export interface FlowNeighbors {
  before: StoredRow[]; // closest first
  after: StoredRow[]; // closest first
}
export interface PodNode {
  node: string;
  from: 'flows' | 'events';
}

/** Ingest and import: a batch stored in one go, duplicates (by id) dropped. */
export interface IngestStore {
  insert(flows: FlowRecord[], events: EventRecord[]): Promise<InsertResult>;
}

/** Flows: pages, one flow, the flows around it, the service map's input. */
export interface FlowStore {
  listFlows(query: ListQuery): Promise<Page>;
  getFlow(id: string): Promise<StoredRow | null>;
  /** Up to `limit` flows just before and after a flow between the same endpoints; null if unknown. */
  flowNeighbors(id: string, limit: number): Promise<FlowNeighbors | null>;
  /** Flows grouped for the service map, busiest group first. */
  mapSamples(query: MapSampleQuery): Promise<MapSampleResult>;
}

/** Process events: pages, one event, a pod's events and tree, one process's events, ancestry chains. */
export interface ProcessEventStore {
  listEvents(query: ListQuery): Promise<Page>;
  getEvent(id: string): Promise<StoredRow | null>;
  /** A pod's events, oldest first, at most `limit`: exec/exit kept before kprobes, newest before oldest. */
  podEvents(query: PodEventsQuery): Promise<BoundedRows>;
  /** podEvents for the process tree: exec/exit as compact records, and what describes parents not among them. */
  podProcessEvents(query: PodEventsQuery): Promise<PodProcessEvents>;
  /** process_exec events of these exec_ids (ancestry chains). */
  execEventsByExecIds(execIds: readonly string[]): Promise<StoredRow[]>;
  /** Every event of one process, oldest first, at most `limit`. */
  eventsOfExecId(execId: string, limit: number): Promise<BoundedRows>;
}

/** Flow ↔ process: the socket kprobes behind a flow, the flows of a process's addresses, where a pod runs. */
export interface CorrelationStore {
  /** Kprobes with a sock_arg on (saddr, sport) in [sinceUs, untilUs], oldest first. */
  sockEvents(query: SockEventsQuery): Promise<StoredRow[]>;
  /** Flows with `ip` on either side in [sinceUs, untilUs], newest first, at most `limit`. */
  flowsTouchingIp(ip: string, sinceUs: number, untilUs: number, limit: number): Promise<StoredRow[]>;
  /** Flows with (ip, port) on either side in [sinceUs, untilUs], oldest first, at most `limit`. */
  flowsOnEndpoint(ip: string, port: number, sinceUs: number, untilUs: number, limit: number): Promise<StoredRow[]>;
  /** The node a pod runs on, from the newest flow observed at it or its newest process event. */
  podNode(namespace: string, pod: string): Promise<PodNode | null>;
}

/** Reads over either source: the export stream and the filter bar's suggestions. */
export interface HistoryStore {
  /** Streams matching rows oldest → newest in bounded batches (export never buffers it all). */
  /** `batchRows`: rows per yielded batch where the store can choose (an export holds one batch per reader). */
  exportRows(source: 'flows' | 'events', query: Omit<ListQuery, 'limit' | 'cursor'>, batchRows?: number): AsyncIterable<StoredRow[]>;
  /**
   * The same rows as the export's bytes (api/export-text.ts), rendered where they are read — a
   * store with reader threads hands over bytes, so the event loop does no per-row work. Optional:
   * without it the export renders exportRows' batches itself.
   */
  exportBytes?(source: 'flows' | 'events', query: Omit<ListQuery, 'limit' | 'cursor'>, format: ExportFormat, batchRows?: number): AsyncIterable<Uint8Array>;
  /** Values seen in the newest rows for a filter kind, ranked by count (filter bar autocomplete). */
  suggestValues(query: SuggestQuery): Promise<SuggestedValue[]>;
}

/** An answer's JSON body as bytes (or gzipped, when asked), built where its rows were read. */
export interface RenderedAnswer {
  bytes: Uint8Array;
}

/**
 * Answers rendered by the store where it reads the rows — SQLite on its reader threads — so the
 * event loop only forwards bytes (api/list-answer.ts, api/pod-tree.ts build them, typed against the
 * contract). Optional: without them the routes build the same bodies from the reads above.
 */
export interface AnswerStore {
  /** The body of GET /api/flows (`fields`) or /api/events for this page, gzipped when `gzip`. */
  listAnswer?(source: 'flows' | 'events', query: ListQuery, fields: 'all' | 'summary', gzip?: boolean): Promise<RenderedAnswer>;
  /** The body of GET /api/map for these samples. */
  mapAnswer?(query: MapSampleQuery): Promise<RenderedAnswer>;
  /** The body of GET /api/pods/<ns>/<pod>/tree, gzipped when `gzip`. */
  podTreeAnswer?(query: PodEventsQuery, gzip: boolean): Promise<RenderedAnswer>;
}

/** What a backend is, as data: callers read these instead of asking which backend they have. */
export interface StoreCapabilities {
  /** Names the backend in /api/health and the start-up log ('sqlite', 'clickhouse'). A label, not a switch. */
  readonly label: string;
  /** Several servers share this history (docs/SCALE-OUT.md): the newest stored flow may be another server's. */
  readonly sharedAcrossServers: boolean;
  /** The batches ingest should hand it (lib/server/ingest/batcher.ts): each backend's cost per write differs. */
  readonly ingestBatches: { maxBatch: number; maxDelayMs: number; highWater: number };
}

/** What the backend adds to /api/health's store and ingest sections; null where it has no such thing. */
export interface BackendHealth {
  /** The disk was found full, its free space, the WAL's size (SQLite). */
  disk: DiskHealth | null;
  /** The reader threads that answer queries (SQLite on a file). */
  readPool: ReadPoolHealth | null;
  /** Whether ingest's transactions run on a writer thread (false: on the main thread; null: no such thread). */
  writerThread: boolean | null;
}

/** What other servers on a shared store write, relayed to this one's live clients (ClickHouse's relay.ts). */
export interface ClusterFeed {
  readonly stats: { relayed: number; skipped: number; polls: number; errors: number; lastError: string | null };
  start(publish: (items: LiveInput[]) => void): this;
  announceLost(notice: LostNotice): Promise<void>;
  stop(): Promise<void>;
}

/** Retention, counts and health: what the hub's timers, /api/health and /metrics ask. */
export interface MaintenanceStore {
  readonly capabilities: StoreCapabilities;
  counts(): Promise<StoreCounts>;
  applyRetention(policy: RetentionPolicy, nowUs: number): Promise<{ deletedFlows: number; deletedEvents: number }>;
  health(): BackendHealth;
  /** Follows the other servers' writes, or null when no other server can write to this store. */
  followCluster(): ClusterFeed | null;
  close(): Promise<void>;
}

/** The whole store. Alerts (AlertStore) live beside the events they point at. */
export interface Store extends IngestStore, FlowStore, ProcessEventStore, CorrelationStore, HistoryStore, AnswerStore, AlertStore, MaintenanceStore {}
