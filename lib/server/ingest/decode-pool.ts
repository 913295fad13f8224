import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { isTsEntryError, startTsxWorker } from '../worker-threads';
import type { EventSummary, FlowSummary } from '@/lib/domain/records';
import { chunkRecords, RecordChunk } from '@/lib/server/store/record-chunk';
import { decodeFrames, type DecodedBatch, type FrameBatch, type IngestAction } from './decode-frames';

/** As written, for Turbopack (see worker-threads.ts); from sources, through tsx instead. */
function startWorker(): Worker {
  return new Worker(new URL('./decode-worker.ts', import.meta.url));
}

function pack(id: number, batch: FrameBatch): { message: object; transfer: ArrayBuffer[] } {
  const total = batch.frames.reduce((n, f) => n + f.length, 0);
  const data = new Uint8Array(total);
  const ends: number[] = [];
  let at = 0;
  for (const f of batch.frames) {
    data.set(f, at);
    at += f.length;
    ends.push(at);
  }
  return { message: { id, kind: batch.kind, endpoint: batch.endpoint, data, ends }, transfer: [data.buffer] };
}

interface Job {
  batch: FrameBatch;
  result: DecodedBatch | null; // decoded, waiting for the batches before it
  resolve: (r: DecodedBatch) => void;
  reject: (e: Error) => void;
}

/** A worker's answer: lost notices and counts as they are, records in one transferred chunk per kind. */
export type PackedReply = {
  id: number;
  ok: true;
  result: DecodedBatch; // its actions: the lost notices only
  flows: { bytes: Uint8Array; count: number } | null;
  events: { bytes: Uint8Array; count: number } | null;
};
type Reply = PackedReply | { id: number; ok: false; error: string };

/** The records of a reply, as positions in their chunk (read on this thread only if asked). */
function unpackReply(m: PackedReply): DecodedBatch {
  const actions: IngestAction[] = m.result.actions;
  if (m.flows) for (const rec of chunkRecords<FlowSummary>(new RecordChunk(m.flows.bytes, m.flows.count))) actions.push({ t: 'flow', rec });
  if (m.events) for (const rec of chunkRecords<EventSummary>(new RecordChunk(m.events.bytes, m.events.count))) actions.push({ t: 'event', rec });
  return m.result;
}

/** Decode threads: one per core beyond the two that the main thread and the SQLite writer keep busy, at least one and at most four. */
export function decodeWorkerCount(env: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): number {
  const asked = Number(env.HOLOCRON_DECODE_WORKERS);
  if (Number.isInteger(asked) && asked >= 1) return Math.min(asked, 8);
  return Math.max(1, Math.min(4, cores - 2));
}

/**
 * Decoding off the main thread: protobuf decode, protojson, summaries, ids and the stored JSON
 * text (decode-frames.ts) run in worker threads, so the main thread is left with the store
 * writes, detection, the live fan-out and HTTP (`npm run bench`: decode was ~40 % of the main
 * thread's ingest time). Batches go to the workers in turn and their results are handed back in
 * the order the batches were sent (a batch decoded early waits for the ones before it). Frames
 * are packed into one transferred buffer per batch (a Buffer from gRPC may be a view of a much
 * larger one, which a structured clone would copy whole).
 *
 * Where a worker cannot run this module (a test runner that does not transform worker code), or
 * if a worker dies, batches are decoded inline, in the same order: ingest is slower, never lost.
 */
export class DecodePool {
  private workers: Worker[] = [];
  private readonly jobs = new Map<number, Job>(); // insertion order = submission order
  private nextId = 1;
  private turn = 0;
  private triedTsx = false;

  constructor(
    private readonly log: (msg: string) => void = (m) => console.warn(`[ingest] ${m}`),
    private readonly count = decodeWorkerCount(),
  ) {
    try {
      for (let i = 0; i < count; i++) this.attach(startWorker());
    } catch (e) {
      this.fallBack(`decode worker unavailable (${(e as Error).message}); decoding on the main thread`);
    }
  }

  private attach(worker: Worker): void {
    worker.on('message', (m: Reply) => this.onReply(m));
    worker.on('error', (e: Error & { code?: string }) => this.onWorkerError(e));
    worker.on('exit', (code) => this.fallBack(`decode worker exited (${code}); decoding on the main thread`));
    worker.unref(); // never the reason a process stays up (after the listeners, which would ref it)
    this.workers.push(worker);
  }

  private onWorkerError(e: Error & { code?: string }): void {
    if (!this.triedTsx && isTsEntryError(e)) {
      // Running from sources: start them again through tsx, and resend what the first ones never read.
      this.triedTsx = true;
      this.detach();
      try {
        for (let i = 0; i < this.count; i++) this.attach(startTsxWorker(import.meta.url, 'decode-worker.ts'));
        for (const [id, job] of this.jobs) if (!job.result) this.post(id, job);
        return;
      } catch (err) {
        e = err as Error;
      }
    }
    this.fallBack(`decode worker failed (${e.message.split('\n')[0]}); decoding on the main thread`);
  }

  private post(id: number, job: Job): void {
    const worker = this.workers[this.turn++ % this.workers.length]!;
    const { message, transfer } = pack(id, job.batch);
    worker.postMessage(message, transfer);
  }

  private detach(): void {
    const workers = this.workers;
    this.workers = [];
    for (const w of workers) {
      w.removeAllListeners();
      w.on('error', () => {});
      void w.terminate().catch(() => {});
    }
  }

  get inWorker(): boolean {
    return this.workers.length > 0;
  }

  /** Threads decoding (0: decoding inline). */
  get threads(): number {
    return this.workers.length;
  }

  decode(batch: FrameBatch): Promise<DecodedBatch> {
    if (!this.workers.length) return Promise.resolve().then(() => decodeFrames(batch));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const job: Job = { batch, result: null, resolve, reject };
      this.jobs.set(id, job);
      this.post(id, job);
    });
  }

  private onReply(m: Reply): void {
    const job = this.jobs.get(m.id);
    if (!job) return;
    if (m.ok) job.result = unpackReply(m);
    else {
      try {
        job.result = decodeFrames(job.batch);
      } catch (e) {
        this.jobs.delete(m.id);
        job.reject(e as Error);
      }
    }
    this.settleInOrder();
  }

  /** Hand back the decoded batches at the front, in the order they were sent. */
  private settleInOrder(): void {
    for (const [id, job] of this.jobs) {
      if (!job.result) return;
      this.jobs.delete(id);
      job.resolve(job.result);
    }
  }

  private runInline(job: Job): void {
    try {
      job.resolve(job.result ?? decodeFrames(job.batch));
    } catch (e) {
      job.reject(e as Error);
    }
  }

  private fallBack(reason: string): void {
    if (!this.workers.length && !this.jobs.size && !reason) return;
    this.detach();
    if (reason) this.log(reason);
    const pending = [...this.jobs.values()];
    this.jobs.clear();
    for (const job of pending) this.runInline(job);
  }

  close(): void {
    this.fallBack('');
  }
}

const KEY = Symbol.for('holocron.decodePool');
type Holder = { [KEY]?: DecodePool };

/** The process's decode pool (shared by every agent stream), started on first use. */
export function decodePool(): DecodePool {
  const holder = globalThis as Holder;
  holder[KEY] ??= new DecodePool();
  return holder[KEY];
}
