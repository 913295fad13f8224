import {
  DEFAULT_FLOW_COLUMNS,
  DEFAULT_FLOW_SORT,
  isFlowColumnId,
  type FlowColumnId,
  type FlowSort,
} from '@/lib/domain/flow-list/flow-sort';

/**
 * The /flows view's URL state, in one place: the server page and the client both parse with
 * parseFlowsSearch and the client writes back with serializeFlowsSearch, so a link always
 * reopens the same view. Defaults are left out of the URL to keep links short. Bad values are
 * dropped (a link must still open), never trusted.
 *
 *   q      filter text (the `q` language)         range  5m | 15m | 1h | 6h | 24h
 *   since  absolute start (RFC 3339)              until  absolute end (RFC 3339)
 *   cols   visible columns, comma separated       sort   column:asc | column:desc
 *   flow   uuid of the selected row
 */
export const QUICK_RANGES = ['5m', '15m', '1h', '6h', '24h'] as const;
export type QuickRange = (typeof QUICK_RANGES)[number];

export interface FlowsSearch {
  q: string;
  range: QuickRange | null;
  since: string | null;
  until: string | null;
  cols: FlowColumnId[];
  sort: FlowSort;
  flow: string | null;
}

export const DEFAULT_FLOWS_SEARCH: FlowsSearch = {
  q: '',
  range: null,
  since: null,
  until: null,
  cols: [...DEFAULT_FLOW_COLUMNS],
  sort: DEFAULT_FLOW_SORT,
  flow: null,
};

type RawSearch = URLSearchParams | Record<string, string | string[] | undefined>;

function get(raw: RawSearch, key: string): string | null {
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

function parseSort(text: string | null): FlowSort {
  const m = /^([a-z-]+):(asc|desc)$/.exec(text ?? '');
  if (!m || !isFlowColumnId(m[1]!)) return DEFAULT_FLOW_SORT;
  return { column: m[1], desc: m[2] === 'desc' };
}

function parseCols(text: string | null): FlowColumnId[] {
  if (text === null) return [...DEFAULT_FLOW_COLUMNS];
  const cols = [...new Set(text.split(',').filter(isFlowColumnId))];
  return cols.length ? cols : [...DEFAULT_FLOW_COLUMNS];
}

export function parseFlowsSearch(raw: RawSearch): FlowsSearch {
  const range = get(raw, 'range');
  const quick = (QUICK_RANGES as readonly string[]).includes(range ?? '') ? (range as QuickRange) : null;
  const flow = get(raw, 'flow');
  return {
    q: (get(raw, 'q') ?? '').slice(0, 4096),
    range: quick,
    since: quick ? null : parseAbsoluteTime(get(raw, 'since')),
    until: quick ? null : parseAbsoluteTime(get(raw, 'until')),
    cols: parseCols(get(raw, 'cols')),
    sort: parseSort(get(raw, 'sort')),
    flow: flow && /^[A-Za-z0-9_.:-]{1,128}$/.test(flow) ? flow : null,
  };
}

const sameCols = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((c, i) => c === b[i]);

export function serializeFlowsSearch(s: FlowsSearch): URLSearchParams {
  const out = new URLSearchParams();
  if (s.q.trim()) out.set('q', s.q.trim());
  if (s.range) out.set('range', s.range);
  else {
    if (s.since) out.set('since', s.since);
    if (s.until) out.set('until', s.until);
  }
  if (!sameCols(s.cols, DEFAULT_FLOW_COLUMNS)) out.set('cols', s.cols.join(','));
  if (s.sort.column !== DEFAULT_FLOW_SORT.column || s.sort.desc !== DEFAULT_FLOW_SORT.desc) {
    out.set('sort', `${s.sort.column}:${s.sort.desc ? 'desc' : 'asc'}`);
  }
  if (s.flow) out.set('flow', s.flow);
  return out;
}

/** `/flows?…` for a state (what links and history entries use). */
export function flowsHref(s: FlowsSearch): string {
  const qs = serializeFlowsSearch(s).toString();
  return qs ? `/flows?${qs}` : '/flows';
}

/**
 * The data parameters (q, since, until) the list, stream and export endpoints take for this view.
 * A quick range is sent as a duration ("15m"): the server reads it relative to its own clock.
 */
export function flowsDataParams(s: FlowsSearch): URLSearchParams {
  const out = new URLSearchParams();
  if (s.q.trim()) out.set('q', s.q.trim());
  if (s.range) out.set('since', s.range);
  else {
    if (s.since) out.set('since', s.since);
    if (s.until) out.set('until', s.until);
  }
  return out;
}

/** Whether new flows can still fall inside the view's time range (no end set). */
export function isOpenEnded(s: FlowsSearch): boolean {
  return s.range !== null || s.until === null;
}
