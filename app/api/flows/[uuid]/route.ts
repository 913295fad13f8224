import { ensureHub } from '@/lib/server/hub';
import { storedFlow } from '@/lib/server/api/stored-item';
import { handle } from '@/lib/server/http/http-error';
import { parseIdParam } from '@/lib/server/http/list-params';
import { apiJson } from '@/lib/server/http/api-json';

export const dynamic = 'force-dynamic';

export const GET = handle(async (_request: Request, ctx: { params: Promise<{ uuid: string }> }) => {
  const id = parseIdParam('uuid', (await ctx.params).uuid);
  return apiJson('GET /api/flows/[uuid]', await storedFlow((await ensureHub()).store, id));
});
