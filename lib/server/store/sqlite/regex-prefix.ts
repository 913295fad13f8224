/**
 * The literal text every match of an anchored regular expression starts with ("^/v1/exhaust-port"
 * → "/v1/exhaust-port"), or null when there is none we can be sure of. SQL compares it with
 * substr() before calling regexp() (RE2, sql-functions.ts) — a call into JS per row is what a regex page
 * costs (npm run bench: ~2.8 µs a row over the newest rows it scans), and rows without the
 * prefix can never match. Conservative: any alternation, escape or non-ASCII character ends or
 * refuses the prefix, and a quantifier makes its character optional.
 */
const META = new Set(['\\', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '^', '$']);

export function literalPrefix(pattern: string): string | null {
  if (!pattern.startsWith('^') || pattern.includes('|')) return null;
  let end = 1;
  while (end < pattern.length && !META.has(pattern[end]!) && pattern.charCodeAt(end) < 0x80) end++;
  let prefix = pattern.slice(1, end);
  const next = pattern[end];
  // "^/ab?" matches "/a": the character before ? * { may be absent.
  if (next === '?' || next === '*' || next === '{') prefix = prefix.slice(0, -1);
  return prefix.length ? prefix : null;
}

/** `regexp(?, col)`, behind a cheap prefix comparison when the pattern has one. */
export function regexpSql(col: string, pattern: string): { sql: string; params: unknown[] } {
  const prefix = literalPrefix(pattern);
  if (prefix === null) return { sql: `regexp(?, ${col})`, params: [pattern] };
  return { sql: `(substr(${col}, 1, ${prefix.length}) = ? AND regexp(?, ${col}))`, params: [prefix, pattern] };
}
