import { AlertFilterError, alertFilterSearch, EMPTY_ALERT_FILTER, parseAlertFilter, type AlertFilter } from '@/lib/domain/alerts/alert-filter';

/**
 * The /alerts view's URL state, in one place (the server page parses it, links and forms write
 * it): q (words), priority (minimum), rule, namespace, pod (ns/prefix), since/until (RFC 3339,
 * epoch ms, or a duration ago such as 1h). A bad value is dropped and reported: a shared link
 * must still open.
 */
type RawSearch = URLSearchParams | Record<string, string | string[] | undefined>;

export const QUICK_RANGES = ['15m', '1h', '6h', '24h'] as const;

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
