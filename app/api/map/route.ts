import { aggregateServiceMap } from '@/lib/domain/service-map/aggregate-service-map';
import { isConnectionSample } from '@/lib/domain/service-map/map-sample';
import { ensureHub } from '@/lib/server/hub';
import { handle } from '@/lib/server/http/http-error';
import { parseMapParams } from '@/lib/server/http/map-params';
import { microsToRfc3339 } from '@/lib/wire/timestamp';
import { apiJson } from '@/lib/server/http/api-json';

export const dynamic = 'force-dynamic';

/** Groups beyond this are the quietest; the answer says so (`truncated`). */
const MAX_GROUPS = 50_000;

/** The service map of the stored flows in a window: { nodes, edges, islands, window }. */
export const GET = handle(async (request: Request) => {
  const p = parseMapParams(new URL(request.url).searchParams);
  const hub = await ensureHub();
  const stored = await hub.store.mapSamples({ ...p, maxGroups: MAX_GROUPS });
  const samples = stored.samples.filter(isConnectionSample);
  const truncated = stored.truncated;
  const map = aggregateServiceMap(samples);
  const flows = samples.reduce((n, s) => n + s.count, 0);
  return apiJson('GET /api/map', {
    ...map,
    // Last on purpose: the page compares the text before it to skip re-drawing an unchanged map.
    window: { since: microsToRfc3339(p.sinceUs), until: microsToRfc3339(p.untilUs), sinceUs: p.sinceUs, untilUs: p.untilUs, flows, truncated },
  });
});
