/**
 * The /processes view's URL state in one place: the page and the client parse with
 * parseProcessesSearch and write back with serializeProcessesSearch, so a link reopens the same
 * view. Defaults stay out of the URL; bad values are dropped (a link must still open).
 *
 *   q      filter (the `q` language, source events)    range  5m | 15m | 1h | 6h | 24h
 *   since  absolute start (RFC 3339)                   until  absolute end (RFC 3339)
 *   live   0 = live tail paused                        sel    id of the selected event
 */
export const QUICK_RANGES = ['5m', '15m', '1h', '6h', '24h'] as const;
export type QuickRange = (typeof QUICK_RANGES)[number];

export interface ProcessesSearch {
  q: string;
  range: QuickRange | null;
  since: string | null;
  until: string | null;
  paused: boolean;
  sel: string | null;
}

export const DEFAULT_PROCESSES_SEARCH: ProcessesSearch = { q: '', range: null, since: null, until: null, paused: false, sel: null };

type RawSearch = URLSearchParams | Record<string, string | string[] | undefined>;

function get(raw: RawSearch, key: string): string | null {
  if (raw instanceof URLSearchParams) return raw.get(key);
  const v = raw[key];
  return (Array.isArray(v) ? v[0] : v) ?? null;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function parseAbsoluteTime(text: string | null): string | null {
  if (!text) return null;
  return RFC3339.test(text) && !Number.isNaN(Date.parse(text)) ? text : null;
}

export function parseProcessesSearch(raw: RawSearch): ProcessesSearch {
  const range = get(raw, 'range');
  const quick = (QUICK_RANGES as readonly string[]).includes(range ?? '') ? (range as QuickRange) : null;
  const sel = get(raw, 'sel');
  let since = quick ? null : parseAbsoluteTime(get(raw, 'since'));
  let until = quick ? null : parseAbsoluteTime(get(raw, 'until'));
  if (since && until && Date.parse(since) > Date.parse(until)) [since, until] = [until, since];
  return {
    q: (get(raw, 'q') ?? '').slice(0, 4096),
    range: quick,
    since,
    until,
    paused: get(raw, 'live') === '0',
    sel: sel && /^[A-Za-z0-9_.:-]{1,128}$/.test(sel) ? sel : null,
  };
}

export function serializeProcessesSearch(s: ProcessesSearch): URLSearchParams {
  const out = new URLSearchParams();
  if (s.q.trim()) out.set('q', s.q.trim());
  if (s.range) out.set('range', s.range);
  else {
    if (s.since) out.set('since', s.since);
    if (s.until) out.set('until', s.until);
  }
  if (s.paused) out.set('live', '0');
  if (s.sel) out.set('sel', s.sel);
  return out;
}

export function processesHref(s: ProcessesSearch): string {
  const qs = serializeProcessesSearch(s).toString();
  return qs ? `/processes?${qs}` : '/processes';
}

/** q, since and until as /api/events, /api/export and /api/stream take them; a quick range goes as a duration. */
export function eventsDataParams(s: ProcessesSearch): URLSearchParams {
  const out = new URLSearchParams();
  if (s.q.trim()) out.set('q', s.q.trim());
  if (s.range) out.set('since', s.range);
  else {
    if (s.since) out.set('since', s.since);
    if (s.until) out.set('until', s.until);
  }
  return out;
}

/** Live items can only belong to a view without an end. */
export function isOpenEnded(s: ProcessesSearch): boolean {
  return s.range !== null || s.until === null;
}

/** /api/export for the view: every matching event, oldest first, in `tetra getevents -o json` lines. */
export function exportHref(s: ProcessesSearch, format: 'ndjson' | 'json'): string {
  const p = eventsDataParams(s);
  p.set('source', 'events');
  p.set('format', format);
  return `/api/export?${p}`;
}
