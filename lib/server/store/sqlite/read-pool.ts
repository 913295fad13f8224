import { Worker } from 'node:worker_threads';
import { HttpError } from '../../http/http-error';
import { isTsEntryError, startTsxWorker } from '../../worker-threads';
import type { ExportFormat } from '@/lib/contract/export-format';
import type { Page, PodEventsQuery, RenderedAnswer, Store, StoredRow } from '../store';
import { AnswerCache } from '../answer-cache';
import { rowBudgetMessage, timeBudgetMessage } from '../query-limits';
import type { QueryBudget } from './query-budget';
import { exportPages, exportRowPages, type ExportPage, type ExportQuery } from './export-pages';
import { ReadTrace } from './read-trace';
import { POOLED_READS, type PooledRead, type ReaderMethod, type ReadReply, type ReadRequest } from './read-protocol';
import type { SqliteStore } from './sqlite-store';
import type { ReadPoolHealth } from '@/lib/contract/health';

/**
 * Read queries off the event loop. better-sqlite3 runs a query synchronously: on the thread that
 * serves HTTP, one slow filter (a regex over every stored argument, a wide time range) held
 * /api/health, logins and every live stream until it finished. Here the store's read methods
 * run on a few reader threads, each with its own read-only connection (WAL: readers never wait
 * for the writer), one query at a time, within a budget (query-budget.ts): past its time or row
 * limit a query stops with a 503 naming the limit; if it cannot stop itself (SQLite busy in C
 * code), its thread is terminated and replaced. The main thread only posts and receives.
 *
 * The wrapper is generic (withReadPool): any method listed in POOLED_READS is called by name on a
 * reader's own SqliteStore, so the store's SQL can change without touching this file.
 *
 * Two classes of work, one queue each: what someone waits for (a page, the map, a tree, a deep
 * link) and bulk (an export's batches). A free reader takes the oldest waiting query first and
 * bulk only when none waits, so a page asked for during 20 exports waits for at most the batch a
 * reader is on (a few ms), not behind every export's next batch in the queue.
 */
function startReader(file: string): Worker {
  return new Worker(new URL('./read-worker.ts', import.meta.url), { workerData: { file } });
}

const GRACE_MS = 1000;
const MAX_QUEUE = 256;
const MAX_START_FAILURES = 3;

interface Job {
  id: number;
  method: ReaderMethod;
  args: unknown[];
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  queuedAt: number;
  startedAt?: number;
}

/** `query`: someone waits for it; `bulk`: an export's batch, taken only when no query waits. */
export type ReadPriority = 'query' | 'bulk';

interface Reader {
  worker: Worker;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  triedTsx: boolean;
  /** Has answered a query: its thread could start (a failure before that counts against starting at all). */
  answered: boolean;
}

/** As /api/health reports it (lib/contract/health.ts). */
export type ReadPoolStats = ReadPoolHealth;

export class ReadPool {
  private readers: Reader[] = [];
  private readonly queue: Job[] = [];
  private readonly bulk: Job[] = [];
  private nextId = 1;
  private startFailures = 0;
  private closed = false;
  readonly stats: ReadPoolStats;
  /** HOLOCRON_TRACE_READS: where each query's time went, logged every few seconds (read-trace.ts). */
  private readonly trace: ReadTrace | null;

  constructor(
    private readonly file: string,
    private readonly budget: QueryBudget,
    private readonly inline: Store & Pick<SqliteStore, 'exportPage'>,
    private readonly size = 2,
    private readonly log: (m: string) => void = (m) => console.warn(`[store] ${m}`),
    traceReads = !!process.env.HOLOCRON_TRACE_READS,
  ) {
    this.stats = { threads: 0, busy: 0, queued: 0, queries: 0, overBudget: 0, terminated: 0, inline: false };
    this.trace = traceReads ? new ReadTrace((line) => console.log(line)) : null;
    for (let i = 0; i < size; i++) this.spawn();
  }

  /** A reader has nothing to do and nothing waits: work asked now starts at once and delays no one. */
  idle(): boolean {
    return !this.stats.inline && this.waiting() === 0 && this.readers.some((r) => !r.job);
  }

  private waiting(): number {
    return this.queue.length + this.bulk.length;
  }

  run(method: ReaderMethod, args: unknown[], priority: ReadPriority = 'query'): Promise<unknown> {
    if (this.stats.inline || this.closed) return (this.inline[method] as (...a: unknown[]) => Promise<unknown>).apply(this.inline, args);
    this.stats.queries++;
    if (this.waiting() >= MAX_QUEUE) {
      return Promise.reject(new HttpError(503, `too many queries waiting (${MAX_QUEUE}); try again shortly`));
    }
    return new Promise((resolve, reject) => {
      (priority === 'bulk' ? this.bulk : this.queue).push({ id: this.nextId++, method, args, resolve, reject, queuedAt: Date.now() });
      this.pump();
    });
  }

  /** The next job: the oldest query, else the oldest bulk batch. */
  private next(): Job | undefined {
    return this.queue.shift() ?? this.bulk.shift();
  }

  private spawn(): void {
    if (this.closed) return;
    let worker: Worker;
    try {
      worker = startReader(this.file);
    } catch (e) {
      this.startFailed(e as Error);
      return;
    }
    this.attach({ worker, job: null, timer: null, triedTsx: false, answered: false });
  }

  private attach(reader: Reader): void {
    const { worker } = reader;
    worker.on('message', (m: ReadReply) => this.onReply(reader, m));
    worker.on('error', (e: Error & { code?: string }) => this.onError(reader, e));
    worker.on('exit', () => this.drop(reader, new Error('reader thread exited')));
    worker.unref();
    this.readers.push(reader);
    this.stats.threads = this.readers.length;
    this.pump();
  }

  private onError(reader: Reader, e: Error & { code?: string }): void {
    if (!reader.triedTsx && isTsEntryError(e)) {
      // From sources (tsx, vitest): the same entry through tsx, with the query it was given.
      const job = reader.job;
      this.detach(reader);
      // First in line again: attach() hands the new reader the next waiting query, and a second
      // dispatch after it would replace that one's job (its answer then never resolved it).
      if (job) this.queue.unshift(job);
      try {
        const worker = startTsxWorker(import.meta.url, 'read-worker.ts', { workerData: { file: this.file } });
        this.attach({ worker, job: null, timer: null, triedTsx: true, answered: false });
      } catch (err) {
        this.startFailed(err as Error);
      }
      return;
    }
    if (!reader.answered) this.startFailed(e);
    this.drop(reader, e);
  }

  private startFailed(e: Error): void {
    if (++this.startFailures < MAX_START_FAILURES) return;
    // No thread can run here: answer on the store's own connection (slower, still budgeted by nothing but RE2's linear time).
    this.stats.inline = true;
    this.log(`reader threads unavailable (${e.message.split('\n')[0]}); reading on the main thread`);
    for (const job of [...this.queue.splice(0), ...this.bulk.splice(0)]) this.run(job.method, job.args).then(job.resolve, job.reject);
  }

  private detach(reader: Reader): void {
    if (reader.timer) clearTimeout(reader.timer);
    reader.worker.removeAllListeners();
    reader.worker.on('error', () => {});
    this.readers = this.readers.filter((r) => r !== reader);
    this.stats.threads = this.readers.length;
    this.stats.busy = this.readers.filter((r) => r.job).length;
  }

  /** A reader that died or was terminated: its query fails, a fresh thread takes its place. */
  private drop(reader: Reader, e: Error): void {
    if (!this.readers.includes(reader)) return;
    const job = reader.job;
    this.detach(reader);
    void reader.worker.terminate().catch(() => {});
    job?.reject(e);
    if (!this.stats.inline) this.spawn();
  }

  private pump(): void {
    for (const reader of this.readers) {
      if (reader.job) continue;
      const job = this.next();
      if (!job) break;
      if (Date.now() - job.queuedAt > this.budget.timeMs) {
        this.stats.overBudget++;
        job.reject(new HttpError(503, `${timeBudgetMessage(this.budget.timeMs)} (it waited behind other queries)`, 'q'));
        continue;
      }
      this.dispatch(reader, job);
    }
    this.stats.queued = this.waiting();
  }

  private dispatch(reader: Reader, job: Job): void {
    reader.job = job;
    job.startedAt = Date.now();
    this.stats.busy = this.readers.filter((r) => r.job).length;
    reader.worker.ref(); // a script that only awaits a query stays up until it is answered
    reader.timer = setTimeout(() => this.overrun(reader), this.budget.timeMs + GRACE_MS);
    reader.timer.unref();
    const req: ReadRequest = { id: job.id, method: job.method, args: job.args, budget: this.budget, ...(this.trace ? { trace: true } : {}) };
    reader.worker.postMessage(req);
  }

  /** The query did not stop itself in time: the thread is abandoned, the caller told why. */
  private overrun(reader: Reader): void {
    this.stats.overBudget++;
    this.stats.terminated++;
    this.drop(reader, new HttpError(503, timeBudgetMessage(this.budget.timeMs), 'q'));
  }

  private onReply(reader: Reader, m: ReadReply): void {
    const job = reader.job;
    if (!job || job.id !== m.id) return;
    if (m.ok && m.timing && job.method !== 'exportPage') this.trace?.add(job.method, job.queuedAt, job.startedAt ?? job.queuedAt, m.timing);
    if (reader.timer) clearTimeout(reader.timer);
    reader.timer = null;
    reader.job = null;
    reader.answered = true;
    this.startFailures = 0;
    reader.worker.unref();
    if (m.ok) job.resolve(m.result);
    else job.reject(this.errorOf(m));
    this.pump();
    this.stats.busy = this.readers.filter((r) => r.job).length;
  }

  private errorOf(m: Extract<ReadReply, { ok: false }>): Error {
    if (m.status) return new HttpError(m.status, m.error, m.param ?? null);
    if (m.code === 'budget:time' || m.code === 'budget:rows') {
      this.stats.overBudget++;
      return new HttpError(503, m.code === 'budget:rows' ? rowBudgetMessage(this.budget.maxRows) : timeBudgetMessage(this.budget.timeMs), 'q');
    }
    return Object.assign(new Error(m.error), { code: m.code });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.trace?.stop();
    for (const job of [...this.queue.splice(0), ...this.bulk.splice(0)]) job.reject(new Error('store closed'));
    const readers = this.readers.splice(0);
    await Promise.all(
      readers.map(async (r) => {
        r.job?.reject(new Error('store closed'));
        this.detachQuietly(r);
        await r.worker.terminate().catch(() => {});
      }),
    );
  }

  private detachQuietly(r: Reader): void {
    if (r.timer) clearTimeout(r.timer);
    r.worker.removeAllListeners();
    r.worker.on('error', () => {});
  }
}

const EXPORT_BATCH = 1000;

/** The store with its read methods answered by the pool; everything else goes to the store itself. */
export function withReadPool<S extends Store & Pick<SqliteStore, 'exportPage' | 'changes'>>(store: S, pool: ReadPool): S & { readPool: ReadPoolStats } {
  const pooled = new Set<string>(POOLED_READS);
  const read = (method: PooledRead) => (...args: unknown[]) => pool.run(method, args);
  // An export's batches go to the bulk queue (taken only when no one waits for a page).
  function exportRows(source: 'flows' | 'events', query: ExportQuery, batchRows = EXPORT_BATCH): AsyncIterable<StoredRow[]> {
    return exportRowPages((q) => pool.run(source === 'flows' ? 'listFlows' : 'listEvents', [q], 'bulk') as Promise<Page>, query, batchRows);
  }
  // Each batch rendered to bytes on a reader thread and transferred: the event loop only forwards
  // it, while an idle reader renders the next one (exportPages' `ahead`).
  function exportBytes(source: 'flows' | 'events', query: ExportQuery, format: ExportFormat, batchRows = EXPORT_BATCH): AsyncIterable<Uint8Array> {
    return exportPages((cursor, first) => pool.run('exportPage', [source, query, cursor, batchRows, format, first], 'bulk') as Promise<ExportPage>, format, () => pool.idle());
  }
  // The tree is asked again as is when a timeline is reopened or reloaded (answer-cache.ts).
  const trees = new AnswerCache();
  const podTreeAnswer = (query: PodEventsQuery, gzip: boolean) =>
    trees.answer(JSON.stringify([query.namespace, query.pod, query.sinceUs, query.untilUs, query.limit, gzip]), store.changes, () => pool.run('podTreeAnswer', [query, gzip]) as Promise<RenderedAnswer>);
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'podTreeAnswer') return podTreeAnswer;
      if (typeof prop === 'string' && pooled.has(prop)) return read(prop as PooledRead);
      if (prop === 'exportRows') return exportRows;
      if (prop === 'exportBytes') return exportBytes;
      if (prop === 'readPool') return pool.stats;
      if (prop === 'health') return () => ({ ...target.health(), readPool: pool.stats });
      if (prop === 'close') {
        return async () => {
          await pool.close();
          await target.close();
        };
      }
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
    has(target, prop) {
      return prop === 'readPool' || Reflect.has(target, prop);
    },
  }) as S & { readPool: ReadPoolStats };
}
