import { ensureHub } from '@/lib/server/hub';
import { flowItem } from '@/lib/server/api/items';
import { handle } from '@/lib/server/http/http-error';
import { parseListParams } from '@/lib/server/http/list-params';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: Request) => {
  const p = parseListParams('flows', new URL(request.url).searchParams);
  const hub = await ensureHub();
  const page = await hub.store.listFlows(p);
  return Response.json({ items: page.rows.map(flowItem), next: page.next });
});
