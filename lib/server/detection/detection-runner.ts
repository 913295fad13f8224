import 'server-only';
import { AGGREGATION_WINDOW_US } from '@/lib/domain/alerts/alert-grouping';
import type { FalcoAlertJson, RuleLoadError } from '@/lib/domain/alerts/alert-types';
import type { RuleStatus } from '@/lib/domain/rules/rule-types';
import type { EventSummary } from '@/lib/domain/records';
import type { TetragonEventJson } from '@/lib/domain/wire-types';
import type { HolocronConfig } from '../config/config';
import type { LiveHub, LiveInput, LiveItem } from '../live/live-hub';
import type { AlertOccurrence, AlertRow, AlertStore, AlertWriteResult } from '../store/alert-store';
import type { ProcessEventStore } from '../store/store';
import { recordAlertsUntilStored, type AlertPersistenceOptions } from './alert-persistence';
import { Detector, summaryEventType } from './detector';
import { FALCO_ENGINE_VERSION } from '@/lib/domain/rules/rule-loader';
import type { RuleSetReport } from '@/lib/domain/alerts/alert-types';
import { ProcessCache } from './process-cache';
import { publicBaseUrl } from './public-url';
import { formatRuleError, loadRules } from './rule-files';
import { warmProcessCache } from './warm-process-cache';
import { WebhookSender, type WebhookSenderOptions } from './webhook-sender';
import { parseWebhookSpecs } from './webhook-spec';

/**
 * Detection on the ingest path: every newly stored process event (from agents or an import —
 * both reach the live hub) runs through the rules right away; matches are recorded as alerts
 * (new, or counted into a recent one), published to live subscribers, and new alerts are handed
 * to the webhooks' queues. Rule evaluation is synchronous and cheap; the store write is chained
 * so alerts are recorded in event order; nothing here waits on a webhook.
 */
export interface DetectionOptions {
  config: Pick<HolocronConfig, 'rulesDir' | 'alertWebhooks' | 'publicUrl' | 'host' | 'port' | 'retentionMs'>;
  store: ProcessEventStore & AlertStore;
  live: LiveHub;
  cwd?: string;
  windowUs?: number;
  processCacheSize?: number;
  webhook?: Partial<Omit<WebhookSenderOptions, 'publicUrl'>>;
  log?: (message: string) => void;
  alertPersistence?: Omit<AlertPersistenceOptions, 'onRetry'>;
}

export interface DetectionStats {
  evaluated: number;
  /** Of those, read in full (the others could not match any rule by their type). */
  parsed: number;
  /** Not evaluated because the backlog was full (never expected; visible if it happens). */
  skipped: number;
  matches: number;
  alerts: number;
  repeats: number;
  duplicates: number;
  errors: number;
  /** Alert writes retried (the store was busy, full or away), and occurrences given up after every retry. */
  storeRetries: number;
  alertsLost: number;
  lastError: string | null;
  evalMicros: number;
}

const PRUNE_INTERVAL_MS = 60_000;
/** Evaluation time per event-loop turn. */
const SLICE_MS = 8;
const SLICE_EVENTS = 64;
/** Events waiting for evaluation; ingest pauses long before this (SQLite's high-water mark is 12,000 rows). */
const MAX_BACKLOG = 200_000;

export class DetectionRunner {
  readonly detector: Detector;
  readonly loadErrors: RuleLoadError[];
  readonly ruleFiles: string[];
  private readonly loaded: ReturnType<typeof loadRules>;
  /** Events evaluated since start, by evt.type: "could this rule have fired yet?" on /alerts. */
  private readonly seenTypes = new Map<string, number>();
  readonly webhooks: WebhookSender[];
  readonly stats: DetectionStats = { evaluated: 0, parsed: 0, skipped: 0, matches: 0, alerts: 0, repeats: 0, duplicates: 0, errors: 0, storeRetries: 0, alertsLost: 0, lastError: null, evalMicros: 0 };
  private writes: Promise<unknown> = Promise.resolve();
  private readonly backlog: { summary: EventSummary; json: string }[] = [];
  private draining = false;
  /** Resolves with the number of stored execs read into the process cache at start. */
  warmed: Promise<number> = Promise.resolve(0);
  /** The refill after a start is still reading (health says so: until then requests share the CPU with it, ~1 s at 1M stored). */
  private warming = false;
  private unsubscribe: () => void = () => {};
  private pruneTimer: NodeJS.Timeout | null = null;
  private readonly log: (message: string) => void;

  constructor(private readonly opts: DetectionOptions) {
    this.log = opts.log ?? ((m) => console.warn(`[detection] ${m}`));
    const loaded = loadRules({ cwd: opts.cwd ?? process.cwd(), rulesDir: opts.config.rulesDir });
    this.loaded = loaded;
    this.loadErrors = loaded.errors;
    this.ruleFiles = loaded.files;
    for (const e of loaded.errors) this.log(`rule file problem: ${formatRuleError(e)}`);
    this.detector = new Detector(loaded.rules, new ProcessCache(opts.processCacheSize));
    const publicUrl = publicBaseUrl(opts.config);
    this.webhooks = parseWebhookSpecs(opts.config.alertWebhooks).map(
      (spec) => new WebhookSender(spec, { log: this.log, ...opts.webhook, publicUrl }),
    );
  }

  get rules() {
    return this.detector.engine.rules;
  }

  /** Subscribe to newly stored events, refill the process cache, and start alert retention. */
  start(): this {
    this.unsubscribe = this.opts.live.subscribe((items) => this.onLive(items));
    this.warming = true;
    this.warmed = warmProcessCache(this.opts.store, this.detector.processes)
      .catch((e) => {
        this.log(`process cache warm-up failed: ${(e as Error).message}`);
        return 0;
      })
      .finally(() => (this.warming = false));
    const retentionMs = this.opts.config.retentionMs;
    if (retentionMs !== null) {
      this.pruneTimer = setInterval(() => {
        this.opts.store.pruneAlerts((Date.now() - retentionMs) * 1000).catch((e) => this.log(`alert retention failed: ${(e as Error).message}`));
      }, PRUNE_INTERVAL_MS);
      this.pruneTimer.unref();
    }
    return this;
  }

  private onLive(items: readonly LiveItem[]): void {
    for (const item of items) {
      // Relayed events were evaluated by the server that stored them (once per cluster).
      if (item.source !== 'events' || item.relayed) continue;
      if (this.backlog.length >= MAX_BACKLOG) {
        this.stats.skipped++;
        continue;
      }
      this.backlog.push(item);
    }
    this.scheduleDrain();
  }

  private scheduleDrain(): void {
    if (this.draining || this.backlog.length === 0) return;
    this.draining = true;
    setImmediate(() => this.drainSlice());
  }

  /**
   * Evaluate the backlog in slices of a few milliseconds, so a large ingest batch never holds
   * the event loop (HTTP, SSE, the next batch) for its whole evaluation.
   */
  private drainSlice(): void {
    const until = performance.now() + SLICE_MS;
    const occurrences: AlertOccurrence[] = [];
    do occurrences.push(...this.evaluate(this.backlog.splice(0, SLICE_EVENTS)));
    while (this.backlog.length > 0 && performance.now() < until);
    this.draining = false;
    if (occurrences.length) void this.recordInOrder(occurrences);
    this.scheduleDrain();
  }

  /** Evaluate stored events now and record what matched; resolves once the alerts are stored and published. */
  process(events: readonly { summary: EventSummary; json: string }[]): Promise<AlertWriteResult | null> {
    const occurrences = this.evaluate(events);
    return occurrences.length ? this.recordInOrder(occurrences) : Promise.resolve(null);
  }

  /**
   * Alerts raised elsewhere (a real Falco's http_output, Falcosidekick): recorded through the same
   * ordered path as Holocron's own, published live and handed to the webhooks.
   */
  recordExternal(occurrences: AlertOccurrence[]): Promise<AlertWriteResult | null> {
    this.stats.matches += occurrences.length;
    return occurrences.length ? this.recordInOrder(occurrences) : Promise.resolve(null);
  }

  private evaluate(events: readonly { summary: EventSummary; json: string }[]): AlertOccurrence[] {
    const started = performance.now();
    const occurrences: AlertOccurrence[] = [];
    let parsed = 0;
    for (const e of events) {
      const type = summaryEventType(e.summary) ?? 'uprobe';
      this.seenTypes.set(type, (this.seenTypes.get(type) ?? 0) + 1);
      if (!this.detector.wants(e.summary)) continue;
      parsed++;
      try {
        occurrences.push(...this.detector.evaluate(e.summary, JSON.parse(e.json) as TetragonEventJson));
      } catch (err) {
        // One event a rule cannot digest must not stop detection for the others.
        this.stats.errors++;
        this.stats.lastError = `event ${e.summary.id}: ${(err as Error).message}`;
      }
    }
    this.stats.evaluated += events.length;
    this.stats.parsed += parsed;
    this.stats.matches += occurrences.length;
    this.stats.evalMicros += Math.round((performance.now() - started) * 1000);
    return occurrences;
  }

  /** Store writes are chained so alerts are recorded (and aggregated) in event order. */
  private recordInOrder(occurrences: AlertOccurrence[]): Promise<AlertWriteResult | null> {
    const write = this.writes.then(() => this.record(occurrences));
    this.writes = write.catch(() => undefined);
    return write;
  }

  private async record(occurrences: AlertOccurrence[]): Promise<AlertWriteResult | null> {
    let result: AlertWriteResult;
    try {
      result = await recordAlertsUntilStored(this.opts.store, occurrences, this.opts.windowUs ?? AGGREGATION_WINDOW_US, {
        ...this.opts.alertPersistence,
        onRetry: (attempt, e) => {
          this.stats.storeRetries++;
          if (attempt === 1) this.log(`storing alerts: ${e.message}; retrying`);
        },
      });
    } catch (e) {
      this.stats.errors++;
      this.stats.alertsLost += occurrences.length;
      this.stats.lastError = `storing alerts (${occurrences.length} occurrences lost): ${(e as Error).message}`;
      this.log(this.stats.lastError);
      return null;
    }
    this.stats.alerts += result.created.length;
    this.stats.repeats += result.repeated.length;
    this.stats.duplicates += result.duplicates;
    const live: LiveInput[] = [
      ...result.created.map((r) => ({ source: 'alerts' as const, summary: r.summary, change: 'new' as const })),
      ...result.repeated.map((r) => ({ source: 'alerts' as const, summary: r.summary, change: 'repeat' as const })),
    ];
    this.opts.live.publish(live);
    // Only new alerts are notified: a repeat is counted on /alerts, not sent again.
    for (const row of result.created) this.notify(row);
    return result;
  }

  private notify(row: AlertRow): void {
    if (this.webhooks.length === 0) return;
    const falco = JSON.parse(row.json) as FalcoAlertJson;
    for (const w of this.webhooks) w.enqueue(row.summary, falco);
  }

  /** Resolves when every pending alert write is done and every webhook queue is empty. */
  async whenIdle(): Promise<void> {
    for (;;) {
      while (this.draining || this.backlog.length > 0) await new Promise((resolve) => setImmediate(resolve));
      const writes = this.writes;
      await writes;
      await Promise.all(this.webhooks.map((w) => w.whenIdle()));
      if (writes === this.writes && this.backlog.length === 0) return;
    }
  }

  /** The effective rule set: every rule of every file, what became of it, and whether it could have fired. */
  ruleSet(): RuleSetReport {
    let total = 0;
    for (const n of this.seenTypes.values()) total += n;
    const seen = (s: RuleStatus) => {
      if (s.state !== 'loaded') return 0;
      if (s.eventTypes === null) return total;
      return s.eventTypes.reduce((n, t) => n + (this.seenTypes.get(t) ?? 0), 0);
    };
    return {
      engineVersion: FALCO_ENGINE_VERSION,
      files: this.ruleFiles,
      rules: this.loaded.statuses.map((s) => ({ ...s, seen: seen(s) })),
      errors: this.loadErrors,
      notices: this.loaded.notices,
      plugins: this.loaded.plugins.map(({ name, version, file, line, provided }) => ({ name, version, file, line, provided })),
      seenTypes: Object.fromEntries([...this.seenTypes].sort((a, b) => b[1] - a[1])),
    };
  }

  health() {
    return {
      rules: this.rules.length,
      ruleFiles: this.ruleFiles,
      loadErrors: this.loadErrors,
      processCache: { size: this.detector.processes.size, capacity: this.detector.processes.capacity, warming: this.warming },
      ...this.stats,
      backlog: this.backlog.length,
      evalMicrosPerEvent: this.stats.evaluated ? Number((this.stats.evalMicros / this.stats.evaluated).toFixed(2)) : 0,
      webhooks: this.webhooks.map((w) => ({ ...w.stats })),
    };
  }

  stop(): void {
    this.unsubscribe();
    // Whatever is already stored but not yet evaluated is evaluated now, so stopping loses no alert.
    if (this.backlog.length) void this.process(this.backlog.splice(0));
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    for (const w of this.webhooks) w.close();
  }
}
