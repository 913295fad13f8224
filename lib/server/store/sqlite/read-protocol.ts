import type { ReaderTiming } from './read-trace';
import type { Store } from '../store';
import type { QueryBudget } from './query-budget';

/** Messages between the read pool (read-pool.ts) and a reader thread (read-worker.ts). */

/**
 * Where each member of the Store interface runs: `reader` — only reads, answered on a reader
 * thread within the query budget; `main` — writes (they go to the writer thread in order),
 * in-memory counters, lifecycle. Every member must be listed (a new one is a compile error here),
 * so a read added to the store cannot silently land back on the event loop.
 */
const ROUTES = {
  capabilities: 'main',
  health: 'main', // the pool adds its own stats (read-pool.ts)
  followCluster: 'main',
  insert: 'main',
  listFlows: 'reader',
  listEvents: 'reader',
  getFlow: 'reader',
  getEvent: 'reader',
  exportRows: 'main', // paged through listFlows/listEvents by the pool (read-pool.ts)
  exportBytes: 'main', // paged through exportPage by the pool (read-pool.ts)
  listAnswer: 'reader', // the body's bytes are transferred, not copied (read-worker.ts)
  podTreeAnswer: 'reader',
  mapAnswer: 'reader',
  podEvents: 'reader',
  podProcessEvents: 'reader',
  execEventsByExecIds: 'reader',
  eventsOfExecId: 'reader',
  sockEvents: 'reader',
  flowsTouchingIp: 'reader',
  flowsOnEndpoint: 'reader',
  mapSamples: 'reader',
  suggestValues: 'reader',
  flowNeighbors: 'reader',
  podNode: 'reader',
  counts: 'main',
  applyRetention: 'main',
  close: 'main',
  recordAlerts: 'main',
  listAlerts: 'reader',
  getAlert: 'reader',
  alertEvidence: 'reader',
  alertCounts: 'reader',
  alertTimeline: 'reader',
  pruneAlerts: 'main',
} as const satisfies Record<keyof Store, 'reader' | 'main'>;

type ReaderKey<K> = K extends keyof typeof ROUTES ? ((typeof ROUTES)[K] extends 'reader' ? K : never) : never;

/** The store's methods that only read: each runs on a reader thread, within the query budget. */
export const POOLED_READS = (Object.keys(ROUTES) as (keyof typeof ROUTES)[]).filter(
  (k): k is ReaderKey<keyof typeof ROUTES> => ROUTES[k] === 'reader',
);

export type PooledRead = ReaderKey<keyof typeof ROUTES>;

/**
 * What a reader thread answers beyond the Store's reads: SqliteStore.exportPage, an export's
 * next batch already rendered to bytes. A result's `bytes` (exportPage, the AnswerStore's
 * answers) is transferred by the reply instead of copied.
 */
export type ReaderMethod = PooledRead | 'exportPage';

export interface ReadRequest {
  id: number;
  method: ReaderMethod;
  args: unknown[];
  budget: QueryBudget;
  /** Reply with the query's timing (read-trace.ts, HOLOCRON_TRACE_READS). */
  trace?: boolean;
}

export type ReadReply =
  | { id: number; ok: true; result: unknown; timing?: ReaderTiming }
  | { id: number; ok: false; error: string; status?: number; param?: string | null; code?: string };
