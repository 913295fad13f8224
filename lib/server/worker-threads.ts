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
 * HOLOCRON_INGEST_NICE=0 keeps ingest at the server's priority.
 */
export const INGEST_NICE = 10;

/** HOLOCRON_INGEST_NICE: the nice value of ingest's threads, 0 (the server's own) to 19. */
export function parseIngestNice(text: string | undefined): number {
  if (text === undefined || text === '') return INGEST_NICE;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 19) throw new Error(`"${text}" is not a nice value from 0 to 19`);
  return n;
}

export function runAsIngestThread(env: NodeJS.ProcessEnv = process.env): void {
  try {
    // The server checked the variable at start (config.ts); never raises a priority either.
    const nice = parseIngestNice(env.HOLOCRON_INGEST_NICE);
    if (os.getPriority(0) < nice) os.setPriority(0, nice);
  } catch {
    /* a platform without per-thread priorities: ingest runs at the process's priority */
  }
}
