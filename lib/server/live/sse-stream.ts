import { compileEventMatcher, compileFlowMatcher } from '@/lib/domain/query/match';
import type { ParsedQuery } from '@/lib/domain/query/parse';
import { sseFrame, type LiveBatchItem, type LiveMessages } from '@/lib/contract/stream';
import type { LiveHub, LiveItem } from './live-hub';

/**
 * One Server-Sent Events client. Items are batched (at most every `batchMs`) and queued per
 * client up to `maxQueued`; a browser that reads too slowly loses the overflow and is told how
 * much with a `lost` event, so server memory stays flat whatever the client does. Each batch
 * carries the last sequence number as its SSE id, so a reconnect resumes with Last-Event-ID.
 */
export interface SseOptions {
  sources: ReadonlySet<LiveSource>;
  q: ParsedQuery | null;
  lastEventId: number | null;
  batchMs?: number;
  maxQueued?: number;
  heartbeatMs?: number;
  /** Matching time a filtered client may use, per second of wall time (see MatchBudget). */
  matchMsPerSecond?: number;
}

/** What a client can subscribe to; `alerts` items carry the alert summary plus `change`. */
export type LiveSource = 'flows' | 'events' | 'alerts';

type Wire = LiveBatchItem;

export function sseResponse(live: LiveHub, opts: SseOptions, signal: AbortSignal): Response {
  const batchMs = opts.batchMs ?? 100;
  const maxQueued = opts.maxQueued ?? 5000;
  const flowMatch = opts.q?.source === 'flows' ? compileFlowMatcher(opts.q) : null;
  const eventMatch = opts.q?.source === 'events' ? compileEventMatcher(opts.q) : null;
  const budget = flowMatch || eventMatch ? new MatchBudget(opts.matchMsPerSecond ?? 50) : null;
  let overBudget = 0;
  const encoder = new TextEncoder();
  let queue: Wire[] = [];
  let lost = 0;
  let lastSeq = opts.lastEventId ?? live.lastSeq;
  let unsubscribe = () => {};
  let timer: NodeJS.Timeout | null = null;
  let heartbeat: NodeJS.Timeout | null = null;
  let closed = false;

  const wants = (i: LiveItem): Wire | null => {
    if (i.source === 'lost') return null;
    if (!opts.sources.has(i.source)) return null;
    if (i.source === 'alerts') return { seq: i.seq, source: i.source, item: { ...i.summary, change: i.change } };
    if (i.source === 'flows') return flowMatch && !flowMatch(i.summary) ? null : { seq: i.seq, source: i.source, item: i.summary };
    return eventMatch && !eventMatch(i.summary) ? null : { seq: i.seq, source: i.source, item: i.summary };
  };
  const upstreamLost: LiveMessages['lost'][] = [];

  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const send = (text: string) => {
          if (!closed) controller.enqueue(encoder.encode(text));
        };
        const flush = () => {
          timer = null;
          if (closed) return;
          // The stream's own queue is full: the client is not reading. Keep ours bounded instead.
          if ((controller.desiredSize ?? 1) <= 0) {
            schedule();
            return;
          }
          if (lost > 0) {
            send(sseFrame('lost', { count: lost, reason: 'client too slow' }));
            lost = 0;
          }
          if (overBudget > 0) {
            send(sseFrame('lost', { count: overBudget, reason: `live filter over its matching budget (${budget!.msPerSecond} ms/s)` }));
            overBudget = 0;
          }
          for (const u of upstreamLost.splice(0)) send(sseFrame('lost', u));
          if (queue.length) {
            const batch = queue;
            queue = [];
            lastSeq = batch[batch.length - 1]!.seq;
            send(sseFrame('batch', batch, lastSeq));
          }
        };
        const schedule = () => {
          if (!timer && !closed) timer = setTimeout(flush, batchMs);
        };
        const accept = (items: readonly LiveItem[]) => {
          budget?.refill();
          const started = budget ? performance.now() : 0;
          for (let n = 0; n < items.length; n++) {
            const i = items[n]!;
            if (budget && !budget.allows(performance.now() - started)) {
              // This client's filter has used its share of the thread: the rest of the batch is
              // counted, not matched, so one costly filter cannot slow the stream for others.
              overBudget += items.length - n;
              break;
            }
            if (i.source === 'lost') {
              upstreamLost.push({ count: i.count, reason: i.reason, origin: i.origin });
              continue;
            }
            const w = wants(i);
            if (!w) continue;
            if (queue.length >= maxQueued) lost++;
            else queue.push(w);
          }
          budget?.spend(performance.now() - started);
          schedule();
        };
        send(`retry: 2000\n${sseFrame('hello', { lastSeq })}`);
        if (opts.lastEventId !== null) {
          const { items, missed } = live.since(opts.lastEventId);
          if (missed > 0) lost += missed;
          accept(items);
        }
        unsubscribe = live.subscribe(accept);
        heartbeat = setInterval(() => {
          if ((controller.desiredSize ?? 1) > 0) send(`: keepalive\n\n`);
        }, opts.heartbeatMs ?? 15_000);
        const close = () => {
          if (closed) return;
          closed = true;
          unsubscribe();
          if (timer) clearTimeout(timer);
          if (heartbeat) clearInterval(heartbeat);
          queue = [];
          try {
            controller.close();
          } catch {
            /* already closed */
          }
        };
        signal.addEventListener('abort', close, { once: true });
      },
      cancel() {
        closed = true;
        unsubscribe();
        if (timer) clearTimeout(timer);
        if (heartbeat) clearInterval(heartbeat);
        queue = [];
      },
    },
    { highWaterMark: 64 },
  );
  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    },
  });
}

/**
 * A filtered client's matching time, as a token bucket: `msPerSecond` of matching per second of
 * wall time, up to two seconds' worth saved. RE2 keeps each match linear, but a hostile filter
 * (30 ORed `(.*a){12}`) on wide strings, times many clients, would still take the thread that
 * serves everyone; past its share a client is told what it missed instead.
 */
export class MatchBudget {
  private tokens: number;
  private at = performance.now();

  constructor(readonly msPerSecond: number) {
    this.tokens = msPerSecond * 2;
  }

  refill(): void {
    const now = performance.now();
    this.tokens = Math.min(this.msPerSecond * 2, this.tokens + ((now - this.at) / 1000) * this.msPerSecond);
    this.at = now;
  }

  /** Whether a batch that has used `usedMs` so far may go on. */
  allows(usedMs: number): boolean {
    return this.tokens - usedMs > 0;
  }

  spend(ms: number): void {
    this.tokens -= ms;
  }
}
