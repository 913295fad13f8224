/**
 * The time vocabulary every view's URL shares — a quick range (`range=15m`) or an absolute
 * window (`since`, `until`, RFC 3339) — and the small readers each view's search-params build
 * on. One place, so a map link, the flows it opens and the processes around them all mean the
 * same window. Bad values are dropped (a link must still open), never trusted.
 */
export const QUICK_RANGES = ['5m', '15m', '1h', '6h', '24h'] as const;
export type QuickRange = (typeof QUICK_RANGES)[number];

export interface TimeWindow {
  range: QuickRange | null;
  since: string | null;
  until: string | null;
}

/** A page's searchParams (server) or the location's (client). */
export type RawSearch = URLSearchParams | Record<string, string | string[] | undefined>;

export function get(raw: RawSearch, key: string): string | null {
  if (raw instanceof URLSearchParams) return raw.get(key);
  const v = raw[key];
  return (Array.isArray(v) ? v[0] : v) ?? null;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An absolute time as the API takes it, or null when it is not one. */
export function parseAbsoluteTime(text: string | null): string | null {
  if (!text) return null;
  return RFC3339.test(text) && !Number.isNaN(Date.parse(text)) ? text : null;
}

/** The filter text, bounded (it is sent back to the server on every request). */
export function parseQ(raw: RawSearch): string {
  return (get(raw, 'q') ?? '').slice(0, 4096);
}

/** An id from the URL (a selected row): the characters ids are made of, bounded, or null. */
export function parseId(text: string | null): string | null {
  return text && /^[A-Za-z0-9_.:-]{1,128}$/.test(text) ? text : null;
}

/**
 * range, or since/until (a quick range wins). `orderSwapped`: a window given end-first is read
 * start-first rather than dropped.
 */
export function parseTimeWindow(raw: RawSearch, opts: { orderSwapped?: boolean } = {}): TimeWindow {
  const range = get(raw, 'range');
  const quick = (QUICK_RANGES as readonly string[]).includes(range ?? '') ? (range as QuickRange) : null;
  let since = quick ? null : parseAbsoluteTime(get(raw, 'since'));
  let until = quick ? null : parseAbsoluteTime(get(raw, 'until'));
  if (opts.orderSwapped && since && until && Date.parse(since) > Date.parse(until)) [since, until] = [until, since];
  return { range: quick, since, until };
}

/** Writes the window as the URL carries it; `defaultRange` is left out to keep links short. */
export function writeTimeWindow(out: URLSearchParams, w: TimeWindow, defaultRange: QuickRange | null = null): void {
  if (w.range) {
    if (w.range !== defaultRange) out.set('range', w.range);
  } else {
    if (w.since) out.set('since', w.since);
    if (w.until) out.set('until', w.until);
  }
}

/**
 * q, since and until as the list, stream, export and map endpoints take them. A quick range is
 * sent as a duration ("15m"): the server reads it against its own clock, so a live view slides.
 */
export function dataParams(s: TimeWindow & { q: string }): URLSearchParams {
  const out = new URLSearchParams();
  if (s.q.trim()) out.set('q', s.q.trim());
  if (s.range) out.set('since', s.range);
  else {
    if (s.since) out.set('since', s.since);
    if (s.until) out.set('until', s.until);
  }
  return out;
}

/** Whether new items can still fall inside the window (it has no end). */
export function isOpenEnded(w: Pick<TimeWindow, 'range' | 'until'>): boolean {
  return w.range !== null || w.until === null;
}
