import { ensureHub } from '@/lib/server/hub';
import { alertDetail } from '@/lib/server/api/alert-items';
import { handle, HttpError } from '@/lib/server/http/http-error';
import { parseIdParam } from '@/lib/server/http/list-params';
import { apiJson } from '@/lib/server/http/api-json';

export const dynamic = 'force-dynamic';

/** GET /api/alerts/<id> — the alert, its Falco JSON, links, and its evidence events. */
export const GET = handle(async (_request: Request, ctx: { params: Promise<{ id: string }> }) => {
  const id = parseIdParam('id', (await ctx.params).id);
  const hub = await ensureHub();
  const detail = await alertDetail(hub, id);
  if (!detail) throw new HttpError(404, `no alert with id ${id} is stored (it may be older than the retention)`);
  return apiJson('GET /api/alerts/[id]', detail);
});
