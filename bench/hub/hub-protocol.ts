/** Messages between bench/run.ts and the hub process (over the child's IPC channel). */
export type HubCommand = { type: 'target'; stored: number } | { type: 'stats' } | { type: 'stop' };

export interface HubStats {
  stored: number; // items published as newly stored since start
  rows: number; // flows + events in the store
  flows: number;
  events: number;
  dbBytes: number;
  queued: number;
  duplicates: number;
  lost: number; // upstream lost_events / rate_limit_info
  received: number; // messages decoded by the agent streams
  malformed: number;
  detection: { evaluated: number; backlog: number; alerts: number };
  rss: number;
  decodeInWorker: boolean;
  decodeThreads: number;
}

export type HubReport =
  | { type: 'ready'; agents: number }
  | { type: 'reached'; stored: number; firstMs: number; atMs: number }
  | { type: 'stats'; stats: HubStats }
  | { type: 'stopped' }
  | { type: 'error'; message: string };
