/**
 * Where each edge label goes: on its own curve, at the middle if that spot is free, else a bit
 * towards either end, so labels neither hide node cards nor pile onto each other. Greedy in
 * priority order (the labels that matter most pick first); a label with no free spot keeps the
 * middle. Positions are label centres in map units.
 */
import { BoxIndex } from '@/lib/domain/service-map/box-index';
import type { Box, Point } from '@/lib/domain/service-map/box';

export interface LabelRequest {
  id: string;
  /** The curve: start, middle (t = ½) and end of a quadratic Bézier. */
  start: Point;
  middle: Point;
  end: Point;
  /** A self-loop is not a quadratic: its label stays at the loop's middle. */
  loop?: boolean;
  width: number;
  height: number;
}

const POSITIONS = [0.5, 0.4, 0.6, 0.32, 0.68, 0.25, 0.75] as const;
const GAP = 4;

/** Point at t of the quadratic through start, middle (at t = ½) and end. */
export function pointOnCurve(r: Pick<LabelRequest, 'start' | 'middle' | 'end'>, t: number): Point {
  const c = { x: 2 * r.middle.x - (r.start.x + r.end.x) / 2, y: 2 * r.middle.y - (r.start.y + r.end.y) / 2 };
  const a = (1 - t) * (1 - t);
  const b = 2 * (1 - t) * t;
  const d = t * t;
  return { x: a * r.start.x + b * c.x + d * r.end.x, y: a * r.start.y + b * c.y + d * r.end.y };
}

const centred = (p: Point, w: number, h: number): Box => ({ x: p.x - w / 2, y: p.y - h / 2, width: w, height: h });

export function placeLabels(requests: readonly LabelRequest[], obstacles: Iterable<Box>): Map<string, Point> {
  const index = new BoxIndex(256);
  let n = 0;
  for (const b of obstacles) index.add(`o${n++}`, b);
  const placed = new Map<string, Point>();
  for (const r of requests) {
    let spot: Point = r.middle;
    for (const t of r.loop ? [0.5] : POSITIONS) {
      const p = t === 0.5 ? r.middle : pointOnCurve(r, t);
      if (!index.anyClash(centred(p, r.width, r.height), GAP)) {
        spot = p;
        break;
      }
    }
    placed.set(r.id, spot);
    index.add(`l:${r.id}`, centred(spot, r.width, r.height));
  }
  return placed;
}
