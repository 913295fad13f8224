import { get, parseId, type RawSearch } from '@/components/url-state/time-window';
import { LEGACY_SELECTION_PARAMS, SELECTION_PARAM } from '@/lib/domain/selection-param';

/**
 * The words every list view shares, so a link, a file and a test read the same in each:
 *
 * - The selected row is `?sel=<id>` in every view (flows, process events, the pod timeline).
 *   Earlier links named it after the view (`?flow=`, `?exec=`); people share links, so those
 *   names are still read (never written) and open the same item.
 * - A paused live tail is `?live=0` in every view that tails (flows, process events), so a link
 *   to a frozen table opens frozen.
 * - A page's client component is `<name>-view.tsx`, its URL state `search-params.ts` (parsed the
 *   same way by the server page and the client), written back through `useUrlState`.
 */
export { LEGACY_SELECTION_PARAMS, SELECTION_PARAM };

/**
 * The selected id from a URL: `sel`, else the view's legacy name. `accept` checks the id's shape
 * (the default takes the characters row ids are made of); anything else reads as no selection.
 */
export function readSelection(raw: RawSearch, legacy?: string, accept: (text: string | null) => string | null = parseId): string | null {
  const sel = get(raw, SELECTION_PARAM);
  if (sel !== null) return accept(sel);
  return legacy ? accept(get(raw, legacy)) : null;
}

/** Writes the selection under its one name (the legacy names are never written). */
export function writeSelection(out: URLSearchParams, id: string | null): void {
  if (id) out.set(SELECTION_PARAM, id);
}

/** `?live=0`: the live tail is paused. */
export function readPaused(raw: RawSearch): boolean {
  return get(raw, 'live') === '0';
}

export function writePaused(out: URLSearchParams, paused: boolean): void {
  if (paused) out.set('live', '0');
}
