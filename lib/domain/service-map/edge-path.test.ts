import { describe, expect, it } from 'vitest';
import { edgePath } from '@/lib/domain/service-map/edge-path';
import type { Box } from '@/lib/domain/service-map/box';

// M x y, then Q (2 points) or C (3 points): the only commands edgePath emits.
const PATH = /^M-?\d+(\.\d)? -?\d+(\.\d)?( Q(-?\d+(\.\d)? -?\d+(\.\d)? ?){2}| C(-?\d+(\.\d)? -?\d+(\.\d)? ?){3})$/;

const a: Box = { x: 0, y: 0, width: 200, height: 60 };
const b: Box = { x: 500, y: 300, width: 180, height: 100 };

const onBorder = (box: Box, p: { x: number; y: number }) => {
  const inX = p.x >= box.x - 0.01 && p.x <= box.x + box.width + 0.01;
  const inY = p.y >= box.y - 0.01 && p.y <= box.y + box.height + 0.01;
  const onEdgeX = Math.abs(p.x - box.x) < 0.01 || Math.abs(p.x - box.x - box.width) < 0.01;
  const onEdgeY = Math.abs(p.y - box.y) < 0.01 || Math.abs(p.y - box.y - box.height) < 0.01;
  return inX && inY && (onEdgeX || onEdgeY);
};

describe('edgePath', () => {
  it('draws a curve from border to border with the label between the cards', () => {
    const g = edgePath(a, b);
    expect(g.d).toMatch(PATH);
    expect(g.d.startsWith('M')).toBe(true);
    expect(g.d).toContain(' Q');
    expect(onBorder(a, g.start)).toBe(true);
    expect(onBorder(b, g.end)).toBe(true);
    expect(g.label.x).toBeGreaterThan(a.x + a.width / 2);
    expect(g.label.x).toBeLessThan(b.x + b.width / 2);
    // Heading down-right into b.
    expect(g.endAngle).toBeGreaterThan(0);
    expect(g.endAngle).toBeLessThan(90);
  });

  it('bends A→B and B→A to opposite sides so they do not overlap', () => {
    const there = edgePath(a, b);
    const back = edgePath(b, a);
    expect(Math.hypot(there.label.x - back.label.x, there.label.y - back.label.y)).toBeGreaterThan(20);
  });

  it('draws a straight line with bend 0', () => {
    const g = edgePath({ x: 0, y: 0, width: 100, height: 50 }, { x: 300, y: 0, width: 100, height: 50 }, { bend: 0 });
    expect(g.d).toBe('M100 25 Q200 25 300 25');
    expect(g.label).toEqual({ x: 200, y: 25 });
  });

  it('draws a self-loop on the top-right corner', () => {
    const g = edgePath(a, a);
    expect(g.d).toMatch(PATH);
    expect(g.d).toContain(' C');
    expect(onBorder(a, g.start)).toBe(true);
    expect(onBorder(a, g.end)).toBe(true);
    expect(g.label.x).toBeGreaterThan(a.x + a.width - 28);
    expect(g.label.y).toBeLessThan(a.y);
  });

  it('stays valid for boxes that overlap or share a centre, and never prints NaN or -0', () => {
    for (const g of [
      edgePath(a, { ...a, x: 10 }),
      edgePath(a, { x: 50, y: 10, width: 100, height: 40 }),
      edgePath({ x: -100.04, y: -0.01, width: 10, height: 10 }, { x: -300, y: -0.02, width: 10, height: 10 }),
    ]) {
      expect(g.d).toMatch(PATH);
      expect(g.d).not.toMatch(/NaN|Infinity|-0(?![.\d])/);
    }
  });
});
