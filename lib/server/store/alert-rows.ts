import type { AlertCounts, AlertSummary, AlertTimeline } from '@/lib/domain/alerts/alert-types';
import type { BucketGrid } from '@/lib/domain/alerts/timeline-buckets';
import { PRIORITIES, type Priority } from '@/lib/domain/rules';
import type { AlertRow } from './alert-store';

/**
 * What both alert backends (sqlite/sqlite-alerts.ts, clickhouse/ch-alerts.ts) read back the same
 * way: an alert's columns as an AlertRow, the facet counts, the timeline's buckets. `N` is how a
 * backend returns integers: SQLite as numbers, ClickHouse's 64-bit ones as strings.
 */
export interface AlertColumns<N extends number | string> {
  id: string;
  ts: N;
  last_ts: N;
  count: N;
  rule: string;
  priority: string;
  time: string;
  node: string;
  namespace: string;
  pod: string;
  exec_id: string;
  event_id: string;
  last_exec_id: string;
  last_event_id: string;
  message: string;
  /** A JSON array of strings. */
  tags: string;
  json: string;
}

/** A priority column's value; an unknown one (a newer build's) reads as WARNING. */
export function storedPriority(value: string): Priority {
  return (PRIORITIES as readonly string[]).includes(value) ? (value as Priority) : 'WARNING';
}

export function toAlertRow(r: AlertColumns<number | string>): AlertRow {
  const summary: AlertSummary = {
    id: r.id,
    rule: r.rule,
    priority: storedPriority(r.priority),
    time: r.time,
    ts: Number(r.ts),
    node: r.node,
    namespace: r.namespace,
    pod: r.pod,
    execId: r.exec_id,
    eventId: r.event_id,
    message: r.message,
    tags: JSON.parse(r.tags) as string[],
    count: Number(r.count),
    firstSeenUs: Number(r.ts),
    lastSeenUs: Number(r.last_ts),
    lastEventId: r.last_event_id,
    lastExecId: r.last_exec_id,
  };
  return { summary, json: r.json };
}

/** The facets an alert list filters by; each facet's counts ignore its own filter. */
export type AlertFacet = 'priority' | 'rule' | 'namespace';

type Count = number | string;

/** AlertCounts from each facet's grouped rows (a rule's priority is its most severe rank). */
export function alertCountsOf(
  total: Count,
  byPriority: readonly { priority: Priority; n: Count }[],
  byRule: readonly { rule: string; rank: number; n: Count }[],
  byNamespace: readonly { namespace: string; n: Count }[],
): AlertCounts {
  const priorities: AlertCounts['byPriority'] = {};
  for (const r of byPriority) priorities[r.priority] = Number(r.n);
  return {
    total: Number(total),
    byPriority: priorities,
    byRule: byRule.map((r) => ({ rule: r.rule, priority: PRIORITIES[r.rank] ?? 'WARNING', count: Number(r.n) })),
    byNamespace: byNamespace.map((r) => ({ namespace: r.namespace, count: Number(r.n) })),
  };
}

/**
 * The timeline on `grid` from occurrence counts per bucket index and priority. An index outside
 * the grid (a hit on its very edge) counts into the nearest bucket; a fractional one is floored.
 */
export function alertTimelineOf(grid: BucketGrid, counts: Iterable<{ bucket: number; priority: Priority; n: number }>): AlertTimeline {
  const buckets = Array.from({ length: grid.count }, (_, i) => ({ startUs: grid.startUs + i * grid.bucketUs, counts: {} as Partial<Record<Priority, number>> }));
  for (const c of counts) {
    const bucket = buckets[Math.min(grid.count - 1, Math.max(0, Math.floor(c.bucket)))];
    if (bucket) bucket.counts[c.priority] = (bucket.counts[c.priority] ?? 0) + c.n;
  }
  return { startUs: grid.startUs, endUs: grid.endUs, bucketUs: grid.bucketUs, buckets };
}
