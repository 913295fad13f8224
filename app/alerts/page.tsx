import { AlertsView } from '@/components/alerts/alerts-view';
import { parseAlertsSearch } from '@/components/alerts/search-params';
import { resolveAlertRange } from '@/lib/server/http/alert-params';
import { ensureHub } from '@/lib/server/hub';

export const dynamic = 'force-dynamic';

const PAGE = 200;
const TIMELINE_BUCKETS = 60;

/** /alerts — what the rules raised, filtered by the URL. */
export default async function AlertsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { filter, errors } = parseAlertsSearch(await searchParams);
  const range = resolveAlertRange(filter);
  const urlErrors = range.error ? [...errors, range.error] : errors;
  const scopeFilter = range.error ? { ...filter, since: null, until: null } : filter;
  const scope = { filter: scopeFilter, sinceUs: range.sinceUs, untilUs: range.untilUs };
  const hub = await ensureHub();
  const [page, counts, timeline] = await Promise.all([
    hub.store.listAlerts({ ...scope, limit: PAGE, cursor: null }),
    hub.store.alertCounts(scope),
    hub.store.alertTimeline(scope, TIMELINE_BUCKETS),
  ]);
  return (
    <AlertsView
      filter={scopeFilter}
      range={{ sinceUs: range.sinceUs, untilUs: range.untilUs }}
      urlErrors={urlErrors}
      items={page.rows.map((r) => r.summary)}
      next={page.next}
      counts={counts}
      timeline={timeline}
      rules={hub.detection.rules.length}
      loadErrors={hub.detection.loadErrors}
      ruleSet={hub.detection.ruleSet()}
    />
  );
}
