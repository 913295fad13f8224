import { AlertFilterError, parseAlertFilter } from '@/lib/domain/alerts/alert-filter';
import type { AlertListQuery } from '../store/alert-store';
import { badParam } from './http-error';
import { parseListParams, parseTimeParam } from './list-params';

/**
 * /api/alerts parameters, parsed in one place: q (words), priority (minimum), rule, namespace,
 * pod, since/until (as every list), limit, cursor. A bad one is a 400 naming it.
 */
export function parseAlertParams(params: URLSearchParams, defaultLimit = 100): AlertListQuery {
  let filter;
  try {
    filter = parseAlertFilter(params);
  } catch (e) {
    if (e instanceof AlertFilterError) throw badParam(e.param, e.message.slice(e.param.length + 2));
    throw e;
  }
  // since/until, limit and cursor exactly as the other lists (q here is words, not the q language).
  const rest = new URLSearchParams(params);
  rest.delete('q');
  const { sinceUs, untilUs, limit, cursor } = parseListParams('events', rest, defaultLimit);
  return { filter, sinceUs, untilUs, limit, cursor };
}

/** since/until of a page URL, leniently: a bad value is reported, not thrown. */
export function resolveAlertRange(filter: { since: string | null; until: string | null }): { sinceUs: number | null; untilUs: number | null; error: string | null } {
  try {
    return { sinceUs: parseTimeParam('since', filter.since), untilUs: parseTimeParam('until', filter.until), error: null };
  } catch (e) {
    return { sinceUs: null, untilUs: null, error: (e as Error).message };
  }
}
