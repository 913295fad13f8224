import { ensureHub } from '@/lib/server/hub';
import { sseResponse, type LiveSource } from '@/lib/server/live/sse-stream';
import { badParam, handle } from '@/lib/server/http/http-error';
import { parseQParam } from '@/lib/server/http/list-params';

export const dynamic = 'force-dynamic';

/** GET /api/stream?source=flows|events|all|alerts&q=… — live items as Server-Sent Events (alerts: new and repeated). */
export const GET = handle(async (request: Request) => {
  const search = new URL(request.url).searchParams;
  const source = search.get('source') ?? 'all';
  if (source !== 'flows' && source !== 'events' && source !== 'all' && source !== 'alerts') {
    throw badParam('source', 'must be flows, events, all or alerts');
  }
  const qText = search.get('q');
  if (qText && (source === 'all' || source === 'alerts')) throw badParam('q', 'a filter needs source=flows or source=events');
  const q = source === 'all' || source === 'alerts' ? null : parseQParam(source, qText);
  const lastIdText = request.headers.get('last-event-id') ?? search.get('lastEventId');
  let lastEventId: number | null = null;
  if (lastIdText) {
    if (!/^\d{1,15}$/.test(lastIdText)) throw badParam('Last-Event-ID', 'is not a sequence number this server sent');
    lastEventId = Number(lastIdText);
  }
  const sources = new Set<LiveSource>(source === 'all' ? ['flows', 'events'] : [source]);
  const hub = await ensureHub();
  return sseResponse(hub.live, { sources, q, lastEventId }, request.signal);
});
