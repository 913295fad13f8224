import type { SourceSpec } from '@/lib/domain/query/kind-spec';
import { eventSpec, flowSpec } from '@/lib/domain/query/kinds';
import { groupTerms, type ParsedQuery, type QueryTerm } from '@/lib/domain/query/parse';
import { renderWhere, type Dialect, type SqlFragment } from './dialect';

/**
 * A parsed `q` → a WHERE fragment, in either store's dialect, from the kinds' registry entries
 * (lib/domain/query/kinds.ts): each term is its entry's stored-column condition on the side its
 * direction names (both, ORed, for `either`), terms of one kind and direction are ORed, groups and
 * negated terms ANDed. The meaning is the live matcher's (match.ts reads the same entries); the
 * store contract suite runs every kind on both stores and the matcher.
 */
export function termWhere<T>(d: Dialect, spec: SourceSpec<T>, t: QueryTerm): SqlFragment {
  if (!spec.sided || t.direction === 'from') return renderWhere(d, spec.where('src'), t.value);
  if (t.direction === 'to') return renderWhere(d, spec.where('dst'), t.value);
  const a = renderWhere(d, spec.where('src'), t.value);
  const b = renderWhere(d, spec.where('dst'), t.value);
  return { sql: `(${a.sql} OR ${b.sql})`, params: [...a.params, ...b.params] };
}

/** The term's SQL as a store writes it for its table: the plain condition unless `route` says otherwise. */
export type TermSql = (t: QueryTerm, plain: () => SqlFragment) => SqlFragment;

/** The WHERE fragment of a q ('1' when there is none). */
export function queryWhere(d: Dialect, parsed: ParsedQuery | null, route?: TermSql): SqlFragment {
  if (!parsed || parsed.terms.length === 0) return { sql: '1', params: [] };
  const plain =
    parsed.source === 'flows'
      ? (t: QueryTerm) => termWhere(d, flowSpec(t.kind), t)
      : (t: QueryTerm) => termWhere(d, eventSpec(t.kind), t);
  const termSql = route ? (t: QueryTerm) => route(t, () => plain(t)) : plain;
  const { anyOf, none } = groupTerms(parsed);
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const group of anyOf) {
    const frags = group.map(termSql);
    parts.push(`(${frags.map((f) => f.sql).join(' OR ')})`);
    for (const f of frags) params.push(...f.params);
  }
  for (const t of none) {
    const f = termSql(t);
    parts.push(d.not(f.sql));
    params.push(...f.params);
  }
  return { sql: parts.join(' AND '), params };
}

/** Whether the service map's per-minute rollup can answer the q: every term tests group-key columns. */
export function rollupAnswers(parsed: ParsedQuery | null): boolean {
  return !parsed || parsed.terms.every((t) => flowSpec(t.kind).groupKey !== undefined);
}
