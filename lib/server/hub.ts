import 'server-only';
import { rfc3339ToMicrosOr } from '@/lib/domain/time';
import { loadConfig, type HolocronConfig } from './config/config';
import { DetectionRunner } from './detection/detection-runner';
import { AgentStream } from './ingest/agent-stream';
import type { LostNotice } from './ingest/accept-line';
import { IngestBatcher } from './ingest/batcher';
import { LiveHub, type LiveInput } from './live/live-hub';
import type { InsertResult, Store } from './store/store';
import { openStore } from './store/open-store';

/**
 * The server's long-lived state: configuration, store, agent subscriptions, the ingest batcher
 * and the live fan-out. One per process, kept on globalThis because Next can evaluate a module
 * more than once (instrumentation and route bundles); started from instrumentation.ts.
 */
export interface Hub {
  config: HolocronConfig;
  store: Store;
  batcher: IngestBatcher;
  live: LiveHub;
  detection: DetectionRunner;
  agents: AgentStream[];
  startedAtUs: number;
  lost: { total: number; recent: LostNotice[] };
  stop(): Promise<void>;
}

const KEY = Symbol.for('holocron.hub');
type Holder = { [KEY]?: Promise<Hub> };

const RETENTION_INTERVAL_MS = 60_000;

function insertedToLive(r: InsertResult): LiveInput[] {
  const out: LiveInput[] = [];
  r.flows.forEach((summary, i) => out.push({ source: 'flows', summary, json: r.flowJson[i]! }));
  r.events.forEach((summary, i) => out.push({ source: 'events', summary, json: r.eventJson[i]! }));
  return out;
}

export async function createHub(config: HolocronConfig): Promise<Hub> {
  const store = await openStore(config);
  const live = new LiveHub();
  // Subscribed before any agent starts, so every stored process event is evaluated.
  const detection = new DetectionRunner({ config, store, live }).start();
  const lost = { total: 0, recent: [] as LostNotice[] };
  const agents: AgentStream[] = [];
  const onLost = (n: LostNotice) => {
    lost.total += n.count;
    lost.recent.push(n);
    if (lost.recent.length > 100) lost.recent.shift();
    live.publish([{ source: 'lost', count: n.count, reason: n.reason, origin: n.source, atUs: n.atUs }]);
  };
  const batcher = new IngestBatcher(store, {
    maxBatch: 2000,
    maxDelayMs: 50,
    highWater: 20_000,
    onInserted: (r) => live.publish(insertedToLive(r)),
    onLost,
    onCongestion: (congested) => agents.forEach((a) => (congested ? a.pause() : a.resume())),
    log: (m) => console.warn(`[ingest] ${m}`),
  });
  // After a restart, Hubble resumes from the newest flow already stored (duplicates dropped by uuid).
  const newestFlowUs = async () => {
    const page = await store.listFlows({ q: null, sinceUs: null, untilUs: null, limit: 1, cursor: null });
    const row = page.rows[0];
    return row ? rfc3339ToMicrosOr(JSON.parse(row.json).flow?.time ?? '', 0) || null : null;
  };
  for (const endpoint of config.agents) {
    agents.push(new AgentStream(endpoint, batcher, { initialSinceUs: newestFlowUs }));
  }
  await Promise.all(agents.map((a) => a.start()));

  const retention = setInterval(() => {
    store
      .applyRetention({ maxAgeMs: config.retentionMs, maxBytes: config.maxDbBytes }, Date.now() * 1000)
      .catch((e) => console.error('[retention]', e));
  }, RETENTION_INTERVAL_MS);
  retention.unref();

  return {
    config,
    store,
    batcher,
    live,
    detection,
    agents,
    startedAtUs: Date.now() * 1000,
    lost,
    async stop() {
      clearInterval(retention);
      agents.forEach((a) => a.stop());
      await batcher.flush();
      batcher.close();
      detection.stop();
      await detection.whenIdle();
      await store.close();
    },
  };
}

/** The process's hub, started on first use with the configuration from the environment. */
export function ensureHub(): Promise<Hub> {
  const holder = globalThis as Holder;
  holder[KEY] ??= createHub(loadConfig()).catch((e) => {
    delete holder[KEY];
    throw e;
  });
  return holder[KEY];
}
