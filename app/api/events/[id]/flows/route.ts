import { ensureHub } from '@/lib/server/hub';
import { eventItem } from '@/lib/server/api/items';
import { processFlows } from '@/lib/server/api/process-flows';
import { handle, HttpError } from '@/lib/server/http/http-error';
import { parseIdParam } from '@/lib/server/http/list-params';
import { apiJson } from '@/lib/server/http/api-json';

export const dynamic = 'force-dynamic';

/** GET /api/events/<id>/flows — the flows of the event's process, and where its sockets went. */
export const GET = handle(async (_request: Request, ctx: { params: Promise<{ id: string }> }) => {
  const id = parseIdParam('id', (await ctx.params).id);
  const hub = await ensureHub();
  const row = await hub.store.getEvent(id);
  if (!row) throw new HttpError(404, `no event with id ${id} is stored (it may be older than the retention)`);
  const item = eventItem(row);
  const own = item.execId ? (await hub.store.eventsOfExecId(item.execId, 1000)).rows.map(eventItem) : [item];
  return apiJson('GET /api/events/[id]/flows', await processFlows(hub.store, own));
});
