import { summarizeEvent } from '@/lib/domain/event-summary';
import type { EventSummary } from '@/lib/domain/records';
import { execExitRecord } from '@/lib/domain/timeline/pod-tree-records';
import type { TetragonEventJson } from '@/lib/domain/wire-types';
import type { BoundedRows, PodProcessEvents, StoredRow } from './store';

/**
 * PodProcessEvents from podEvents' rows, parsing each one: what ClickHouse answers, and SQLite
 * when a pod has more exec/exit events than the bound (its index cannot pick the newest). The
 * SQLite index path (sqlite/process-queries.ts) must give the same answer; the store contract
 * checks both against building the tree from podEvents.
 */
export function podProcessEventsFromRows({ rows, truncated }: BoundedRows): PodProcessEvents {
  const structure: { row: StoredRow; summary: EventSummary }[] = [];
  const ticks: StoredRow[] = [];
  for (const row of rows) {
    const summary = summarizeEvent(JSON.parse(row.json) as TetragonEventJson, row.id);
    if (summary.kind === 'process_exec' || summary.kind === 'process_exit') structure.push({ row, summary });
    else ticks.push(row);
  }
  const described = new Set(structure.map((e) => e.summary.execId));
  // Rows are oldest first: the first one embedding a parent (one with a binary) is the earliest.
  const embedders = new Map<string, StoredRow>();
  for (const { row, summary } of structure) {
    const parent = summary.parentExecId;
    if (parent && summary.parentBinary && !described.has(parent) && !embedders.has(parent)) embedders.set(parent, row);
  }
  return {
    execs: Buffer.from(structure.map((e) => JSON.stringify(execExitRecord(e.summary))).join(',')),
    execCount: structure.length,
    ticks,
    embedders: [...embedders.values()],
    truncated,
  };
}
