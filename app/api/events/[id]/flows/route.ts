import { ensureHub } from '@/lib/server/hub';
import { eventItem } from '@/lib/server/api/items';
import { processFlows } from '@/lib/server/api/process-flows';
import { storedEvent } from '@/lib/server/api/stored-item';
import { handle } from '@/lib/server/http/http-error';
import { parseIdParam } from '@/lib/server/http/list-params';
import { apiJson } from '@/lib/server/http/api-json';

export const dynamic = 'force-dynamic';

/** GET /api/events/<id>/flows — the flows of the event's process, and where its sockets went. */
export const GET = handle(async (_request: Request, ctx: { params: Promise<{ id: string }> }) => {
  const id = parseIdParam('id', (await ctx.params).id);
  const { store } = await ensureHub();
  const item = await storedEvent(store, id);
  const own = item.execId ? (await store.eventsOfExecId(item.execId, 1000)).rows.map(eventItem) : [item];
  return apiJson('GET /api/events/[id]/flows', await processFlows(store, own));
});
