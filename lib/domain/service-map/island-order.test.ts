import { describe, expect, it } from 'vitest';
import { orderByConnection } from '@/lib/domain/service-map/island-order';

describe('orderByConnection', () => {
  it('keeps every id exactly once', () => {
    const ids = ['e', 'a', 'c', 'b', 'd'];
    expect([...orderByConnection(ids, [['a', 'b']])].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('lays a chain out in chain order', () => {
    // a chain hidden behind shuffled names: q - c - x - a - m - z
    const chain = ['q', 'c', 'x', 'a', 'm', 'z'];
    const links = chain.slice(1).map((id, i) => [chain[i]!, id] as const);
    const order = orderByConnection([...chain].sort(), links);
    const pos = new Map(order.map((id, i) => [id, i]));
    for (const [a, b] of links) expect(Math.abs(pos.get(a)! - pos.get(b)!)).toBe(1);
  });

  it('keeps two cliques apart', () => {
    const left = ['a', 'd', 'f', 'h'];
    const right = ['b', 'c', 'e', 'g'];
    const clique = (xs: string[]) => xs.flatMap((x, i) => xs.slice(i + 1).map((y) => [x, y] as const));
    const order = orderByConnection([...left, ...right], [...clique(left), ...clique(right), ['a', 'b']]);
    const firstHalf = new Set(order.slice(0, 4));
    expect(left.every((id) => firstHalf.has(id)) || right.every((id) => firstHalf.has(id))).toBe(true);
  });

  it('is deterministic and ignores links to outsiders and self-links', () => {
    const ids = ['a', 'b', 'c'];
    const links = [['a', 'zzz'], ['b', 'b'], ['c', 'a']] as const;
    expect(orderByConnection(ids, links)).toEqual(orderByConnection([...ids].reverse(), links));
  });
});
