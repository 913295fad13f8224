/**
 * The Holocron server's ingest without Next: `createHub(loadConfig(…))` — the same gRPC clients,
 * batcher, store, detection and live fan-out `next start` runs — in a child process of the bench.
 * It counts what the live hub publishes (exactly the items newly stored, after their
 * transaction committed: stored and queryable) and says when the target is reached.
 *
 * argv[2]: JSON of the environment for loadConfig (HOLOCRON_AGENTS, HOLOCRON_DB, …).
 * IPC: HubCommand in, HubReport out.
 */
import { loadConfig } from '@/lib/server/config/config';
import { createHub, type Hub } from '@/lib/server/hub';
import { decodePool } from '@/lib/server/ingest/decode-pool';
import type { HubCommand, HubReport, HubStats } from './hub-protocol';

const send = (r: HubReport) => process.send?.(r);
const nowMs = () => performance.timeOrigin + performance.now();

async function main(): Promise<void> {
  const env = JSON.parse(process.argv[2] ?? '{}') as Record<string, string>;
  const hub: Hub = await createHub(loadConfig(env));
  let stored = 0;
  let firstMs: number | null = null;
  let target = Infinity;
  let reachedMs: number | null = null;
  hub.live.subscribe((items) => {
    for (const i of items) if (i.source === 'flows' || i.source === 'events') stored++;
    firstMs ??= nowMs();
    if (reachedMs === null && stored >= target) {
      reachedMs = nowMs();
      send({ type: 'reached', stored, firstMs, atMs: reachedMs });
    }
  });

  const stats = async (): Promise<HubStats> => {
    const counts = await hub.store.counts();
    return {
      stored,
      rows: counts.flows + counts.events,
      flows: counts.flows,
      events: counts.events,
      dbBytes: counts.bytes,
      queued: hub.batcher.stats.queued,
      duplicates: hub.batcher.stats.duplicates,
      lost: hub.lost.total,
      received: hub.agents.reduce((n, a) => n + a.status.received, 0),
      malformed: hub.agents.reduce((n, a) => n + a.status.malformed, 0),
      detection: { evaluated: hub.detection.stats.evaluated, backlog: hub.detection.health().backlog, alerts: hub.detection.stats.alerts },
      rss: process.memoryUsage().rss,
      decodeInWorker: decodePool().inWorker,
      decodeThreads: decodePool().threads,
    };
  };

  process.on('message', (cmd: HubCommand) => {
    void (async () => {
      if (cmd.type === 'target') {
        target = cmd.stored;
        reachedMs = null;
        if (stored >= target) {
          reachedMs = nowMs();
          send({ type: 'reached', stored, firstMs: firstMs ?? reachedMs, atMs: reachedMs });
        }
      } else if (cmd.type === 'stats') {
        send({ type: 'stats', stats: await stats() });
      } else if (cmd.type === 'stop') {
        await hub.stop();
        send({ type: 'stopped' });
        process.disconnect?.();
        process.exit(0);
      }
    })().catch((e) => send({ type: 'error', message: String((e as Error).stack ?? e) }));
  });
  process.on('disconnect', () => process.exit(0));
  // Ready once every thread has started (decode, writer, readers: each answers once): under tsx
  // a thread compiles its modules for 1–2 s of CPU, which a 50,000-item run would count as ingest.
  const page = { q: null, sinceUs: null, untilUs: null, limit: 1, cursor: null };
  await Promise.all([
    decodePool().decode({ kind: 'hubble', endpoint: 'warm-up', frames: [] }),
    hub.store.insert([], []),
    ...Array.from({ length: 4 }, () => hub.store.listFlows(page)),
  ]);
  send({ type: 'ready', agents: hub.config.agents.length });
}

main().catch((e) => {
  console.error(`bench hub: ${(e as Error).stack ?? e}`);
  process.exit(1);
});
