import { dataParams, get, isOpenEnded, parseQ, parseTimeWindow, writeTimeWindow, QUICK_RANGES, type QuickRange, type RawSearch } from '@/components/url-state/time-window';

/**
 * The /map view's URL state, in one place: the page parses with parseMapSearch and writes back
 * with serializeMapSearch, so a link reopens the same map at the same spot with the same
 * selection. Same time vocabulary as /flows (range or absolute since/until), so a map link and
 * the flows it leads to cover the same window. Defaults stay out of the URL; bad values are
 * dropped (a link must still open), never trusted.
 *
 *   q      filter text (the flows `q` language)    range  5m | 15m | 1h | 6h | 24h  (default 15m)
 *   since  absolute start (RFC 3339)               until  absolute end (RFC 3339)
 *   x y k  viewport: pan in screen pixels and zoom factor (absent: fit the map)
 *   node   id of the selected node                 edge   id of the selected edge
 */
export { QUICK_RANGES, type QuickRange };

export interface Viewport {
  x: number;
  y: number;
  k: number;
}

export interface MapSearch {
  q: string;
  range: QuickRange | null;
  since: string | null;
  until: string | null;
  viewport: Viewport | null;
  node: string | null;
  edge: string | null;
}

export const DEFAULT_RANGE: QuickRange = '15m';
export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 4;

export const DEFAULT_MAP_SEARCH: MapSearch = {
  q: '',
  range: DEFAULT_RANGE,
  since: null,
  until: null,
  viewport: null,
  node: null,
  edge: null,
};

const NUMBER = /^-?\d{1,9}(\.\d{1,6})?$/;

function parseViewport(x: string | null, y: string | null, k: string | null): Viewport | null {
  if (!x || !y || !k || !NUMBER.test(x) || !NUMBER.test(y) || !NUMBER.test(k)) return null;
  const zoom = Number(k);
  if (zoom < MIN_ZOOM || zoom > MAX_ZOOM) return null;
  return { x: Number(x), y: Number(y), k: zoom };
}

// Node ids are "namespace/workload" or a reserved kind; edge ids a JSON array. Both come from
// event data, so only their length is bounded here: they are looked up, never rendered raw.
const selection = (v: string | null) => (v && v.length <= 1024 ? v : null);

export function parseMapSearch(raw: RawSearch): MapSearch {
  const { range, since, until } = parseTimeWindow(raw);
  const node = selection(get(raw, 'node'));
  return {
    q: parseQ(raw),
    range: range ?? (since || until ? null : DEFAULT_RANGE),
    since,
    until,
    viewport: parseViewport(get(raw, 'x'), get(raw, 'y'), get(raw, 'k')),
    node,
    edge: node ? null : selection(get(raw, 'edge')),
  };
}

const round = (v: number, digits: number) => String(Math.round(v * 10 ** digits) / 10 ** digits + 0);

export function serializeMapSearch(s: MapSearch): URLSearchParams {
  const out = new URLSearchParams();
  if (s.q.trim()) out.set('q', s.q.trim());
  writeTimeWindow(out, s, DEFAULT_RANGE);
  if (s.viewport) {
    out.set('x', round(s.viewport.x, 1));
    out.set('y', round(s.viewport.y, 1));
    out.set('k', round(s.viewport.k, 4));
  }
  if (s.node) out.set('node', s.node);
  else if (s.edge) out.set('edge', s.edge);
  return out;
}

export function mapHref(s: MapSearch): string {
  const qs = serializeMapSearch(s).toString();
  return qs ? `/map?${qs}` : '/map';
}

/**
 * What GET /api/map takes for this view. A quick range goes as a duration ("15m"), read against
 * the server's clock at each refresh, so a live map keeps sliding with time.
 */
export function mapDataParams(s: Pick<MapSearch, 'q' | 'range' | 'since' | 'until'>): URLSearchParams {
  return dataParams(s);
}

/** New flows can still arrive in the window: refresh it periodically. */
export function isLive(s: Pick<MapSearch, 'range' | 'until'>): boolean {
  return isOpenEnded(s);
}
