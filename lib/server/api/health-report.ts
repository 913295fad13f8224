import type { Hub } from '../hub';

/** /api/health: per-agent state and lag, store counts, ingest queue and losses, detection (rules, load errors, webhooks). */
export async function healthReport(hub: Hub) {
  const nowUs = Date.now() * 1000;
  const counts = await hub.store.counts();
  const agents = hub.agents.map((a) => ({
    ...a.status,
    lagMs: a.status.lastEventTimeUs === null ? null : Math.max(0, Math.round((nowUs - a.status.lastEventTimeUs) / 1000)),
  }));
  const detection = hub.detection.health();
  const degraded =
    agents.some((a) => a.state !== 'connected') || hub.batcher.stats.storeError !== null || detection.loadErrors.length > 0;
  return {
    status: degraded ? 'degraded' : 'ok',
    uptimeS: Math.round((nowUs - hub.startedAtUs) / 1e6),
    store: { kind: hub.store.kind, ...counts },
    // Several servers on one ClickHouse: this one's role and what it relayed from the others.
    cluster: { role: hub.config.role, relay: hub.relay ? { ...hub.relay.stats } : null },
    ingest: { ...hub.batcher.stats },
    lost: { total: hub.lost.total, recent: hub.lost.recent.slice(-10) },
    live: { subscribers: hub.live.subscriberCount, lastSeq: hub.live.lastSeq },
    agents,
    detection,
  };
}
