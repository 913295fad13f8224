import type Database from 'better-sqlite3';
import { dnsMatches, httpStatusMatches, ipMatches, labelMatches } from '@/lib/domain/query/value-match';
import { regexTest } from '@/lib/domain/regex/re2';

/**
 * JavaScript functions the filter SQL calls, registered per connection. They reuse the in-memory
 * matcher's comparisons so a filter means the same on live and stored data.
 */
export function registerSqlFunctions(db: Database.Database): void {
  const opts = { deterministic: true, directOnly: true } as const;
  db.function('regexp', opts, (pattern: unknown, value: unknown) =>
    typeof pattern === 'string' && typeof value === 'string' && regexTest(pattern, value) ? 1 : 0,
  );
  db.function('ip_match', opts, (ip: unknown, cidr: unknown) =>
    typeof ip === 'string' && typeof cidr === 'string' && ipMatches(ip, cidr) ? 1 : 0,
  );
  db.function('http_status_match', opts, (code: unknown, wanted: unknown) =>
    typeof code === 'number' && typeof wanted === 'string' && httpStatusMatches(code, wanted) ? 1 : 0,
  );
  db.function('dns_match', opts, (query: unknown, wanted: unknown) =>
    typeof query === 'string' && typeof wanted === 'string' && dnsMatches(query, wanted) ? 1 : 0,
  );
  // Labels are stored fenced ("\nk=v\n…"); the comparison itself is the in-memory one.
  db.function('label_match', opts, (fenced: unknown, wanted: unknown) =>
    typeof fenced === 'string' && typeof wanted === 'string' && fenced !== '' && labelMatches(fenced.split('\n'), wanted) ? 1 : 0,
  );
}
