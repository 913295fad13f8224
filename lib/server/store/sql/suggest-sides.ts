import type { Side } from '@/lib/domain/query/kind-spec';
import { isFilterKind, KIND_REGISTRY, type QuerySource } from '@/lib/domain/query/kinds';
import type { KindEntry } from '@/lib/domain/query/kind-spec';
import type { Direction } from '@/lib/domain/query/parse';
import type { SuggestedValue } from '../store';
import { renderShown, type Dialect } from './dialect';

/**
 * Filter-bar autocomplete, the part both stores share: what to count for a kind (its registry
 * entry's `shown`, on the sides its direction names, in the store's dialect) and how counted
 * values are ranked. Each store scans its newest SCAN_ROWS rows its own way.
 */
export const SCAN_ROWS = 20_000;

export interface SuggestColumns {
  /** One expression per side asked for; empty or NULL means "no value" in a row. */
  exprs: string[];
  /** Fenced multi-value columns ("\na\nb\n" or ",a,b,") are split into their entries. */
  list: '\n' | ',' | undefined;
}

/** The expressions to count, or null when the kind has nothing worth suggesting (ids, unknown kinds). */
export function suggestColumns(d: Dialect, source: QuerySource, kind: string, direction: Direction): SuggestColumns | null {
  if (!isFilterKind(kind)) return null;
  const entry: KindEntry = KIND_REGISTRY[kind];
  const spec = entry[source];
  if (!spec?.shown) return null;
  const sides: Side[] = !spec.sided ? ['src'] : direction === 'from' ? ['src'] : direction === 'to' ? ['dst'] : ['src', 'dst'];
  const shown = sides.map((s) => spec.shown!(s));
  return { exprs: shown.map((s) => renderShown(d, s)), list: shown[0]!.op === 'text' ? shown[0]!.list : undefined };
}

/**
 * Counted values → suggestions: fenced lists split into their entries, filtered by the prefix
 * (case-insensitively), prefix matches first, then by count.
 */
export function rankSuggestions(
  rows: readonly { v: string | number; n: number }[],
  list: '\n' | ',' | undefined,
  prefix: string,
  limit: number,
): SuggestedValue[] {
  const counts = new Map<string, number>();
  for (const { v, n } of rows) {
    const values = list ? String(v).split(list).filter(Boolean) : [String(v)];
    for (const value of values) counts.set(value, (counts.get(value) ?? 0) + n);
  }
  const p = prefix.toLowerCase();
  const hits: SuggestedValue[] = [];
  for (const [value, count] of counts) {
    const l = value.toLowerCase();
    // Prefix matches first; for paths and pods a match after a '/' also counts (typing "exhaust").
    if (!p || l.startsWith(p) || l.includes(`/${p}`) || (p.length >= 3 && l.includes(p))) hits.push({ value, count });
  }
  hits.sort((a, b) => {
    const ap = a.value.toLowerCase().startsWith(p) ? 0 : 1;
    const bp = b.value.toLowerCase().startsWith(p) ? 0 : 1;
    return ap - bp || b.count - a.count || a.value.localeCompare(b.value);
  });
  return hits.slice(0, limit);
}
