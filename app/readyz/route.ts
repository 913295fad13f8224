import { ensureHub, type Hub } from '@/lib/server/hub';
import { readiness } from '@/lib/server/ops/readiness';

export const dynamic = 'force-dynamic';

/** Readiness (no auth): 200 when the store answers and the agents are known, else 503 with the reasons. */
export async function GET(): Promise<Response> {
  const hub = await Promise.race([ensureHub().catch(() => null), new Promise<null>((r) => setTimeout(() => r(null), 2000).unref())]);
  const r = await readiness(hub as Hub | null);
  return Response.json({ status: r.ready ? 'ready' : 'not ready', reasons: r.reasons }, { status: r.ready ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
