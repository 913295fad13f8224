import { ensureHub } from '@/lib/server/hub';
import { handle } from '@/lib/server/http/http-error';
import { parseAlertParams } from '@/lib/server/http/alert-params';
import { apiJson } from '@/lib/server/http/api-json';

export const dynamic = 'force-dynamic';

const TIMELINE_BUCKETS = 60;

/**
 * GET /api/alerts/counts?<same filters as /api/alerts> — counts by priority, rule and namespace
 * (each facet ignoring its own filter), the timeline of occurrences, and rule-file load errors.
 */
export const GET = handle(async (request: Request) => {
  const { filter, sinceUs, untilUs } = parseAlertParams(new URL(request.url).searchParams);
  const hub = await ensureHub();
  const scope = { filter, sinceUs, untilUs };
  const [counts, timeline] = await Promise.all([hub.store.alertCounts(scope), hub.store.alertTimeline(scope, TIMELINE_BUCKETS)]);
  return apiJson('GET /api/alerts/counts', { ...counts, timeline, rules: hub.detection.rules.length, loadErrors: hub.detection.loadErrors });
});
