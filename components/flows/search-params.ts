import {
  DEFAULT_FLOW_COLUMNS,
  DEFAULT_FLOW_SORT,
  isFlowColumnId,
  type FlowColumnId,
  type FlowSort,
} from '@/lib/domain/flow-list/flow-sort';
import { LEGACY_SELECTION_PARAMS, readPaused, readSelection, writePaused, writeSelection } from '@/components/view-kit/vocabulary';
import { dataParams, get, isOpenEnded, parseQ, parseTimeWindow, writeTimeWindow, type QuickRange, type RawSearch } from '@/components/url-state/time-window';

export { isOpenEnded } from '@/components/url-state/time-window';

/**
 * The /flows view's URL state, in one place: the server page and the client both parse with
 * parseFlowsSearch and the client writes back with serializeFlowsSearch, so a link always
 * reopens the same view. Defaults are left out of the URL to keep links short. Bad values are
 * dropped (a link must still open), never trusted.
 *
 *   q      filter text (the `q` language)         range  5m | 15m | 1h | 6h | 24h
 *   since  absolute start (RFC 3339)              until  absolute end (RFC 3339)
 *   cols   visible columns, comma separated       sort   column:asc | column:desc
 *   sel    uuid of the selected row (`flow`, its earlier name, is still read)
 *   live   0 = live tail paused
 */
export interface FlowsSearch {
  q: string;
  range: QuickRange | null;
  since: string | null;
  until: string | null;
  cols: FlowColumnId[];
  sort: FlowSort;
  paused: boolean;
  sel: string | null;
}

export const DEFAULT_FLOWS_SEARCH: FlowsSearch = {
  q: '',
  range: null,
  since: null,
  until: null,
  cols: [...DEFAULT_FLOW_COLUMNS],
  sort: DEFAULT_FLOW_SORT,
  paused: false,
  sel: null,
};

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
  return {
    q: parseQ(raw),
    ...parseTimeWindow(raw),
    cols: parseCols(get(raw, 'cols')),
    sort: parseSort(get(raw, 'sort')),
    paused: readPaused(raw),
    sel: readSelection(raw, LEGACY_SELECTION_PARAMS.flows),
  };
}

const sameCols = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((c, i) => c === b[i]);

export function serializeFlowsSearch(s: FlowsSearch): URLSearchParams {
  const out = new URLSearchParams();
  if (s.q.trim()) out.set('q', s.q.trim());
  writeTimeWindow(out, s);
  if (!sameCols(s.cols, DEFAULT_FLOW_COLUMNS)) out.set('cols', s.cols.join(','));
  if (s.sort.column !== DEFAULT_FLOW_SORT.column || s.sort.desc !== DEFAULT_FLOW_SORT.desc) {
    out.set('sort', `${s.sort.column}:${s.sort.desc ? 'desc' : 'asc'}`);
  }
  writePaused(out, s.paused);
  writeSelection(out, s.sel);
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
  return dataParams(s);
}
