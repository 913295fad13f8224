import { describe, expect, it } from 'vitest';
import { createPrng, hash128, hashHex } from '@/lib/agent/sources/scenario/prng';

const draw = (n: number, ...key: (string | number | bigint)[]) => {
  const rng = createPrng(...key);
  return Array.from({ length: n }, () => rng.uint32());
};

describe('createPrng', () => {
  it('replays the same stream for the same key', () => {
    expect(draw(50, 1977, 10n, 0)).toEqual(draw(50, 1977, 10n, 0));
  });

  it('gives a different stream when any key part changes', () => {
    const base = draw(8, 1977, 10n, 0);
    expect(draw(8, 1978, 10n, 0)).not.toEqual(base);
    expect(draw(8, 1977, 11n, 0)).not.toEqual(base);
    expect(draw(8, 1977, 10n, 1)).not.toEqual(base);
    // parts are separated, so ("1", "23") is not ("12", "3")
    expect(draw(8, '1', '23')).not.toEqual(draw(8, '12', '3'));
  });

  it('keeps int() inside its inclusive bounds and covers them', () => {
    const rng = createPrng('bounds');
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = rng.int(3, 7);
      expect(v).toBeGreaterThanOrEqual(3);
      expect(v).toBeLessThanOrEqual(7);
      seen.add(v);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('produces well-formed, distinct v4 uuids', () => {
    const rng = createPrng('uuids');
    const uuids = Array.from({ length: 5000 }, () => rng.uuid());
    for (const u of uuids) expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(uuids).size).toBe(uuids.length);
  });

  it('has a roughly uniform next()', () => {
    const rng = createPrng('uniform');
    let sum = 0;
    for (let i = 0; i < 10_000; i++) sum += rng.next();
    expect(sum / 10_000).toBeGreaterThan(0.48);
    expect(sum / 10_000).toBeLessThan(0.52);
  });
});

describe('hash128 / hashHex', () => {
  it('is stable and sensitive to every character', () => {
    expect(hash128('deathstar')).toEqual(hash128('deathstar'));
    expect(hash128('deathstar')).not.toEqual(hash128('deathstaR'));
    expect(hashHex('container', 64)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashHex('container', 64)).toBe(hashHex('container', 64));
  });
});
