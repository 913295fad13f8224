import { ensureHub } from '@/lib/server/hub';
import { storedEvent } from '@/lib/server/api/stored-item';
import { handle } from '@/lib/server/http/http-error';
import { parseIdParam } from '@/lib/server/http/list-params';
import { apiJson } from '@/lib/server/http/api-json';

export const dynamic = 'force-dynamic';

export const GET = handle(async (_request: Request, ctx: { params: Promise<{ id: string }> }) => {
  const id = parseIdParam('id', (await ctx.params).id);
  return apiJson('GET /api/events/[id]', await storedEvent((await ensureHub()).store, id));
});
