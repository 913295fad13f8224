import type { MarkerCluster } from './marker-clusters';

/** Where a bar's label hangs: right of the bar, left of it, or over its start (a wide bar). */
export interface BarLabelPlace {
  side: 'right' | 'left' | 'inside';
  /** Pixels between the bar's edge and the label. */
  gapPx: number;
}

const GAP_PX = 6;
// A cluster's count badge sticks out ~10px above and right of its diamond.
const PAST_BADGE_PX = 18;
// Within this share of the row's width a cluster sits on the bar's edge.
const EDGE = 0.015;

/**
 * Places the label where there is room (a bar ending before 80 % of the window labels on its
 * right, one starting after 20 % on its left), and moves it clear of a cluster badge sitting on
 * the edge it hangs from, which would otherwise cover "exit 0 · 2 ms".
 */
export function barLabelPlace(bounds: { start: number; end: number }, clusters: readonly MarkerCluster[]): BarLabelPlace {
  const side = bounds.end < 0.8 ? 'right' : bounds.start > 0.2 ? 'left' : 'inside';
  if (side === 'inside') return { side, gapPx: GAP_PX };
  const edge = side === 'right' ? bounds.end : bounds.start;
  const crowded = clusters.some((c) => c.count > 1 && Math.abs(c.x - edge) < EDGE);
  return { side, gapPx: crowded ? PAST_BADGE_PX : GAP_PX };
}
