import { parseAbsoluteTime, QUICK_RANGES, type QuickRange } from '@/components/flows/search-params';

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

type RawSearch = URLSearchParams | Record<string, string | string[] | undefined>;

function get(raw: RawSearch, key: string): string | null {
  if (raw instanceof URLSearchParams) return raw.get(key);
  const v = raw[key];
  return (Array.isArray(v) ? v[0] : v) ?? null;
}

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
  const range = get(raw, 'range');
  const quick = (QUICK_RANGES as readonly string[]).includes(range ?? '') ? (range as QuickRange) : null;
  const since = quick ? null : parseAbsoluteTime(get(raw, 'since'));
  const until = quick ? null : parseAbsoluteTime(get(raw, 'until'));
  const node = selection(get(raw, 'node'));
  return {
    q: (get(raw, 'q') ?? '').slice(0, 4096),
    range: quick ?? (since || until ? null : DEFAULT_RANGE),
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
  if (s.range) {
    if (s.range !== DEFAULT_RANGE) out.set('range', s.range);
  } else {
    if (s.since) out.set('since', s.since);
    if (s.until) out.set('until', s.until);
  }
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
  const out = new URLSearchParams();
  if (s.q.trim()) out.set('q', s.q.trim());
  if (s.range) out.set('since', s.range);
  else {
    if (s.since) out.set('since', s.since);
    if (s.until) out.set('until', s.until);
  }
  return out;
}

/** New flows can still arrive in the window: refresh it periodically. */
export function isLive(s: Pick<MapSearch, 'range' | 'until'>): boolean {
  return s.range !== null || s.until === null;
}
