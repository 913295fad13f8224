import type { SqlFragment } from '../sql/dialect';

/**
 * A `ns/pod-prefix` term that SQLite can answer by seeking the pod index (namespace, pod, ts)
 * rather than reading the whole namespace. The term's own condition, `pod LIKE 'prefix%'`, gives
 * the index only its namespace: SQLite's LIKE folds ASCII case, so it cannot be a range on a
 * BINARY index (SQLite's LIKE optimisation wants a NOCASE index). The answer must stay LIKE's, so
 * the LIKE stays, ANDed with byte ranges that hold every string it can match: the ASCII case
 * variants of the prefix's first characters (up to FOLDED_LETTERS letters, so at most 16 ranges),
 * each `pod >= variant AND pod < variant's successor`. SQLite plans that OR as one index search per
 * range (MULTI-INDEX OR) and tests the LIKE on what they return.
 *
 * Only for a plan SQLite chooses itself: on a walk of the time index every row would test every
 * range (sqlite-store.ts asks for it only on its last, self-planned query).
 */
const FOLDED_LETTERS = 4;
const MAX_CODE_POINT = 0x10ffff;

/** The characters the ranges are made of: the prefix's first ones, up to FOLDED_LETTERS letters, stopping at a NUL (LIKE ends a pattern there) or an unpaired surrogate (not valid UTF-8). */
export function seekSeed(prefix: string): string[] {
  const seed: string[] = [];
  let letters = 0;
  for (const ch of prefix) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0 || (cp >= 0xd800 && cp <= 0xdfff)) break;
    const letter = /^[A-Za-z]$/.test(ch);
    if (letter && letters === FOLDED_LETTERS) break;
    if (letter) letters++;
    seed.push(ch);
  }
  return seed;
}

/** The smallest string after every string that starts with `s` (code point order is UTF-8 byte order, as SQLite's BINARY compares), or null when there is none. */
export function prefixSuccessor(chars: readonly string[]): string | null {
  for (let i = chars.length - 1; i >= 0; i--) {
    let cp = chars[i]!.codePointAt(0)! + 1;
    if (cp === 0xd800) cp = 0xe000; // surrogates are not characters
    if (cp <= MAX_CODE_POINT) return chars.slice(0, i).join('') + String.fromCodePoint(cp);
  }
  return null;
}

/** [low, high) per ASCII case variant of the seed (high null: no upper bound). Empty when the seed is. */
export function caseVariantRanges(prefix: string): [string, string | null][] {
  const seed = seekSeed(prefix);
  if (seed.length === 0) return [];
  let variants: string[][] = [[]];
  for (const ch of seed) {
    const cases = /^[A-Za-z]$/.test(ch) ? [ch.toUpperCase(), ch.toLowerCase()] : [ch];
    variants = variants.flatMap((v) => cases.map((c) => [...v, c]));
  }
  return variants.map((v) => [v.join(''), prefixSuccessor(v)]);
}

/**
 * The ranges' OR for columns `ns` and `pod`, or null when the prefix gives none (empty, or
 * starting with a NUL): the caller keeps the plain condition alone then.
 */
export function podSeekSql(ns: string, pod: string, namespace: string, prefix: string): SqlFragment | null {
  const ranges = caseVariantRanges(prefix);
  if (ranges.length === 0) return null;
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const [low, high] of ranges) {
    parts.push(high === null ? `(${ns} = ? AND ${pod} >= ?)` : `(${ns} = ? AND ${pod} >= ? AND ${pod} < ?)`);
    params.push(namespace, low, ...(high === null ? [] : [high]));
  }
  return { sql: `(${parts.join(' OR ')})`, params };
}
