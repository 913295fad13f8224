import { QUICK_RANGES, type QuickRange, type TimeWindow } from '@/components/url-state/time-window';
import type { WindowLinks } from '@/components/view-kit/time-window-picker';
import { AlertFilterError, alertFilterSearch, EMPTY_ALERT_FILTER, parseAlertFilter, type AlertFilter } from '@/lib/domain/alerts/alert-filter';

/**
 * The /alerts view's URL state, in one place (the server page parses it, links and forms write
 * it): q (words), priority (minimum), rule, namespace, pod (ns/prefix), since/until (RFC 3339,
 * epoch ms, or a duration ago such as 1h). A bad value is dropped and reported: a shared link
 * must still open.
 */
type RawSearch = URLSearchParams | Record<string, string | string[] | undefined>;


function toParams(raw: RawSearch): URLSearchParams {
  if (raw instanceof URLSearchParams) return new URLSearchParams(raw);
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(raw)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined) out.set(k, first);
  }
  return out;
}

export function parseAlertsSearch(raw: RawSearch): { filter: AlertFilter; errors: string[] } {
  const params = toParams(raw);
  const errors: string[] = [];
  for (let i = 0; i < 8; i++) {
    try {
      return { filter: parseAlertFilter(params), errors };
    } catch (e) {
      if (!(e instanceof AlertFilterError)) throw e;
      errors.push(e.message);
      params.delete(e.param);
    }
  }
  return { filter: EMPTY_ALERT_FILTER, errors };
}

/** The /alerts URL for this filter with some fields changed (null clears one). */
export function alertsHref(filter: AlertFilter, patch: Partial<AlertFilter> = {}): string {
  const search = alertFilterSearch({ ...filter, ...patch }).toString();
  return search ? `/alerts?${search}` : '/alerts';
}

export function hasFilters(filter: AlertFilter): boolean {
  return alertFilterSearch(filter).toString() !== '';
}

/**
 * The alert filter's time as the shared picker shows it: `since` a quick duration (and no end)
 * is that range; no since and no until is "all". Other times (absolute, epoch, other durations)
 * match no button: the filter chips name them.
 */
export function windowOf(filter: AlertFilter): TimeWindow {
  const quick = !filter.until && (QUICK_RANGES as readonly string[]).includes(filter.since ?? '') ? (filter.since as QuickRange) : null;
  return { range: quick, since: quick ? null : filter.since, until: quick ? null : filter.until };
}

/** One link per picker choice, so the page's range buttons work without scripts. */
export function windowLinks(filter: AlertFilter): WindowLinks {
  const links: WindowLinks = { all: alertsHref(filter, { since: null, until: null }) };
  for (const r of QUICK_RANGES) links[r] = alertsHref(filter, { since: r, until: null });
  return links;
}
