import type { AlertSummary, FalcoAlertJson } from '@/lib/domain/alerts/alert-types';
import { priorityRank } from '@/lib/domain/rules';
import { DEFAULT_BACKOFF, parseRetryAfter, retryDelayMs, type BackoffPolicy } from './backoff-schedule';
import { webhookBody } from './webhook-body';
import type { WebhookSpec } from './webhook-spec';

/**
 * Delivers new alerts to one webhook, one at a time and in order, from a bounded queue. Ingest
 * only ever calls enqueue(), which never waits: a slow or dead receiver fills the queue, and
 * alerts beyond it are dropped and counted (visible in /api/health) instead of holding memory
 * or slowing anything else down.
 *
 * Each alert is POSTed until a 2xx, a permanent refusal (4xx other than 408/429), or the last
 * attempt. The alert id goes in the body and in `Idempotency-Key`, so a receiver that got a
 * request whose answer timed out can recognise the retry.
 */
export interface WebhookStats {
  target: string;
  format: string;
  minPriority: string;
  /** Waiting plus in flight. */
  queued: number;
  delivered: number;
  retries: number;
  failed: number;
  dropped: number;
  skipped: number;
  lastStatus: number | null;
  lastError: string | null;
  lastDeliveredAt: string | null;
}

export interface WebhookSenderOptions {
  publicUrl: string;
  maxQueue?: number;
  backoff?: BackoffPolicy;
  fetch?: typeof fetch;
  log?: (message: string) => void;
  now?: () => number;
}

interface Job {
  summary: AlertSummary;
  falco: FalcoAlertJson;
}

class PermanentFailure extends Error {}

export class WebhookSender {
  readonly stats: WebhookStats;
  private readonly queue: Job[] = [];
  private running = false;
  private closed = false;
  private readonly wakeups = new Set<() => void>();
  private readonly inflight = new Set<AbortController>();
  private idle: Promise<void> = Promise.resolve();
  private readonly maxQueue: number;
  private readonly backoff: BackoffPolicy;
  private readonly fetchImpl: typeof fetch;

  constructor(
    readonly spec: WebhookSpec,
    private readonly opts: WebhookSenderOptions,
  ) {
    this.maxQueue = opts.maxQueue ?? 1000;
    this.backoff = opts.backoff ?? DEFAULT_BACKOFF;
    this.fetchImpl = opts.fetch ?? fetch;
    this.stats = {
      target: spec.label,
      format: spec.format,
      minPriority: spec.minPriority,
      queued: 0,
      delivered: 0,
      retries: 0,
      failed: 0,
      dropped: 0,
      skipped: 0,
      lastStatus: null,
      lastError: null,
      lastDeliveredAt: null,
    };
  }

  /** Queue one new alert; false when it is below the minimum priority or the queue is full. */
  enqueue(summary: AlertSummary, falco: FalcoAlertJson): boolean {
    if (this.closed) return false;
    if (priorityRank(summary.priority) > priorityRank(this.spec.minPriority)) {
      this.stats.skipped++;
      return false;
    }
    if (this.queue.length >= this.maxQueue) {
      this.stats.dropped++;
      return false;
    }
    this.queue.push({ summary, falco });
    this.stats.queued = this.queue.length + (this.running ? 1 : 0);
    if (!this.running) {
      this.running = true;
      this.idle = this.drain();
    }
    return true;
  }

  /** Resolves when the queue is empty (tests, shutdown). */
  whenIdle(): Promise<void> {
    return this.idle;
  }

  close(): void {
    this.closed = true;
    this.queue.length = 0;
    this.stats.queued = 0;
    for (const wake of this.wakeups) wake();
    for (const c of this.inflight) c.abort();
  }

  private async drain(): Promise<void> {
    try {
      for (let job = this.queue.shift(); job && !this.closed; job = this.queue.shift()) {
        this.stats.queued = this.queue.length + 1; // + the one in flight
        await this.deliver(job);
        this.stats.queued = this.queue.length;
      }
    } finally {
      this.running = false;
    }
  }

  private async deliver(job: Job): Promise<void> {
    const body = JSON.stringify(webhookBody(this.spec.format, job.summary, job.falco, this.opts.publicUrl));
    for (let attempt = 1; attempt <= this.spec.attempts && !this.closed; attempt++) {
      let retryAfterMs: number | null = null;
      try {
        const res = await this.post(body, job.summary.id);
        this.stats.lastStatus = res.status;
        if (res.ok) {
          this.stats.delivered++;
          this.stats.lastError = null;
          this.stats.lastDeliveredAt = new Date(this.opts.now?.() ?? Date.now()).toISOString();
          return;
        }
        const message = `HTTP ${res.status}`;
        if (res.status < 500 && res.status !== 408 && res.status !== 429) throw new PermanentFailure(message);
        retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), this.opts.now?.() ?? Date.now());
        this.stats.lastError = message;
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        this.stats.lastError = message;
        if (e instanceof PermanentFailure) {
          this.stats.failed++;
          this.opts.log?.(`webhook ${this.spec.label}: alert ${job.summary.id} refused (${message}); not retried`);
          return;
        }
      }
      if (attempt < this.spec.attempts) {
        this.stats.retries++;
        await this.sleep(retryDelayMs(attempt, this.backoff, retryAfterMs));
      }
    }
    if (this.closed) return;
    this.stats.failed++;
    this.opts.log?.(`webhook ${this.spec.label}: alert ${job.summary.id} not delivered after ${this.spec.attempts} attempts (${this.stats.lastError})`);
  }

  private async post(body: string, alertId: string): Promise<Response> {
    const controller = new AbortController();
    this.inflight.add(controller);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.spec.timeoutMs);
    try {
      const res = await this.fetchImpl(this.spec.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'holocron-alerts',
          'idempotency-key': alertId,
          ...(this.spec.authorization ? { authorization: this.spec.authorization } : {}),
        },
        body,
        signal: controller.signal,
        redirect: 'error',
      });
      // Read the body so the connection is reused, but never wait on a receiver that streams forever.
      await res.arrayBuffer().catch(() => undefined);
      return res;
    } catch (e) {
      if (timedOut) throw new Error(`timed out after ${this.spec.timeoutMs} ms`);
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new Error(cause?.code ?? cause?.message ?? (e as Error).message);
    } finally {
      clearTimeout(timer);
      this.inflight.delete(controller);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeups.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeups.add(done);
    });
  }
}
