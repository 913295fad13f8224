/**
 * SVG geometry of one edge between two node cards: a quadratic curve from border to border
 * (bent a little to one side, so A→B and B→A never draw on top of each other), or a loop on
 * the card's top-right corner when a workload talks to itself. Pure numbers in, a `d` string
 * out: React only sets the attribute.
 */
import { boxCenter, type Box, type Point } from '@/lib/domain/service-map/box';

export interface EdgePathOptions {
  /** Sideways bend as a fraction of the edge length; give parallel edges different values. */
  bend?: number;
  /** Size of a self-loop in map units. */
  loopSize?: number;
}

export interface EdgeGeometry {
  d: string;
  /** Where to anchor the edge's label (the middle of the curve). */
  label: Point;
  start: Point;
  end: Point;
  /** Direction of travel at the end, degrees, for an arrow head. */
  endAngle: number;
}

const fmt = (v: number) => String(Math.round(v * 10) / 10 + 0); // "+ 0" turns -0 into 0

function point(p: Point): string {
  return `${fmt(p.x)} ${fmt(p.y)}`;
}

/** Where the ray from the box's centre towards `toward` leaves the box. */
function borderPoint(b: Box, toward: Point): Point {
  const c = boxCenter(b);
  const dx = toward.x - c.x;
  const dy = toward.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const t = Math.min(dx === 0 ? Infinity : b.width / 2 / Math.abs(dx), dy === 0 ? Infinity : b.height / 2 / Math.abs(dy));
  return t >= 1 ? toward : { x: c.x + dx * t, y: c.y + dy * t };
}

function angle(from: Point, to: Point): number {
  return (Math.atan2(to.y - from.y, to.x - from.x) * 180) / Math.PI;
}

function selfLoop(b: Box, size: number): EdgeGeometry {
  const right = b.x + b.width;
  const start = { x: right - size, y: b.y };
  const end = { x: right, y: b.y + size };
  const c1 = { x: right - size, y: b.y - 2 * size };
  const c2 = { x: right + 2 * size, y: b.y + size };
  // Cubic Bézier at t = ½.
  const label = { x: (start.x + 3 * c1.x + 3 * c2.x + end.x) / 8, y: (start.y + 3 * c1.y + 3 * c2.y + end.y) / 8 };
  return {
    d: `M${point(start)} C${point(c1)} ${point(c2)} ${point(end)}`,
    label,
    start,
    end,
    endAngle: angle(c2, end),
  };
}

function sameBox(a: Box, b: Box): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

export function edgePath(from: Box, to: Box, opts: EdgePathOptions = {}): EdgeGeometry {
  const bend = opts.bend ?? 0.12;
  const a = boxCenter(from);
  const b = boxCenter(to);
  const length = Math.hypot(b.x - a.x, b.y - a.y);
  if (sameBox(from, to) || length < 1e-6) return selfLoop(from, opts.loopSize ?? 28);

  // Control point: off the midpoint, on the left of the direction of travel.
  const control = {
    x: (a.x + b.x) / 2 + ((b.y - a.y) / length) * bend * length,
    y: (a.y + b.y) / 2 - ((b.x - a.x) / length) * bend * length,
  };
  const start = borderPoint(from, control);
  const end = borderPoint(to, control);
  const label = {
    x: 0.25 * start.x + 0.5 * control.x + 0.25 * end.x,
    y: 0.25 * start.y + 0.5 * control.y + 0.25 * end.y,
  };
  return { d: `M${point(start)} Q${point(control)} ${point(end)}`, label, start, end, endAngle: angle(control, end) };
}
