import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Holocron's worker threads (ingest decode, the SQLite writer) start as
 * `new Worker(new URL('./x-worker.ts', import.meta.url))`, written out at each call site: that is
 * the form Turbopack bundles for the built server. Run from TypeScript sources (tsx, vitest),
 * node cannot load a .ts entry and the worker fails with the error below; the caller then starts
 * the same entry through tsx instead.
 */
export function isTsEntryError(e: Error & { code?: string }): boolean {
  return e.code === 'ERR_UNKNOWN_FILE_EXTENSION' || /Unknown file extension "\.ts"/.test(e.message);
}

/** `entry` (a file beside the module at `moduleUrl`) in a worker that registers tsx first. */
export function startTsxWorker(moduleUrl: string, entry: string, options: WorkerOptions = {}): Worker {
  const file = path.join(path.dirname(fileURLToPath(moduleUrl)), entry);
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(file)});`, { ...options, eval: true });
}
