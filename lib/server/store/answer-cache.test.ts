import { describe, expect, it } from 'vitest';
import { AnswerCache } from './answer-cache';

describe('AnswerCache', () => {
  const renderer = () => {
    let calls = 0;
    const render = (text: string) => async () => {
      calls++;
      return { bytes: new TextEncoder().encode(text) };
    };
    return { render, calls: () => calls };
  };
  const text = (b: Uint8Array) => new TextDecoder().decode(b);

  it('gives the kept bytes while the store is at the same generation, and reads again after a write', async () => {
    const cache = new AnswerCache();
    const r = renderer();
    expect(text((await cache.answer('tree', 1, r.render('a'))).bytes)).toBe('a');
    const again = await cache.answer('tree', 1, r.render('b'));
    expect(text(again.bytes)).toBe('a');
    expect(r.calls()).toBe(1);
    // The caller may hand the buffer to a response that takes it over: the kept copy stays whole.
    again.bytes.fill(0);
    expect(text((await cache.answer('tree', 1, r.render('b'))).bytes)).toBe('a');
    expect(text((await cache.answer('tree', 2, r.render('c'))).bytes)).toBe('c');
    expect(text((await cache.answer('other', 2, r.render('d'))).bytes)).toBe('d');
    expect(r.calls()).toBe(3);
  });

  it('keeps at most its bound, the least recently asked going first, and never one answer past a quarter of it', async () => {
    const cache = new AnswerCache(40);
    const r = renderer();
    for (const k of ['a', 'b', 'c', 'd']) await cache.answer(k, 1, r.render(k.repeat(10)));
    await cache.answer('a', 1, r.render('x')); // asked again: now the newest
    await cache.answer('e', 1, r.render('e'.repeat(10))); // 50 bytes: b goes
    expect(r.calls()).toBe(5);
    await cache.answer('a', 1, r.render('x'));
    await cache.answer('c', 1, r.render('x'));
    expect(r.calls()).toBe(5);
    await cache.answer('b', 1, r.render('b'));
    expect(r.calls()).toBe(6);
    const big = renderer();
    await cache.answer('big', 1, big.render('z'.repeat(11)));
    await cache.answer('big', 1, big.render('z'.repeat(11)));
    expect(big.calls()).toBe(2);
  });
});
