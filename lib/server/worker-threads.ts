import os from 'node:os';
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

/**
 * Ingest's threads (decode, the SQLite writer) run at nice 10, the HTTP thread and the readers at
 * the process's own. With both cores busy ingesting, a page or the map would otherwise wait its
 * turn behind a decode batch or a commit (npm run bench, server: API p95 while ingesting at 80 %);
 * at nice 10 the scheduler gives a runnable reader about ten times the ingest thread's share, and
 * ingest takes whatever the reads leave. With nothing else to run, ingest is as fast as before.
 * On Linux a nice value belongs to the calling thread, so each worker sets its own.
 */
export const INGEST_NICE = 10;

export function runAsIngestThread(): void {
  try {
    // Never raises a priority: a process started at a higher nice value keeps it.
    if (os.getPriority(0) < INGEST_NICE) os.setPriority(0, INGEST_NICE);
  } catch {
    /* a platform without per-thread priorities: ingest runs at the process's priority */
  }
}
