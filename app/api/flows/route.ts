import { ensureHub } from '@/lib/server/hub';
import { flowsAnswer, jsonBytes } from '@/lib/server/api/list-answer';
import { badParam, handle } from '@/lib/server/http/http-error';
import { parseListParams } from '@/lib/server/http/list-params';
import { acceptsGzipBody, jsonResponse, renderedResponse } from '@/lib/server/http/gzip-response';

export const dynamic = 'force-dynamic';

/**
 * GET /api/flows?q=&since=&until=&limit=&cursor=[&fields=summary]. `fields=summary` leaves out
 * the upstream object (the flows table pages up to 100k rows and only needs the columns) — except
 * on loss lines (lost_events, node_status), which are few and which the table draws from it.
 * The body (api/list-answer.ts) is built where the rows are read when the store can (SQLite's
 * reader threads): the event loop only forwards it — gzipped there at a fast level when the client
 * asks for a gzip body (the views do; gzip-response.ts), instead of by Next on this thread.
 */
export const GET = handle(async (request: Request) => {
  const search = new URL(request.url).searchParams;
  const p = parseListParams('flows', search);
  const fields = search.get('fields') ?? 'all';
  if (fields !== 'all' && fields !== 'summary') throw badParam('fields', 'must be all or summary');
  const { store } = await ensureHub();
  const gzip = acceptsGzipBody(request.headers.get('accept'));
  if (store.listAnswer) return renderedResponse((await store.listAnswer('flows', p, fields, gzip)).bytes, gzip);
  return jsonResponse(request, [jsonBytes(flowsAnswer(await store.listFlows(p), fields))]);
});
