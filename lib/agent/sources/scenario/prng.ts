/**
 * A small seeded PRNG (xoshiro128**) keyed by a hash of everything that must make a stream
 * differ: seed, base time, loop index, and a label per generator. 128 bits of state keep streams
 * for different (baseNs, loop) from overlapping, so uuids drawn from them do not collide across
 * cycles or agent restarts. Math.random is never used: the scenario must replay bit-for-bit.
 */

export interface Prng {
  /** Uniform 32-bit unsigned integer. */
  uint32(): number;
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** Uniform float in [min, max). */
  between(min: number, max: number): number;
  /** `n` lowercase hex digits. */
  hex(n: number): string;
  /** An RFC 4122 version-4 uuid. */
  uuid(): string;
}

/** cyrb128-style string hash: four well-mixed 32-bit words. */
export function hash128(key: string): [number, number, number, number] {
  let h1 = 0x6a09e667;
  let h2 = 0xbb67ae85;
  let h3 = 0x3c6ef372;
  let h4 = 0xa54ff53a;
  for (let i = 0; i < key.length; i++) {
    const k = key.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** A stable pseudo-random hex string for a key (fixture ids that must not depend on call order). */
export function hashHex(key: string, digits: number): string {
  return createPrng(key).hex(digits);
}

const rotl = (x: number, k: number) => (x << k) | (x >>> (32 - k));

export function createPrng(...key: (string | number | bigint)[]): Prng {
  let [a, b, c, d] = hash128(key.join('\u0000'));
  if ((a | b | c | d) === 0) a = 1; // the all-zero state is a fixed point

  const uint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  const next = () => uint32() / 0x1_0000_0000;
  const hex = (n: number) => {
    let out = '';
    while (out.length < n) out += uint32().toString(16).padStart(8, '0');
    return out.slice(0, n);
  };

  return {
    uint32,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    between: (min, max) => min + next() * (max - min),
    hex,
    uuid: () => {
      const h = hex(32);
      const variant = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
}
