import { ensureHub } from '@/lib/server/hub';
import { flowItem } from '@/lib/server/api/items';
import { handle, HttpError } from '@/lib/server/http/http-error';
import { parseIdParam } from '@/lib/server/http/list-params';
import { apiJson } from '@/lib/server/http/api-json';

export const dynamic = 'force-dynamic';

export const GET = handle(async (_request: Request, ctx: { params: Promise<{ uuid: string }> }) => {
  const id = parseIdParam('uuid', (await ctx.params).uuid);
  const hub = await ensureHub();
  const row = await hub.store.getFlow(id);
  if (!row) throw new HttpError(404, `no flow with uuid ${id} is stored (it may be older than the retention)`);
  return apiJson('GET /api/flows/[uuid]', flowItem(row));
});
