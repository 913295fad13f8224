import { ensureHub } from '@/lib/server/hub';
import { storedFlow } from '@/lib/server/api/stored-item';
import { handle } from '@/lib/server/http/http-error';
import { parseIdParam } from '@/lib/server/http/list-params';

export const dynamic = 'force-dynamic';

export const GET = handle(async (_request: Request, ctx: { params: Promise<{ uuid: string }> }) => {
  const id = parseIdParam('uuid', (await ctx.params).uuid);
  return Response.json(await storedFlow((await ensureHub()).store, id));
});
