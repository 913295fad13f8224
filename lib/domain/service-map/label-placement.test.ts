import { describe, expect, it } from 'vitest';
import { boxesClash } from '@/lib/domain/service-map/box';
import { placeLabels, pointOnCurve } from '@/lib/domain/service-map/label-placement';

const straight = (id: string, y: number) => ({ id, start: { x: 0, y }, middle: { x: 200, y }, end: { x: 400, y }, width: 60, height: 20 });
const boxAt = (p: { x: number; y: number }) => ({ x: p.x - 30, y: p.y - 10, width: 60, height: 20 });

describe('placeLabels', () => {
  it('keeps the middle of the curve when it is free', () => {
    expect(placeLabels([straight('a', 0)], []).get('a')).toEqual({ x: 200, y: 0 });
  });

  it('slides a label along its curve off a card and off another label', () => {
    const card = { x: 170, y: -30, width: 60, height: 60 };
    const placed = placeLabels([straight('a', 0), straight('b', 5)], [card]);
    const a = placed.get('a')!;
    const b = placed.get('b')!;
    expect(boxesClash(boxAt(a), card)).toBe(false);
    expect(boxesClash(boxAt(a), boxAt(b))).toBe(false);
    expect(a.y).toBe(0); // still on its own line
  });

  it('keeps the middle when nowhere is free', () => {
    const wall = { x: -100, y: -100, width: 600, height: 200 };
    expect(placeLabels([straight('a', 0)], [wall]).get('a')).toEqual({ x: 200, y: 0 });
  });

  it('walks the same quadratic the edge draws', () => {
    const r = { start: { x: 0, y: 0 }, middle: { x: 50, y: 25 }, end: { x: 100, y: 0 } };
    expect(pointOnCurve(r, 0)).toEqual({ x: 0, y: 0 });
    expect(pointOnCurve(r, 0.5)).toEqual({ x: 50, y: 25 });
    expect(pointOnCurve(r, 1)).toEqual({ x: 100, y: 0 });
  });
});
