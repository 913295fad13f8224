import { ensureHub } from '@/lib/server/hub';
import { flowContext } from '@/lib/server/api/flow-context';
import { badParam, handle, HttpError } from '@/lib/server/http/http-error';
import { parseIdParam } from '@/lib/server/http/list-params';
import { apiJson } from '@/lib/server/http/api-json';

export const dynamic = 'force-dynamic';

/**
 * GET /api/flows/<uuid>/neighbors?limit=10 — the flows just before and after this one between the
 * same endpoints (either direction), closest first, and the nodes its pods run on.
 */
export const GET = handle(async (request: Request, ctx: { params: Promise<{ uuid: string }> }) => {
  const id = parseIdParam('uuid', (await ctx.params).uuid);
  const limitText = new URL(request.url).searchParams.get('limit') ?? '10';
  if (!/^\d{1,3}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > 100) {
    throw badParam('limit', 'must be a whole number from 1 to 100');
  }
  const hub = await ensureHub();
  const context = await flowContext(hub.store, id, Number(limitText));
  if (!context) throw new HttpError(404, `no flow with uuid ${id} is stored (it may be older than the retention)`);
  return apiJson('GET /api/flows/[uuid]/neighbors', context);
});
