import fs from 'node:fs';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { blocksOpened } from './json-blocks';

/**
 * Where a pooled read's time goes, for finding why pages wait under ingest
 * (HOLOCRON_TRACE_READS=1; npm run bench's API-under-ingest step, bench/api-under-ingest.ts):
 * waiting for a free reader, running on it (of which on a core, and waiting for one — Linux's
 * per-thread schedstat), and the reply waiting for the event loop; with the event loop's delay
 * over the same interval. One line every `intervalMs` to the server's log; nothing when off.
 */

/** The reader thread's own figures for one query. */
export interface ReaderTiming {
  runMs: number;
  /** On a core / runnable but waiting for one: null where /proc/thread-self/schedstat is not. */
  cpuMs: number | null;
  runQueueMs: number | null;
  /** Stored JSON blocks the query decompressed (not in the reader's cache: new, grown or evicted). */
  blocks: number;
  /** Date.now() when the reply was posted. */
  postedAt: number;
}

/** This thread's [time on a core, time waiting for one] in ns, or null off Linux. */
export function threadSched(): [number, number] | null {
  try {
    const [cpu, wait] = fs.readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ').map(Number);
    return Number.isFinite(cpu) && Number.isFinite(wait) ? [cpu!, wait!] : null;
  } catch {
    return null;
  }
}

/** Starts timing a query on a reader thread; the returned function gives its figures when it ends. */
export function startReaderTiming(): () => ReaderTiming {
  const t0 = performance.now();
  const s0 = threadSched();
  const b0 = blocksOpened();
  return () => {
    const s1 = threadSched();
    return {
      runMs: performance.now() - t0,
      cpuMs: s0 && s1 ? (s1[0] - s0[0]) / 1e6 : null,
      runQueueMs: s0 && s1 ? (s1[1] - s0[1]) / 1e6 : null,
      blocks: blocksOpened() - b0,
      postedAt: Date.now(),
    };
  };
}

const COLUMNS = ['queued', 'run', 'cpu', 'runQueue', 'reply', 'total', 'blocks'] as const;
type Sample = Record<(typeof COLUMNS)[number], number | null> & { method: string };

export function percentileOf(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

/** The pool's side: one sample per answered query, summarised and logged each interval. */
export class ReadTrace {
  private samples: Sample[] = [];
  private readonly delay: IntervalHistogram;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly log: (line: string) => void,
    intervalMs = 5000,
  ) {
    this.delay = monitorEventLoopDelay({ resolution: 5 });
    this.delay.enable();
    this.timer = setInterval(() => this.flush(), intervalMs);
    this.timer.unref();
  }

  /** A query (`method`) asked at `queuedAt`, started on a reader at `startedAt`, answered now. */
  add(method: string, queuedAt: number, startedAt: number, t: ReaderTiming): void {
    const now = Date.now();
    this.samples.push({ method, queued: startedAt - queuedAt, run: t.runMs, cpu: t.cpuMs, runQueue: t.runQueueMs, reply: now - t.postedAt, total: now - queuedAt, blocks: t.blocks });
  }

  /** The interval's line: each column's p50/p95 in ms, and the event loop's delay. */
  summary(): string {
    const s = this.samples.splice(0);
    const col = (k: (typeof COLUMNS)[number]) => {
      const v = s.map((x) => x[k]).filter((x): x is number => x !== null);
      const f = (p: number) => percentileOf(v, p)?.toFixed(1) ?? '-';
      return `${k} ${f(0.5)}/${f(0.95)}`;
    };
    // CPU by method (a page, the map, a lookup): which query's own cost grew.
    const methods = [...new Set(s.map((x) => x.method))].sort();
    const byMethod = methods.map((m) => {
      const v = s.filter((x) => x.method === m && x.cpu !== null).map((x) => x.cpu!);
      return `${m} ${percentileOf(v, 0.5)?.toFixed(1) ?? '-'}/${percentileOf(v, 0.95)?.toFixed(1) ?? '-'}`;
    });
    const ms = (ns: number) => (ns / 1e6).toFixed(1);
    const loop = `event loop delay p50 ${ms(this.delay.percentile(50))} p99 ${ms(this.delay.percentile(99))} max ${ms(this.delay.max)}`;
    this.delay.reset();
    return `[read trace] ${s.length} queries, ms (blocks: count) p50/p95: ${COLUMNS.map(col).join(', ')}; cpu by method: ${byMethod.join(', ') || '-'}; ${loop}`;
  }

  private flush(): void {
    this.log(this.summary());
  }

  stop(): void {
    clearInterval(this.timer);
    this.delay.disable();
  }
}
