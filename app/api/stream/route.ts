import { ensureHub } from '@/lib/server/hub';
import { sseResponse } from '@/lib/server/live/sse-stream';
import { badParam, handle } from '@/lib/server/http/http-error';
import { parseQParam } from '@/lib/server/http/list-params';

export const dynamic = 'force-dynamic';

/** GET /api/stream?source=flows|events|all&q=… — live items as Server-Sent Events. */
export const GET = handle(async (request: Request) => {
  const search = new URL(request.url).searchParams;
  const source = search.get('source') ?? 'all';
  if (source !== 'flows' && source !== 'events' && source !== 'all') throw badParam('source', 'must be flows, events or all');
  const qText = search.get('q');
  if (qText && source === 'all') throw badParam('q', 'a filter needs source=flows or source=events');
  const q = source === 'all' ? null : parseQParam(source, qText);
  const lastIdText = request.headers.get('last-event-id') ?? search.get('lastEventId');
  let lastEventId: number | null = null;
  if (lastIdText) {
    if (!/^\d{1,15}$/.test(lastIdText)) throw badParam('Last-Event-ID', 'is not a sequence number this server sent');
    lastEventId = Number(lastIdText);
  }
  const sources = new Set<'flows' | 'events'>(source === 'all' ? ['flows', 'events'] : [source]);
  const hub = await ensureHub();
  return sseResponse(hub.live, { sources, q, lastEventId }, request.signal);
});
