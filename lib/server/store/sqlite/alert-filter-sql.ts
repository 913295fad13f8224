import { queryWords, splitPodFilter } from '@/lib/domain/alerts/alert-filter';
import { priorityRank } from '@/lib/domain/rules';
import type { AlertScope } from '../alert-store';

/** The facets a count can leave out of its own filter. */
export type AlertFacet = 'priority' | 'rule' | 'namespace';

/**
 * An alert scope → SQL WHERE over the `alerts` table (alias `a`), bound parameters only. The
 * time range keeps alerts whose first..last occurrence overlaps it.
 */
export function alertScopeSql(scope: AlertScope, omit: AlertFacet | null = null): { sql: string; params: unknown[] } {
  const where: string[] = ['1'];
  const params: unknown[] = [];
  const f = scope.filter;
  if (f.priority && omit !== 'priority') {
    where.push('a.priority_rank <= ?');
    params.push(priorityRank(f.priority));
  }
  if (f.rule && omit !== 'rule') {
    where.push('a.rule = ?');
    params.push(f.rule);
  }
  if (f.namespace && omit !== 'namespace') {
    where.push('a.namespace = ?');
    params.push(f.namespace);
  }
  if (f.pod) {
    const { namespace, prefix } = splitPodFilter(f.pod);
    if (namespace !== null) {
      where.push('a.namespace = ?');
      params.push(namespace);
    }
    // substr() rather than LIKE: pod names may contain % and _.
    where.push('substr(a.pod, 1, ?) = ?');
    params.push(prefix.length, prefix);
  }
  for (const word of queryWords(f.q)) {
    where.push('instr(a.search, ?) > 0');
    params.push(word);
  }
  if (scope.sinceUs !== null) {
    where.push('a.last_ts >= ?');
    params.push(scope.sinceUs);
  }
  if (scope.untilUs !== null) {
    where.push('a.ts <= ?');
    params.push(scope.untilUs);
  }
  return { sql: where.join(' AND '), params };
}
