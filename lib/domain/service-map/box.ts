/** Axis-aligned boxes in map coordinates: (x, y) is the top-left corner, y grows downwards. */

export interface Point {
  x: number;
  y: number;
}

export interface Box extends Point {
  width: number;
  height: number;
}

/** Rounding slack so boxes laid exactly `gap` apart on a lattice still count as apart. */
const EPS = 1e-6;

/** True when the two boxes are closer than `gap` (or overlap); touching at distance `gap` is fine. */
export function boxesClash(a: Box, b: Box, gap = 0): boolean {
  return (
    a.x < b.x + b.width + gap - EPS &&
    b.x < a.x + a.width + gap - EPS &&
    a.y < b.y + b.height + gap - EPS &&
    b.y < a.y + a.height + gap - EPS
  );
}

export function boxContains(outer: Box, inner: Box): boolean {
  return (
    inner.x >= outer.x - EPS &&
    inner.y >= outer.y - EPS &&
    inner.x + inner.width <= outer.x + outer.width + EPS &&
    inner.y + inner.height <= outer.y + outer.height + EPS
  );
}

/** Smallest box around all of them; null for none. */
export function unionBox(boxes: Iterable<Box>): Box | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const b of boxes) {
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.width);
    y1 = Math.max(y1, b.y + b.height);
  }
  return x0 === Infinity ? null : { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

export function padBox(b: Box, pad: { top: number; right: number; bottom: number; left: number }): Box {
  return { x: b.x - pad.left, y: b.y - pad.top, width: b.width + pad.left + pad.right, height: b.height + pad.top + pad.bottom };
}

export function boxCenter(b: Box): Point {
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}
