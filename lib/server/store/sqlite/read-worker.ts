import { parentPort, workerData } from 'node:worker_threads';
import { HttpError } from '../../http/http-error';
import { withBudget } from './query-budget';
import type { ReadReply, ReadRequest } from './read-protocol';
import { startReaderTiming } from './read-trace';
import { SqliteStore } from './sqlite-store';

/**
 * A reader thread's entry point (read-pool.ts): its own read-only connection to the store's file,
 * one query at a time, each within its budget. A query that runs away stops itself at the next
 * per-row check (query-budget.ts); if it cannot (SQLite busy in C), the pool terminates the thread.
 */
const { file } = workerData as { file: string };
const store = new SqliteStore(file, { reader: true });

function answer(req: ReadRequest): Promise<unknown> {
  const method = store[req.method] as (...args: unknown[]) => Promise<unknown>;
  return withBudget(req.budget, () => method.apply(store, req.args));
}

function transferable(result: unknown): ArrayBuffer[] {
  const bytes = (result as { bytes?: unknown } | null)?.bytes;
  return bytes instanceof Uint8Array && bytes.buffer instanceof ArrayBuffer ? [bytes.buffer] : [];
}

parentPort?.on('message', (req: ReadRequest) => {
  const timing = req.trace ? startReaderTiming() : null;
  answer(req).then(
    // An export's bytes move to the main thread rather than being copied (read-protocol.ts).
    (result) => parentPort!.postMessage({ id: req.id, ok: true, result, ...(timing ? { timing: timing() } : {}) } satisfies ReadReply, transferable(result)),
    (e: unknown) => {
      const err = e as Error & { code?: string; limit?: string };
      const reply: ReadReply =
        e instanceof HttpError
          ? { id: req.id, ok: false, error: err.message, status: e.status, param: e.param }
          : { id: req.id, ok: false, error: err.message, code: err.limit ? `budget:${err.limit}` : err.code };
      parentPort!.postMessage(reply);
    },
  );
});
