import type { AlertFilter } from '@/lib/domain/alerts/alert-filter';
import type { AlertCounts, AlertEvidence, AlertSummary, AlertTimeline } from '@/lib/domain/alerts/alert-types';

/**
 * The alerts part of the store. An occurrence is one rule match on one stored event; the store
 * either opens a new alert with it or, when it repeats an alert raised within the aggregation
 * window (same group key, see lib/domain/alerts/alert-grouping.ts), counts it into that one —
 * in one transaction, so concurrent batches and restarts cannot split or double an alert.
 */
export interface AlertOccurrence
  extends Pick<AlertSummary, 'rule' | 'priority' | 'time' | 'ts' | 'node' | 'namespace' | 'pod' | 'execId' | 'eventId' | 'message' | 'tags'> {
  /** Derived from rule + evidence event id: the id of the alert this occurrence opens, if it does. */
  id: string;
  processKey: string;
  outputKey: string;
  /** Falco's JSON object, serialised. */
  json: string;
}

export interface AlertRow {
  summary: AlertSummary;
  json: string;
}

export interface AlertWriteResult {
  /** New alerts (notify these). */
  created: AlertRow[];
  /** Alerts whose count grew (shown live; not re-notified). */
  repeated: AlertRow[];
  /** Occurrences already recorded (a replay): ignored. */
  duplicates: number;
}

export interface AlertListQuery {
  filter: AlertFilter;
  sinceUs: number | null;
  untilUs: number | null;
  limit: number;
  cursor: string | null;
}

export type AlertScope = Omit<AlertListQuery, 'limit' | 'cursor'>;

export interface AlertStore {
  recordAlerts(occurrences: AlertOccurrence[], windowUs: number): Promise<AlertWriteResult>;
  /** Newest first by first occurrence. */
  listAlerts(query: AlertListQuery): Promise<{ rows: AlertRow[]; next: string | null }>;
  getAlert(id: string): Promise<AlertRow | null>;
  /** The evidence events of an alert, oldest first. */
  alertEvidence(id: string, limit: number): Promise<AlertEvidence[]>;
  /** Counts per priority, rule and namespace; each facet ignores its own filter so others stay pickable. */
  alertCounts(scope: AlertScope): Promise<AlertCounts>;
  /** Occurrences per time bucket and priority; null when nothing matches. */
  alertTimeline(scope: AlertScope, maxBuckets: number): Promise<AlertTimeline | null>;
  /** Drops alerts last seen before the cutoff (retention). */
  pruneAlerts(beforeUs: number): Promise<number>;
}
