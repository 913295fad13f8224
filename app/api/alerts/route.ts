import { ensureHub } from '@/lib/server/hub';
import { alertItem } from '@/lib/server/api/alert-items';
import { handle } from '@/lib/server/http/http-error';
import { parseAlertParams } from '@/lib/server/http/alert-params';
import { apiJson } from '@/lib/server/http/api-json';

export const dynamic = 'force-dynamic';

/** GET /api/alerts?q=&priority=&rule=&namespace=&pod=&since=&until=&limit=&cursor= — newest first. */
export const GET = handle(async (request: Request) => {
  const query = parseAlertParams(new URL(request.url).searchParams);
  const hub = await ensureHub();
  const page = await hub.store.listAlerts(query);
  return apiJson('GET /api/alerts', { items: page.rows.map(alertItem), next: page.next });
});
