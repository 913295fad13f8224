import { ensureHub } from '@/lib/server/hub';
import { eventItem } from '@/lib/server/api/items';
import { handle } from '@/lib/server/http/http-error';
import { parseListParams } from '@/lib/server/http/list-params';
import { apiJson } from '@/lib/server/http/api-json';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: Request) => {
  const p = parseListParams('events', new URL(request.url).searchParams);
  const hub = await ensureHub();
  const page = await hub.store.listEvents(p);
  return apiJson('GET /api/events', { items: page.rows.map(eventItem), next: page.next });
});
