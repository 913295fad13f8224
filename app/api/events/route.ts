import { ensureHub } from '@/lib/server/hub';
import { eventsAnswer, jsonBytes } from '@/lib/server/api/list-answer';
import { handle } from '@/lib/server/http/http-error';
import { parseListParams } from '@/lib/server/http/list-params';
import { acceptsGzipBody, jsonResponse, renderedResponse } from '@/lib/server/http/gzip-response';

export const dynamic = 'force-dynamic';

/** GET /api/events?q=&since=&until=&limit=&cursor=: the body (api/list-answer.ts) built where the rows are read when the store can, gzipped there when the client asks for a gzip body (as /api/flows). */
export const GET = handle(async (request: Request) => {
  const p = parseListParams('events', new URL(request.url).searchParams);
  const { store } = await ensureHub();
  const gzip = acceptsGzipBody(request.headers.get('accept'));
  if (store.listAnswer) return renderedResponse((await store.listAnswer('events', p, 'all', gzip)).bytes, gzip);
  return jsonResponse(request, [jsonBytes(eventsAnswer(await store.listEvents(p)))]);
});
