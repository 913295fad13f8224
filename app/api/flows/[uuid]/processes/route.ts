import { ensureHub } from '@/lib/server/hub';
import { flowProcesses } from '@/lib/server/api/flow-processes';
import { storedFlow } from '@/lib/server/api/stored-item';
import { handle } from '@/lib/server/http/http-error';
import { parseIdParam } from '@/lib/server/http/list-params';
import { apiJson } from '@/lib/server/http/api-json';

export const dynamic = 'force-dynamic';

/** GET /api/flows/<uuid>/processes — the process that made the connection, and the destination pod's processes. */
export const GET = handle(async (_request: Request, ctx: { params: Promise<{ uuid: string }> }) => {
  const id = parseIdParam('uuid', (await ctx.params).uuid);
  const { store } = await ensureHub();
  return apiJson('GET /api/flows/[uuid]/processes', await flowProcesses(store, await storedFlow(store, id)));
});
