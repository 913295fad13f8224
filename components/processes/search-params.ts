/**
 * The /processes view's URL state in one place: the page and the client parse with
 * parseProcessesSearch and write back with serializeProcessesSearch, so a link reopens the same
 * view. Defaults stay out of the URL; bad values are dropped (a link must still open).
 *
 *   q      filter (the `q` language, source events)    range  5m | 15m | 1h | 6h | 24h
 *   since  absolute start (RFC 3339)                   until  absolute end (RFC 3339)
 *   live   0 = live tail paused                        sel    id of the selected event
 */
import { exportHref as viewExportHref, type ExportFormat } from '@/components/view-kit/export-href';
import { readPaused, readSelection, writePaused, writeSelection } from '@/components/view-kit/vocabulary';
import { dataParams, parseQ, parseTimeWindow, writeTimeWindow, type QuickRange, type RawSearch } from '@/components/url-state/time-window';

export { isOpenEnded } from '@/components/url-state/time-window';

export interface ProcessesSearch {
  q: string;
  range: QuickRange | null;
  since: string | null;
  until: string | null;
  paused: boolean;
  sel: string | null;
}

export const DEFAULT_PROCESSES_SEARCH: ProcessesSearch = { q: '', range: null, since: null, until: null, paused: false, sel: null };

export function parseProcessesSearch(raw: RawSearch): ProcessesSearch {
  return {
    q: parseQ(raw),
    ...parseTimeWindow(raw, { orderSwapped: true }),
    paused: readPaused(raw),
    sel: readSelection(raw),
  };
}

export function serializeProcessesSearch(s: ProcessesSearch): URLSearchParams {
  const out = new URLSearchParams();
  if (s.q.trim()) out.set('q', s.q.trim());
  writeTimeWindow(out, s);
  writePaused(out, s.paused);
  writeSelection(out, s.sel);
  return out;
}

export function processesHref(s: ProcessesSearch): string {
  const qs = serializeProcessesSearch(s).toString();
  return qs ? `/processes?${qs}` : '/processes';
}

/** q, since and until as /api/events, /api/export and /api/stream take them; a quick range goes as a duration. */
export function eventsDataParams(s: ProcessesSearch): URLSearchParams {
  return dataParams(s);
}

/** /api/export for the view: every matching event, oldest first, in `tetra getevents -o json` lines. */
export function exportHref(s: ProcessesSearch, format: ExportFormat): string {
  return viewExportHref('events', eventsDataParams(s), format);
}
