import type { ServiceMap } from '@/lib/domain/service-map/service-map';

/** The window a map answer covers, and how many flows it aggregates. */
export interface MapWindow {
  since: string;
  until: string;
  sinceUs: number;
  untilUs: number;
  flows: number;
  /** Past the bound on groups the quietest were left out. */
  truncated: boolean;
}

/**
 * GET /api/map: the service map of the stored flows in a window. `window` is the last member on
 * purpose: the page compares the text before it to skip re-drawing an unchanged map.
 */
export interface MapAnswer extends ServiceMap {
  window: MapWindow;
}

const WINDOW_MEMBER = ',"window":';

/**
 * An answer's text cut where `window` begins: `key` is everything before it (equal keys, equal
 * maps) and `window` the text of the window alone, so a refresh that only moved the window parses
 * a few bytes instead of the map.
 */
export function splitMapAnswer(text: string & { readonly __answer?: MapAnswer }): { key: string; window: (string & { readonly __answer?: MapWindow }) | null } {
  const cut = text.lastIndexOf(WINDOW_MEMBER);
  return cut > 0 ? { key: text.slice(0, cut), window: text.slice(cut + WINDOW_MEMBER.length, -1) } : { key: text, window: null };
}
