import { summarizeEvent } from '@/lib/domain/event-summary';
import { summarizeFlow } from '@/lib/domain/flow-summary';
import type { HubbleFlowJson, TetragonEventJson } from '@/lib/domain/wire-types';
import type { LostNotice } from '@/lib/server/ingest/accept-line';
import type { AlertChange, LiveInput } from '@/lib/server/live/live-hub';
import type { ChContext, Table } from './ch-context';
import { toAlertRow } from '../alert-rows';
import { rowsByKey } from './ch-process-queries';
import { ch, str } from './ch-sql';
import { SLOT_SPAN, type WriteSequence } from './write-sequence';

/**
 * Live fan-out across Holocron servers that share one ClickHouse. Every row a server stores
 * lands in live_rows (flows and events through materialized views, alert changes and loss
 * notices written directly), keyed by (origin, seq). Each server polls for the rows of every
 * other origin past its watermark for that origin, reads their JSON, rebuilds the summaries
 * with the same summarisers ingest uses, and publishes them to its LiveHub marked `relayed` —
 * SSE clients see them; detection does not (it ran on the server that stored the event, so each
 * event is evaluated once in the cluster and each alert notified once).
 *
 * A writer's sequence is contiguous and its writes become visible one at a time, so a gap
 * means a write in flight: delivery stops at the gap until it fills, or — a write that failed
 * half way — for at most GAP_WAIT_MS. A server that falls far behind (more than MAX_BEHIND_POLLS
 * full polls in a row) skips to the present and says how many it skipped, as a `lost` item.
 */
export interface RelayOptions {
  intervalMs?: number;
  maxPerPoll?: number;
  log?: (message: string) => void;
}

const GAP_WAIT_MS = 3000;
const MAX_BEHIND_POLLS = 8;
const DISCOVER_EVERY_MS = 2000;
const HEARTBEAT_EVERY_MS = 30_000;

interface Origin {
  watermark: number;
  gapSince: number | null;
  fullPolls: number;
}

interface LiveRow {
  origin: string;
  seq: string;
  source: string;
  ts: string;
  id: string;
  payload: string;
}

export class ClusterRelay {
  private readonly origins = new Map<string, Origin>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private lastDiscover = 0;
  private lastHeartbeat = Date.now();
  private started = false;
  private stopped = false;
  readonly stats = { relayed: 0, skipped: 0, polls: 0, errors: 0, lastError: null as string | null };
  private readonly intervalMs: number;
  private readonly maxPerPoll: number;
  private readonly log: (message: string) => void;

  constructor(
    private readonly ctx: ChContext,
    private readonly seqs: WriteSequence,
    private readonly writeLock: <T>(fn: () => Promise<T>) => Promise<T>,
    opts: RelayOptions = {},
  ) {
    this.intervalMs = opts.intervalMs ?? 250;
    this.maxPerPoll = opts.maxPerPoll ?? 20_000;
    this.log = opts.log ?? ((m) => console.warn(`[relay] ${m}`));
  }

  /** Starts following the other servers from now on. */
  start(publish: (items: LiveInput[]) => void): this {
    const tick = async () => {
      if (this.stopped) return;
      this.running = this.poll(publish).catch((e) => {
        this.stats.errors++;
        this.stats.lastError = (e as Error).message;
        this.log(`poll failed: ${(e as Error).message}`);
      });
      await this.running;
      this.running = null;
      if (!this.stopped) this.timer = setTimeout(tick, this.intervalMs);
    };
    this.timer = setTimeout(tick, 0);
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** A loss this server saw (agent gap, upstream lost events): every server's clients should see it. */
  announceLost(notice: LostNotice): Promise<void> {
    return this.writeLock(async () => {
      const seq = this.seqs.take(1);
      await this.ctx.db.insert(
        'live_rows',
        ['origin', 'seq', 'source', 'ts', 'id', 'payload'],
        [[this.seqs.origin, seq, 'lost', notice.atUs, '', JSON.stringify(notice)]],
      );
    });
  }

  private async discover(): Promise<void> {
    const rows = await this.ctx.db.rows<{ origin: string; slot: number }>('SELECT origin, any(slot) AS slot FROM servers GROUP BY origin');
    const fresh = rows.filter((r) => r.origin !== this.seqs.origin && !this.origins.has(r.origin));
    if (!this.started && fresh.length) {
      // Servers already running when we started: follow them from their current position.
      const tops = await this.ctx.db.rows<{ origin: string; top: string }>(
        ch`SELECT origin, max(seq) AS top FROM live_rows WHERE origin IN ${fresh.map((r) => r.origin)} GROUP BY origin`,
      );
      const top = new Map(tops.map((t) => [t.origin, Number(t.top)]));
      for (const r of fresh) this.origins.set(r.origin, { watermark: top.get(r.origin) ?? Number(r.slot) * SLOT_SPAN, gapSince: null, fullPolls: 0 });
    } else {
      // Servers that started after us: everything they wrote is new to us.
      for (const r of fresh) this.origins.set(r.origin, { watermark: Number(r.slot) * SLOT_SPAN, gapSince: null, fullPolls: 0 });
    }
    this.started = true;
  }

  private async heartbeat(): Promise<void> {
    await this.ctx.db.exec(
      `INSERT INTO servers (origin, slot, host, started_at, seen_at)
       SELECT origin, slot, host, started_at, now() FROM servers WHERE origin = ${str(this.seqs.origin)} ORDER BY seen_at DESC LIMIT 1`,
    );
  }

  private async poll(publish: (items: LiveInput[]) => void): Promise<void> {
    const now = Date.now();
    if (now - this.lastDiscover >= DISCOVER_EVERY_MS || !this.started) {
      this.lastDiscover = now;
      await this.discover();
    }
    if (now - this.lastHeartbeat >= HEARTBEAT_EVERY_MS) {
      this.lastHeartbeat = now;
      await this.heartbeat();
    }
    this.stats.polls++;
    if (this.origins.size === 0) return;
    const cond = [...this.origins].map(([origin, o]) => `(origin = ${str(origin)} AND seq > ${o.watermark})`).join(' OR ');
    const rows = await this.ctx.db.rows<LiveRow>(
      `SELECT origin, seq, source, ts, id, payload FROM live_rows WHERE ${cond} ORDER BY origin, seq LIMIT ${this.maxPerPoll}`,
    );
    const byOrigin = new Map<string, LiveRow[]>();
    for (const r of rows) {
      const list = byOrigin.get(r.origin);
      if (list) list.push(r);
      else byOrigin.set(r.origin, [r]);
    }
    const deliver: LiveRow[] = [];
    for (const [name, o] of this.origins) {
      const list = byOrigin.get(name) ?? [];
      o.fullPolls = rows.length >= this.maxPerPoll && list.length > 0 ? o.fullPolls + 1 : 0;
      if (o.fullPolls > MAX_BEHIND_POLLS) {
        await this.skipAhead(name, o, publish);
        continue;
      }
      for (const r of list) {
        const seq = Number(r.seq);
        if (seq !== o.watermark + 1) {
          o.gapSince ??= now;
          if (now - o.gapSince < GAP_WAIT_MS) break;
          // The missing numbers never arrived (a write that failed): move past them.
        }
        o.gapSince = null;
        o.watermark = seq;
        deliver.push(r);
      }
    }
    if (deliver.length) {
      const items = await this.materialise(deliver);
      this.stats.relayed += items.length;
      publish(items);
    }
  }

  private async skipAhead(name: string, o: Origin, publish: (items: LiveInput[]) => void): Promise<void> {
    const [row] = await this.ctx.db.rows<{ top: string; n: string }>(
      `SELECT max(seq) AS top, count() AS n FROM live_rows WHERE origin = ${str(name)} AND seq > ${o.watermark}`,
    );
    const top = Number(row?.top ?? o.watermark);
    const skipped = Number(row?.n ?? 0);
    o.watermark = Math.max(o.watermark, top);
    o.fullPolls = 0;
    o.gapSince = null;
    this.stats.skipped += skipped;
    publish([{ source: 'lost', count: skipped, reason: 'this server fell behind the live stream of another server', origin: `relay:${name}`, atUs: Date.now() * 1000 }]);
  }

  private async materialise(rows: LiveRow[]): Promise<LiveInput[]> {
    const keysOf = (source: Table) =>
      rows.filter((r) => r.source === source).map((r) => ({ ts: Number(r.ts), seq: Number(r.seq), id: r.id }));
    const [flows, events] = await Promise.all([rowsByKey(this.ctx, 'flows', keysOf('flows')), rowsByKey(this.ctx, 'events', keysOf('events'))]);
    const json = new Map<string, string>();
    for (const r of flows) json.set(`flows:${r.id}`, r.json);
    for (const r of events) json.set(`events:${r.id}`, r.json);
    const alertIds = [...new Set(rows.filter((r) => r.source === 'alerts').map((r) => r.id))];
    const alerts = new Map<string, ReturnType<typeof toAlertRow>>();
    if (alertIds.length) {
      const found = await this.ctx.db.rows<Parameters<typeof toAlertRow>[0]>(
        `SELECT * FROM alerts WHERE ${ch`id IN ${alertIds}`} ORDER BY version DESC LIMIT 1 BY id`,
      );
      for (const a of found) alerts.set(a.id, toAlertRow(a));
    }
    const out: LiveInput[] = [];
    for (const r of rows) {
      try {
        if (r.source === 'flows' || r.source === 'events') {
          const text = json.get(`${r.source}:${r.id}`);
          if (text === undefined) continue;
          if (r.source === 'flows') out.push({ source: 'flows', summary: summarizeFlow(JSON.parse(text) as HubbleFlowJson, r.id), json: text, relayed: true });
          else out.push({ source: 'events', summary: summarizeEvent(JSON.parse(text) as TetragonEventJson, r.id), json: text, relayed: true });
        } else if (r.source === 'alerts') {
          const a = alerts.get(r.id);
          if (a) out.push({ source: 'alerts', summary: a.summary, change: r.payload as AlertChange, relayed: true });
        } else if (r.source === 'lost') {
          const n = JSON.parse(r.payload) as LostNotice;
          out.push({ source: 'lost', count: n.count, reason: n.reason, origin: n.source, atUs: n.atUs });
        }
      } catch (e) {
        this.stats.errors++;
        this.stats.lastError = `relaying ${r.source} ${r.id}: ${(e as Error).message}`;
      }
    }
    return out;
  }
}
