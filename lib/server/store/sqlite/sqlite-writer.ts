import { Worker } from 'node:worker_threads';
import { isTsEntryError, startTsxWorker } from '../../worker-threads';
import { forTransfer } from '../record-chunk';
import type { SqliteWrites } from './sqlite-writes';
import { insertParts } from './writer-batch';
import type { WriterOp, WriterReply } from './writer-protocol';

/**
 * Ingest's writes off the main thread. A batch's transaction is most of what ingest costs (every
 * row walks six indexes and the id's), and better-sqlite3 runs it synchronously: on the main
 * thread each 2,000-row commit stalled every API request and SSE client for ~100 ms, and the
 * other core sat idle. A worker thread with its own connection commits while the main thread
 * goes on receiving, detecting and answering (WAL: readers never wait for the writer).
 *
 * Where no thread can run (an in-memory store, a runtime that cannot load the worker) or if the
 * thread dies, the same SqliteWrites run on the store's own connection, in the same order:
 * slower, nothing lost.
 */
/** As written, for Turbopack (see worker-threads.ts); from sources, through tsx instead. */
function startWorker(file: string): Worker {
  return new Worker(new URL('./writer-worker.ts', import.meta.url), { workerData: { file } });
}

interface Job {
  op: WriterOp;
  resolve: (result: unknown) => void;
  reject: (e: Error) => void;
}

export class SqliteWriter {
  private worker: Worker | null = null;
  private readonly jobs = new Map<number, Job>(); // insertion order = submission order
  private nextId = 1;
  private triedTsx = false;

  /** `inline` holds the store's own connection's writes: the fallback, and the in-memory case. */
  constructor(
    private readonly inline: SqliteWrites,
    file: string,
    private readonly log: (msg: string) => void = (m) => console.warn(`[store] ${m}`),
  ) {
    if (file === ':memory:') return;
    try {
      this.attach(startWorker(file), file);
    } catch (e) {
      this.fallBack(`writer thread unavailable (${(e as Error).message}); writing on the main thread`);
    }
  }

  get inThread(): boolean {
    return this.worker !== null;
  }

  /**
   * How many times the thread was given up. A batch in flight across a fallback may have been
   * committed by the thread before it died: its re-run here then finds duplicates, so what it
   * says it stored is not what was added (the store recounts instead).
   */
  fallbacks = 0;

  private attach(worker: Worker, file: string): void {
    worker.on('message', (m: WriterReply) => this.onReply(m));
    worker.on('error', (e: Error & { code?: string }) => this.onWorkerError(e, file));
    worker.on('exit', (code) => this.fallBack(`writer thread exited (${code}); writing on the main thread`));
    worker.unref(); // idle, never the reason a process stays up; busy, it is (see run)
    this.worker = worker;
  }

  private onWorkerError(e: Error & { code?: string }, file: string): void {
    if (!this.triedTsx && isTsEntryError(e)) {
      // Running from sources: start it again through tsx and resend what the first one never read.
      this.triedTsx = true;
      this.detach();
      try {
        this.attach(startTsxWorker(import.meta.url, 'writer-worker.ts', { workerData: { file } }), file);
        if (this.jobs.size) this.worker!.ref();
        for (const [id, job] of this.jobs) this.post(id, job.op);
        return;
      } catch (err) {
        e = err as Error;
      }
    }
    this.fallBack(`writer thread failed (${e.message.split('\n')[0]}); writing on the main thread`);
  }

  run<T>(op: WriterOp): Promise<T> {
    if (!this.worker) return Promise.resolve().then(() => this.runInline(op) as T);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      // A script that only awaits the store (an import, the bench) would otherwise exit with the
      // batch unanswered: an unref'd thread and a pending promise keep nothing alive.
      if (this.jobs.size === 0) this.worker!.ref();
      this.jobs.set(id, { op, resolve: resolve as (r: unknown) => void, reject });
      this.post(id, op);
    });
  }

  /** An insert's chunks go as copies the thread owns (forTransfer); `op` keeps the originals. */
  private post(id: number, op: WriterOp): void {
    if (op.op !== 'insert') return this.worker!.postMessage({ ...op, id });
    const flows = forTransfer(op.batch.flows);
    const events = forTransfer(op.batch.events);
    this.worker!.postMessage({ ...op, id, batch: { flows: flows.parts, events: events.parts } }, [...flows.transfer, ...events.transfer]);
  }

  private runInline(op: WriterOp): unknown {
    switch (op.op) {
      case 'insert':
        return insertParts(this.inline, op.batch);
      case 'retention':
        return this.inline.retention(op.policy, op.nowUs);
      case 'alerts':
        return this.inline.alerts().record(op.occurrences, op.windowUs);
      case 'pruneAlerts':
        return this.inline.alerts().prune(op.beforeUs);
      case 'pragma':
        return this.inline.pragma(op.statement);
      case 'close':
        return null;
    }
  }

  private onReply(m: WriterReply): void {
    const job = this.jobs.get(m.id);
    if (!job) return;
    this.jobs.delete(m.id);
    if (this.jobs.size === 0) this.worker?.unref();
    if (m.ok) job.resolve(m.result);
    else job.reject(Object.assign(new Error(m.error), { code: m.code }));
  }

  private detach(): Worker | null {
    const w = this.worker;
    this.worker = null;
    if (!w) return null;
    w.removeAllListeners();
    w.on('error', () => {});
    return w;
  }

  private fallBack(reason: string): void {
    this.fallbacks++;
    const w = this.detach();
    if (w) void w.terminate().catch(() => {});
    if (reason) this.log(reason);
    // What the thread never answered runs here, in order; a batch it had committed is then
    // found to be duplicates (ids are unique), never stored twice.
    const pending = [...this.jobs.values()];
    this.jobs.clear();
    for (const job of pending) {
      try {
        job.resolve(this.runInline(job.op));
      } catch (e) {
        job.reject(e as Error);
      }
    }
  }

  /** Waits for the thread to finish what it was given and close its connection. */
  async close(): Promise<void> {
    if (!this.worker) return;
    await this.run({ op: 'close' }).catch(() => {});
    const w = this.detach();
    if (w) await w.terminate().catch(() => {});
  }
}
