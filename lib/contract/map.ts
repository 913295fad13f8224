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

/** The member the map answer ends with; the page cuts its text there (mapAnswerKey). */
export const MAP_WINDOW_MEMBER = ',"window":';
