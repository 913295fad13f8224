import { ensureHub } from '@/lib/server/hub';
import { flowProcesses } from '@/lib/server/api/flow-processes';
import { flowItem } from '@/lib/server/api/items';
import { handle, HttpError } from '@/lib/server/http/http-error';
import { parseIdParam } from '@/lib/server/http/list-params';
import { apiJson } from '@/lib/server/http/api-json';

export const dynamic = 'force-dynamic';

/** GET /api/flows/<uuid>/processes — the process that made the connection, and the destination pod's processes. */
export const GET = handle(async (_request: Request, ctx: { params: Promise<{ uuid: string }> }) => {
  const id = parseIdParam('uuid', (await ctx.params).uuid);
  const hub = await ensureHub();
  const row = await hub.store.getFlow(id);
  if (!row) throw new HttpError(404, `no flow with uuid ${id} is stored (it may be older than the retention)`);
  return apiJson('GET /api/flows/[uuid]/processes', await flowProcesses(hub.store, flowItem(row)));
});
