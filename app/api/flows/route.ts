import { lossOfFlowLine } from '@/lib/domain/loss-line';
import { ensureHub } from '@/lib/server/hub';
import { flowItem } from '@/lib/server/api/items';
import { badParam, handle } from '@/lib/server/http/http-error';
import { parseListParams } from '@/lib/server/http/list-params';
import { apiJson } from '@/lib/server/http/api-json';

export const dynamic = 'force-dynamic';

/**
 * GET /api/flows?q=&since=&until=&limit=&cursor=[&fields=summary]. `fields=summary` leaves out
 * the upstream object (the flows table pages up to 100k rows and only needs the columns) — except
 * on loss lines (lost_events, node_status), which are few and which the table draws from it.
 */
export const GET = handle(async (request: Request) => {
  const search = new URL(request.url).searchParams;
  const p = parseListParams('flows', search);
  const fields = search.get('fields') ?? 'all';
  if (fields !== 'all' && fields !== 'summary') throw badParam('fields', 'must be all or summary');
  const hub = await ensureHub();
  const page = await hub.store.listFlows(p);
  const items = page.rows.map(flowItem);
  return apiJson('GET /api/flows', {
    items: fields === 'summary' ? items.map(({ event, ...summary }) => (lossOfFlowLine(event) ? { ...summary, event } : summary)) : items,
    next: page.next,
  });
});
