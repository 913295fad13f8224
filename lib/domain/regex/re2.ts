import { RE2JS } from 're2js';

/**
 * Every regular expression a user types — `q` terms (`binary=`, `args=`, `parent-binary=`,
 * `file=`, `http-path=`), in the live tail, in SQLite's regexp() and in rules — is compiled here,
 * in one dialect: RE2's, as Hubble, Tetragon (Go's regexp) and ClickHouse use. RE2 matches in
 * time linear in the input whatever the pattern, so `(.+)+#` or `^(a+)+$` cannot stall a thread
 * the way a backtracking engine (JavaScript's RegExp) does.
 *
 * Semantics are Go's defaults: unanchored search, case-sensitive, `.` does not match a newline,
 * `^`/`$` only at the ends of the text, `\d \w \s \b` ASCII. No lookaround or backreferences
 * (a 400 naming the term, not a silent mismatch).
 *
 * The engine is re2js (a port of RE2/J to JavaScript: no native build, runs in the browser too,
 * so the filter bar validates with the same parser). Patterns that are plain text, optionally
 * anchored, skip the engine for includes/startsWith/endsWith: the same answer, several times faster.
 */

export class RegexSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegexSyntaxError';
  }
}

export interface Regex {
  readonly pattern: string;
  test(value: string): boolean;
}

/** Characters that are never special in RE2 outside a class. */
const PLAIN = /^[^\\.+*?()|[\]{}^$]*$/;
const CACHE_MAX = 1000;
const cache = new Map<string, Regex>();

function literalTest(pattern: string): ((value: string) => boolean) | null {
  const start = pattern.startsWith('^');
  const end = pattern.endsWith('$') && pattern.length > (start ? 1 : 0);
  const body = pattern.slice(start ? 1 : 0, end ? -1 : undefined);
  if (!PLAIN.test(body)) return null;
  if (start && end) return (v) => v === body;
  if (start) return (v) => v.startsWith(body);
  if (end) return (v) => v.endsWith(body);
  return (v) => v.includes(body);
}

function syntaxMessage(e: unknown): string {
  const m = (e as Error).message ?? String(e);
  // re2js says "error parsing regexp: missing closing ): `(a`" like Go; keep the reason.
  return m.replace(/^error parsing regexp: /, '');
}

/** Compiles (or reuses) a pattern; throws RegexSyntaxError with RE2's reason when it is not valid. */
export function compileRegex(pattern: string): Regex {
  let re = cache.get(pattern);
  if (re) return re;
  let engine: RE2JS;
  try {
    engine = RE2JS.compile(pattern);
  } catch (e) {
    throw new RegexSyntaxError(syntaxMessage(e));
  }
  const test = literalTest(pattern) ?? ((v: string) => engine.test(v));
  re = { pattern, test };
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(pattern, re);
  return re;
}

/** Whether `value` contains a match of `pattern` (compiled once, cached). */
export function regexTest(pattern: string, value: string): boolean {
  return compileRegex(pattern).test(value);
}
