import { Worker } from 'node:worker_threads';
import { isTsEntryError, startTsxWorker } from '../worker-threads';
import { decodeFrames, type DecodedBatch, type FrameBatch } from './decode-frames';

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
  resolve: (r: DecodedBatch) => void;
  reject: (e: Error) => void;
}

type Reply = { id: number; ok: true; result: DecodedBatch } | { id: number; ok: false; error: string };

/**
 * Decoding off the main thread: protobuf decode, protojson, summaries, ids and the stored JSON
 * text (decode-frames.ts) run in one worker thread, so the main thread is left with the store
 * writes, detection, the live fan-out and HTTP (`npm run bench`: decode was ~40 % of the main
 * thread's ingest time). One worker, so batches come back in the order they were sent. Frames are
 * packed into one transferred buffer per batch (a Buffer from gRPC may be a view of a much larger
 * one, which a structured clone would copy whole).
 *
 * Where a worker cannot run this module (a test runner that does not transform worker code), or
 * if the worker dies, batches are decoded inline, in the same order: ingest is slower, never lost.
 */
export class DecodePool {
  private worker: Worker | null = null;
  private readonly jobs = new Map<number, Job>(); // insertion order = submission order
  private nextId = 1;
  private triedTsx = false;

  constructor(private readonly log: (msg: string) => void = (m) => console.warn(`[ingest] ${m}`)) {
    try {
      this.attach(startWorker());
    } catch (e) {
      this.fallBack(`decode worker unavailable (${(e as Error).message}); decoding on the main thread`);
    }
  }

  private attach(worker: Worker): void {
    worker.on('message', (m: Reply) => this.onReply(m));
    worker.on('error', (e: Error & { code?: string }) => this.onWorkerError(e));
    worker.on('exit', (code) => this.fallBack(`decode worker exited (${code}); decoding on the main thread`));
    worker.unref(); // never the reason a process stays up (after the listeners, which would ref it)
    this.worker = worker;
  }

  private onWorkerError(e: Error & { code?: string }): void {
    if (!this.triedTsx && isTsEntryError(e)) {
      // Running from sources: start it again through tsx, and resend what the first one never read.
      this.triedTsx = true;
      this.detach();
      try {
        this.attach(startTsxWorker(import.meta.url, 'decode-worker.ts'));
        for (const [id, job] of this.jobs) this.post(id, job.batch);
        return;
      } catch (err) {
        e = err as Error;
      }
    }
    this.fallBack(`decode worker failed (${e.message.split('\n')[0]}); decoding on the main thread`);
  }

  private post(id: number, batch: FrameBatch): void {
    const { message, transfer } = pack(id, batch);
    this.worker!.postMessage(message, transfer);
  }

  private detach(): void {
    if (!this.worker) return;
    const w = this.worker;
    this.worker = null;
    w.removeAllListeners();
    w.on('error', () => {});
    void w.terminate().catch(() => {});
  }

  get inWorker(): boolean {
    return this.worker !== null;
  }

  decode(batch: FrameBatch): Promise<DecodedBatch> {
    if (!this.worker) return Promise.resolve().then(() => decodeFrames(batch));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.jobs.set(id, { batch, resolve, reject });
      this.post(id, batch);
    });
  }

  private onReply(m: Reply): void {
    const job = this.jobs.get(m.id);
    if (!job) return;
    this.jobs.delete(m.id);
    if (m.ok) job.resolve(m.result);
    else this.runInline(job);
  }

  private runInline(job: Job): void {
    try {
      job.resolve(decodeFrames(job.batch));
    } catch (e) {
      job.reject(e as Error);
    }
  }

  private fallBack(reason: string): void {
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
