import type { ParsedQuery } from '@/lib/domain/query/parse';
import type { EventSummary, FlowSummary } from '@/lib/domain/records';

/**
 * The store interface: SQLite (embedded default) and ClickHouse (scale-out) both implement it.
 * Items arrive already decoded and summarised; the upstream JSON text is stored verbatim.
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

export interface Store {
  readonly kind: 'sqlite' | 'clickhouse';
  insert(flows: FlowRecord[], events: EventRecord[]): Promise<InsertResult>;
  listFlows(query: ListQuery): Promise<Page>;
  listEvents(query: ListQuery): Promise<Page>;
  getFlow(id: string): Promise<StoredRow | null>;
  getEvent(id: string): Promise<StoredRow | null>;
  /** Streams matching rows oldest → newest in bounded batches (export never buffers it all). */
  exportRows(source: 'flows' | 'events', query: Omit<ListQuery, 'limit' | 'cursor'>): AsyncIterable<StoredRow[]>;
  counts(): Promise<StoreCounts>;
  applyRetention(policy: RetentionPolicy, nowUs: number): Promise<{ deletedFlows: number; deletedEvents: number }>;
  close(): Promise<void>;
}
