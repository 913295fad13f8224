import type { Hub } from '../hub';
import { requestsInFlight, startDraining, trackRequests, whenNoRequests } from './lifecycle';

/**
 * SIGTERM (Kubernetes, `docker stop`) and SIGINT: stop taking work, finish what was accepted,
 * close the store, exit. Next's own handler would exit as soon as its HTTP server closes —
 * possibly before the last batch is written — so ours takes its place and runs first.
 *
 *   1. drain: /readyz fails, new API requests get 503, agents' streams are closed;
 *   2. wait (bounded) for the responses in flight to be written: an import answered 200 is stored;
 *   3. flush the ingest batch, finish detection and alert writes, close the store;
 *   4. exit 0.
 */
export function installGracefulShutdown(hub: Hub, opts: { requestGraceMs?: number; log?: (m: string) => void } = {}): void {
  const log = opts.log ?? ((m: string) => console.log(`holocron: ${m}`));
  trackRequests();
  let started = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (started) return;
    started = true;
    startDraining();
    log(`${signal}: shutting down (no new work; ${requestsInFlight()} request(s) in flight)`);
    const idle = await whenNoRequests(opts.requestGraceMs ?? 20_000);
    if (!idle) log(`${requestsInFlight()} request(s) still running after the grace period; closing anyway`);
    try {
      await hub.stop();
      const s = hub.batcher.stats;
      log(`stopped: ${s.inserted} rows stored this run, ${s.queued} left unstored${s.storeError ? ` (store error: ${s.storeError})` : ''}; store closed`);
      process.exit(s.queued > 0 ? 1 : 0);
    } catch (e) {
      console.error(`holocron: shutdown failed: ${(e as Error).message}`);
      process.exit(1);
    }
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.removeAllListeners(signal); // Next's: it would exit before the store is closed
    process.on(signal, () => void shutdown(signal));
  }
}
