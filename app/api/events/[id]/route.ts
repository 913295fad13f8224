import { ensureHub } from '@/lib/server/hub';
import { eventItem } from '@/lib/server/api/items';
import { handle, HttpError } from '@/lib/server/http/http-error';
import { parseIdParam } from '@/lib/server/http/list-params';
import { apiJson } from '@/lib/server/http/api-json';

export const dynamic = 'force-dynamic';

export const GET = handle(async (_request: Request, ctx: { params: Promise<{ id: string }> }) => {
  const id = parseIdParam('id', (await ctx.params).id);
  const hub = await ensureHub();
  const row = await hub.store.getEvent(id);
  if (!row) throw new HttpError(404, `no event with id ${id} is stored (it may be older than the retention)`);
  return apiJson('GET /api/events/[id]', eventItem(row));
});
