import { ensureHub } from '@/lib/server/hub';
import { handle } from '@/lib/server/http/http-error';
import { parseSuggestParams } from '@/lib/server/http/suggest-params';
import { apiJson } from '@/lib/server/http/api-json';

export const dynamic = 'force-dynamic';

/** GET /api/suggest?source=flows|events&kind=…&prefix=…[&direction=from|to][&limit=] — values seen recently. */
export const GET = handle(async (request: Request) => {
  const query = parseSuggestParams(new URL(request.url).searchParams);
  const hub = await ensureHub();
  const values = await hub.store.suggestValues(query);
  return apiJson('GET /api/suggest', { values }, { headers: { 'cache-control': 'private, max-age=2' } });
});
