import type { ParsedQuery } from '@/lib/domain/query/parse';
import { queryWhere } from '../sql/filter-where';
import { CLICKHOUSE } from './ch-dialect';

/**
 * A parsed `q` → a ClickHouse WHERE expression: the shared builder (../sql/filter-where.ts) in
 * the ClickHouse dialect (ch-dialect.ts), term for term the meaning of the SQLite store and of the
 * live matcher; the store contract test runs every kind on both stores.
 */
export { re2MatchSql } from './ch-dialect';

/** The WHERE expression of a q ('1' when there is none). */
export function queryToClickHouse(parsed: ParsedQuery | null): string {
  return queryWhere(CLICKHOUSE, parsed).sql;
}
