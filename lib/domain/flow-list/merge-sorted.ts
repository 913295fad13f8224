/**
 * Merges a small sorted batch into a large sorted array in one pass (O(n + m)), so a live batch
 * lands in place without re-sorting 100k rows. Stable: on ties, existing rows stay first.
 */
export function mergeSorted<T>(existing: readonly T[], batch: readonly T[], cmp: (a: T, b: T) => number): T[] {
  if (batch.length === 0) return existing.slice();
  if (existing.length === 0) return batch.slice();
  const out = new Array<T>(existing.length + batch.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < existing.length && j < batch.length) {
    if (cmp(batch[j]!, existing[i]!) < 0) out[k++] = batch[j++]!;
    else out[k++] = existing[i++]!;
  }
  while (i < existing.length) out[k++] = existing[i++]!;
  while (j < batch.length) out[k++] = batch[j++]!;
  return out;
}
