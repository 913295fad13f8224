/**
 * Walks a time range in windows that grow away from where the reading starts, until enough rows
 * were found or the range is exhausted. ClickHouse 18.16 cannot stop an ORDER BY ts … LIMIT
 * early (reading in key order arrived in 19.x): without windows, "the newest 100 flows" would
 * sort every stored flow. The first window is sized from the table's density so a typical page
 * takes one query; each next one is four times wider, so a sparse filter costs O(log span)
 * queries and never more rows read than about 4/3 of the span it needed.
 */
export interface WindowPlan {
  lo: number; // inclusive bounds of the whole range (may be ±MAX_SAFE_INTEGER: unbounded)
  hi: number;
  order: 'newest' | 'oldest';
  firstWidth: number;
  /** Where the stored rows lie as far as we know; only shapes the windows, never limits them. */
  bounds: Bounds;
}

export interface Bounds {
  oldestUs: number;
  newestUs: number;
  rows: number;
}

const MIN_WIDTH = 1_000_000; // 1 s

/** A first window expected to hold about `want` rows of an unfiltered table. */
export function firstWidth(bounds: Bounds, want: number): number {
  const span = Math.max(1, bounds.newestUs - bounds.oldestUs);
  const density = bounds.rows / span;
  return Math.max(MIN_WIDTH, Math.ceil((want * 4) / Math.max(density, 1e-12)));
}

/** What a window gave the caller: rows found in it, and how many it still wants. */
export interface WindowFeedback {
  found: number;
  want: number;
}

/**
 * Yields inclusive [from, to] windows covering [lo, hi] exactly once; the caller stops iterating
 * once it has enough. Windows start at the stored data's edge (bounds) and the last one always
 * runs to the range's far end, so rows outside stale bounds are still found.
 *
 * A caller that reports what each window gave (`gen.next({ found, want })`) gets the next window
 * sized from the rate seen so far — a sparse filter then takes two or three queries instead of a
 * long series of ×4 steps; without feedback each window is four times the last.
 */
export function* windows(plan: WindowPlan): Generator<{ from: number; to: number }, void, WindowFeedback | undefined> {
  const { lo, hi, bounds } = plan;
  let width = Math.max(1, plan.firstWidth);
  if (lo > hi) return;
  let covered = 0;
  let found = 0;
  const grow = (from: number, to: number, fb: WindowFeedback | undefined) => {
    if (!fb) return width * 4;
    // Only the part of the window where rows can be counts towards the rate.
    covered += Math.max(1, Math.min(to, bounds.newestUs) - Math.max(from, bounds.oldestUs) + 1);
    found += fb.found;
    if (found === 0) return width * 16;
    return Math.max(width * 2, Math.ceil((fb.want / (found / covered)) * 1.5));
  };
  if (plan.order === 'newest') {
    let to = hi;
    let from = Math.max(lo, Math.min(hi, bounds.newestUs) - width + 1);
    for (;;) {
      if (from <= bounds.oldestUs) from = lo;
      const fb = yield { from, to };
      if (from <= lo) return;
      width = grow(from, to, fb);
      to = from - 1;
      from = Math.max(lo, to - width + 1);
    }
  } else {
    let from = lo;
    let to = Math.min(hi, Math.max(lo, bounds.oldestUs) + width - 1);
    for (;;) {
      if (to >= bounds.newestUs) to = hi;
      const fb = yield { from, to };
      if (to >= hi) return;
      width = grow(from, to, fb);
      from = to + 1;
      to = Math.min(hi, from + width - 1);
    }
  }
}
