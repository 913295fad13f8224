import type { Store } from '../store';
import type { QueryBudget } from './query-budget';

/** Messages between the read pool (read-pool.ts) and a reader thread (read-worker.ts). */

/** The store's methods that only read: each runs on a reader thread, within the query budget. */
export const POOLED_READS = [
  'listFlows',
  'listEvents',
  'getFlow',
  'getEvent',
  'podEvents',
  'podProcessEvents',
  'execEventsByExecIds',
  'eventsOfExecId',
  'sockEvents',
  'flowsTouchingIp',
  'flowsOnEndpoint',
  'mapSamples',
  'suggestValues',
  'flowNeighbors',
  'podNode',
  'listAlerts',
  'getAlert',
  'alertEvidence',
  'alertCounts',
  'alertTimeline',
] as const satisfies readonly (keyof Store)[];

export type PooledRead = (typeof POOLED_READS)[number];

export interface ReadRequest {
  id: number;
  method: PooledRead;
  args: unknown[];
  budget: QueryBudget;
}

export type ReadReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: string; status?: number; param?: string | null; code?: string };
