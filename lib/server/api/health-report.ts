import type { HealthReport } from '@/lib/contract/health';
import type { Hub } from '../hub';
import { decodePool } from '../ingest/decode-pool';
import { stringsCut } from '../ingest/string-cap';

/** /api/health: per-agent state and lag, store counts, ingest queue and losses, detection (rules, load errors, webhooks). */
export async function healthReport(hub: Hub): Promise<HealthReport> {
  const nowUs = Date.now() * 1000;
  const counts = await hub.store.counts();
  const agents = hub.agents.map((a) => ({
    ...a.status,
    self: a.self.info,
    lagMs: a.status.lastEventTimeUs === null ? null : Math.max(0, Math.round((nowUs - a.status.lastEventTimeUs) / 1000)),
  }));
  const detection = hub.detection.health();
  // SQLite's disk state (full, free space, WAL), reader and writer threads; null where the backend has none.
  const { disk, readPool, writerThread } = hub.store.health();
  // A discovered address that left its name ('gone') is a recorded gap, not a fault of now.
  const degraded =
    agents.some((a) => a.state !== 'connected' && a.state !== 'gone') ||
    hub.batcher.stats.storeError !== null ||
    detection.loadErrors.length > 0 ||
    disk?.state === 'full' ||
    detection.alertsLost > 0;
  return {
    status: degraded ? 'degraded' : 'ok',
    uptimeS: Math.round((nowUs - hub.startedAtUs) / 1e6),
    store: { kind: hub.store.capabilities.label, ...counts, disk, readPool },
    // Several servers on one ClickHouse: this one's role and what it relayed from the others.
    cluster: { role: hub.config.role, relay: hub.relay ? { ...hub.relay.stats } : null },
    // Where ingest's work runs: decode and SQLite's commits each on their own thread, unless a
    // thread could not start (then on the main thread, slower; said here rather than guessed).
    ingest: {
      ...hub.batcher.stats,
      // Event strings longer than HOLOCRON_MAX_STRING_SIZE, cut and marked (live and imports).
      stringsCut: stringsCut(),
      decodeThread: decodePool().inWorker,
      writerThread,
    },
    lost: { total: hub.lost.total, recent: hub.lost.recent.slice(-10) },
    live: { subscribers: hub.live.subscriberCount, lastSeq: hub.live.lastSeq },
    agents,
    // `+dns` names: the addresses each resolves to now, and how many came and went.
    discovery: (hub.discovery ?? []).map((d) => ({ ...d.status })),
    detection,
  };
}
