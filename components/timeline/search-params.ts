import { routePath } from '@/lib/contract/routes';
import { parseUrlMs } from '@/lib/domain/timeline/view-window';
import { get, type RawSearch } from '@/components/url-state/time-window';
import { LEGACY_SELECTION_PARAMS, readSelection, writeSelection } from '@/components/view-kit/vocabulary';

/**
 * The pod timeline's URL state in one place (page and client parse it the same way):
 *
 *   sel    exec_id of the selected process (`exec`, its earlier name, is still read)
 *   from, to  zoom window, epoch ms (µs decimals)
 *   since, until  which events to load (RFC 3339, epoch ms or a duration ago such as 1h), as the API takes them
 *   host   0 = hide host parents (containerd-shim), lifting the pod's top processes to roots
 */
export interface TimelineSearch {
  sel: string | null;
  from: number | null;
  to: number | null;
  since: string | null;
  until: string | null;
  hideHost: boolean;
}

const EXEC_ID = /^[A-Za-z0-9+/=_:.-]{1,256}$/;
const execId = (text: string | null) => (text && EXEC_ID.test(text) ? text : null);
const TIME = /^(\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})|\d{10,16}|\d+(\.\d+)?(ms|s|m|h|d|w))$/;

export function parseTimelineSearch(raw: RawSearch): TimelineSearch {
  const since = get(raw, 'since');
  const until = get(raw, 'until');
  let from = parseUrlMs(get(raw, 'from'));
  let to = parseUrlMs(get(raw, 'to'));
  if (from !== null && to !== null && from > to) [from, to] = [to, from];
  return {
    sel: readSelection(raw, LEGACY_SELECTION_PARAMS.timeline, execId),
    from,
    to,
    since: since && TIME.test(since) ? since : null,
    until: until && TIME.test(until) ? until : null,
    hideHost: get(raw, 'host') === '0',
  };
}

export function serializeTimelineSearch(s: TimelineSearch): URLSearchParams {
  const out = new URLSearchParams();
  writeSelection(out, s.sel);
  if (s.from !== null) out.set('from', String(s.from));
  if (s.to !== null) out.set('to', String(s.to));
  if (s.since) out.set('since', s.since);
  if (s.until) out.set('until', s.until);
  if (s.hideHost) out.set('host', '0');
  return out;
}

export function timelineHref(namespace: string, pod: string, s: TimelineSearch): string {
  const qs = serializeTimelineSearch(s).toString();
  return `/pods/${encodeURIComponent(namespace)}/${encodeURIComponent(pod)}${qs ? `?${qs}` : ''}`;
}

/** The tree API's query for the view's data window. */
export function treeApiHref(namespace: string, pod: string, s: TimelineSearch): string {
  const qs = treeApiQuery(s);
  return `${routePath('GET /api/pods/[namespace]/[pod]/tree', { namespace, pod })}${qs ? `?${qs}` : ''}`;
}

/** The query of the tree request: which events to load. */
export function treeApiQuery(s: Pick<TimelineSearch, 'since' | 'until'>): string {
  const p = new URLSearchParams();
  if (s.since) p.set('since', s.since);
  if (s.until) p.set('until', s.until);
  return p.toString();
}
