import type { StreamMix } from './templates';

/** Messages between bench/run.ts and the feeder process (over the child's IPC channel). */
export type FeederCommand =
  /** Send `count` items (Infinity: until `stop`); `rate` null = as fast as readers take them. */
  | { type: 'go'; mix: StreamMix; count: number; rate: number | null; copyBase: number }
  | { type: 'stop' }
  | { type: 'readers' };

export type FeederReport =
  | { type: 'listening'; port: number }
  | { type: 'readers'; tetragon: number; hubble: number }
  | { type: 'started'; atMs: number }
  | { type: 'sent'; count: number; startedMs: number; atMs: number }
  | { type: 'error'; message: string };
