import { ensureHub } from '@/lib/server/hub';
import { jsonBytes } from '@/lib/server/api/list-answer';
import { mapAnswer } from '@/lib/server/api/map-answer';
import { renderedResponse } from '@/lib/server/http/gzip-response';
import { handle } from '@/lib/server/http/http-error';
import { parseMapParams } from '@/lib/server/http/map-params';

export const dynamic = 'force-dynamic';

/** Groups beyond this are the quietest; the answer says so (`truncated`). */
const MAX_GROUPS = 50_000;

/** The service map of the stored flows in a window: { nodes, edges, islands, window } (api/map-answer.ts), built where the flows are read when the store can. */
export const GET = handle(async (request: Request) => {
  const p = parseMapParams(new URL(request.url).searchParams);
  const { store } = await ensureHub();
  const query = { ...p, maxGroups: MAX_GROUPS };
  const body = store.mapAnswer ? (await store.mapAnswer(query)).bytes : jsonBytes(mapAnswer(query, await store.mapSamples(query)));
  return renderedResponse(body, false);
});
