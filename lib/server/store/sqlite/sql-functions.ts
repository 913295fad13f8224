import type Database from 'better-sqlite3';
import { dnsMatches, httpStatusMatches, ipMatches, labelMatches } from '@/lib/domain/query/value-match';
import { regexTest } from '@/lib/domain/regex/re2';
import { tick } from './query-budget';

/**
 * JavaScript functions the filter SQL calls, registered per connection. They reuse the in-memory
 * matcher's comparisons so a filter means the same on live and stored data. Each call counts
 * against the running query's budget (query-budget.ts).
 */
export function registerSqlFunctions(db: Database.Database): void {
  const opts = { deterministic: true, directOnly: true } as const;
  const fn = (name: string, test: (a: unknown, b: unknown) => number) =>
    db.function(name, opts, (a: unknown, b: unknown) => {
      tick();
      return test(a, b);
    });
  fn('regexp', (pattern: unknown, value: unknown) =>
    typeof pattern === 'string' && typeof value === 'string' && regexTest(pattern, value) ? 1 : 0,
  );
  fn('ip_match', (ip: unknown, cidr: unknown) =>
    typeof ip === 'string' && typeof cidr === 'string' && ipMatches(ip, cidr) ? 1 : 0,
  );
  fn('http_status_match', (code: unknown, wanted: unknown) =>
    typeof code === 'number' && typeof wanted === 'string' && httpStatusMatches(code, wanted) ? 1 : 0,
  );
  fn('dns_match', (query: unknown, wanted: unknown) =>
    typeof query === 'string' && typeof wanted === 'string' && dnsMatches(query, wanted) ? 1 : 0,
  );
  // Labels are stored fenced ("\nk=v\n…"); the comparison itself is the in-memory one.
  fn('label_match', (fenced: unknown, wanted: unknown) =>
    typeof fenced === 'string' && typeof wanted === 'string' && fenced !== '' && labelMatches(fenced.split('\n'), wanted) ? 1 : 0,
  );
}
