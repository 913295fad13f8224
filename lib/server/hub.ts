import 'server-only';
import { rfc3339ToMicrosOr } from '@/lib/domain/time';
import { loadConfig, type HolocronConfig } from './config/config';
import { DetectionRunner } from './detection/detection-runner';
import { AgentStream } from './ingest/agent-stream';
import { discoveredStreams } from './discovery/discovered-streams';
import { DiscoveryLoop } from './discovery/discovery-loop';
import { dnsLookup } from './discovery/dns-lookup';
import { k8sPodLookup } from './discovery/k8s-pods';
import { createResolver } from './discovery/resolve-addresses';
import type { LostNotice } from './ingest/accept-line';
import { IngestBatcher } from './ingest/batcher';
import { LiveHub, recordInput, type LiveInput } from './live/live-hub';
import type { ClusterFeed, InsertResult, Store } from './store/store';
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
  /** Fixed agents, then discovered ones as they appear (a vanished one stays, as 'gone'). */
  agents: AgentStream[];
  /** One per `+dns` / `+k8s` entry of HOLOCRON_AGENTS. */
  discovery: DiscoveryLoop[];
  /** With a shared (ClickHouse) store: what other servers store, relayed to this one's live clients. */
  relay: ClusterFeed | null;
  startedAtUs: number;
  lost: { total: number; recent: LostNotice[] };
  stop(): Promise<void>;
}

const KEY = Symbol.for('holocron.hub');
type Holder = { [KEY]?: Promise<Hub> };

const RETENTION_INTERVAL_MS = 60_000;

function insertedToLive(r: InsertResult): LiveInput[] {
  const out: LiveInput[] = [];
  if (r.flowRecords && r.eventRecords) {
    // Read only by the subscribers that look (detection reads process events, not flows).
    for (const rec of r.flowRecords) out.push(recordInput('flows', rec));
    for (const rec of r.eventRecords) out.push(recordInput('events', rec));
    return out;
  }
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
  // Several servers on one ClickHouse (docs/SCALE-OUT.md): each relays what the others store to
  // its own live clients — except ingest-only servers, which serve no browsers. Detection runs
  // only where an event was stored, so each event is evaluated and each alert sent once.
  const cluster = store.followCluster();
  if (cluster && config.role !== 'ingest') cluster.start((items) => live.publish(items));
  const onLost = (n: LostNotice) => {
    lost.total += n.count;
    lost.recent.push(n);
    if (lost.recent.length > 100) lost.recent.shift();
    live.publish([{ source: 'lost', count: n.count, reason: n.reason, origin: n.source, atUs: n.atUs }]);
    cluster?.announceLost(n).catch((e) => console.warn(`[relay] could not announce a loss: ${(e as Error).message}`));
  };
  // Each backend says what batches suit it (a write's fixed cost differs); at low rates batches
  // are small anyway (maxDelayMs), so latency to live clients is unchanged.
  const batcher = new IngestBatcher(store, {
    ...store.capabilities.ingestBatches,
    onInserted: (r) => live.publish(insertedToLive(r)),
    onLost,
    onCongestion: (c) => agents.forEach((a) => (c ? a.pause() : a.resume())),
    log: (m) => console.warn(`[ingest] ${m}`),
  });
  // After a restart, Hubble resumes from the newest flow already stored (duplicates dropped by uuid).
  const newestFlowUs = async () => {
    const page = await store.listFlows({ q: null, sinceUs: null, untilUs: null, limit: 1, cursor: null });
    const row = page.rows[0];
    return row ? rfc3339ToMicrosOr(JSON.parse(row.json).flow?.time ?? '', 0) || null : null;
  };
  // A query-only server opens no agent streams: give each ingest server its share of the agents.
  // With a shared store the newest stored flow may be another server's, from another relay: take
  // the relay's whole buffer instead (what is already stored is dropped as a duplicate).
  const resumeFrom = store.capabilities.sharedAcrossServers ? undefined : newestFlowUs;
  for (const endpoint of config.role === 'query' ? [] : config.agents) {
    agents.push(new AgentStream(endpoint, batcher.sinkFor(endpoint.label), { initialSinceUs: resumeFrom }));
  }
  await Promise.all(agents.map((a) => a.start()));

  // `tetragon+dns://NAME:PORT` / `tetragon+k8s://NS:PORT?selector=`: every address found is an agent, looked up periodically.
  const resolver = createResolver(config.dnsServers);
  const discovery: DiscoveryLoop[] = [];
  for (const spec of config.role === 'query' ? [] : config.discovery) {
    const target = discoveredStreams(spec, agents, (endpoint, opts) => {
      const stream = new AgentStream(endpoint, batcher.sinkFor(endpoint.label), opts);
      if (batcher.stats.congested) stream.pause(); // discovered while the store catches up: starts paused
      return stream;
    });
    const lookup = spec.via === 'k8s' ? await k8sPodLookup(spec.name, spec.selector ?? '') : dnsLookup(resolver, spec.name);
    discovery.push(new DiscoveryLoop(spec, lookup, config.discoveryIntervalMs, target));
  }
  await Promise.all(discovery.map((d) => d.start()));

  // With a shared store, the servers that ingest keep the retention (it is the store's, not theirs).
  const retention = setInterval(() => {
    if (config.role === 'query') return;
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
    discovery,
    relay: cluster,
    startedAtUs: Date.now() * 1000,
    lost,
    async stop() {
      clearInterval(retention);
      discovery.forEach((d) => d.stop());
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
