import { kindsFor, type FilterKind, type KindSpec, type QuerySource } from './kinds';

/**
 * Parser of the `q` filter language:
 *
 *   q     := term (whitespace term)*
 *   term  := ["!"] [("from" | "to" | "either") ":"] kind "=" value
 *   value := bare characters up to whitespace | "double quoted, with \" and \\ escapes"
 *
 * Meaning: terms of the same kind and direction are ORed (pod=a pod=b: either pod); different
 * kinds are ANDed; a negated term excludes what it matches. `from:`/`to:` apply to the flow's
 * source/destination endpoint; without a prefix an endpoint kind matches either side.
 */
export type Direction = 'from' | 'to' | 'either';

export interface QueryTerm {
  kind: FilterKind;
  direction: Direction;
  negate: boolean;
  value: string; // normalised by the kind
  start: number; // offsets in the q text, for inline errors and chips
  end: number;
}

export interface ParsedQuery {
  source: QuerySource;
  terms: QueryTerm[];
}

export class QueryError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
    this.name = 'QueryError';
  }
}

interface RawToken {
  text: string;
  value: string | null; // value after '=', unquoted
  start: number;
  end: number;
}

function readValue(q: string, i: number): { value: string; next: number } {
  if (q[i] !== '"') {
    let j = i;
    while (j < q.length && !/\s/.test(q[j]!)) j++;
    return { value: q.slice(i, j), next: j };
  }
  let out = '';
  let j = i + 1;
  while (j < q.length && q[j] !== '"') {
    if (q[j] === '\\' && j + 1 < q.length) j++;
    out += q[j];
    j++;
  }
  if (j >= q.length) throw new QueryError('unterminated quoted value', i, q.length);
  return { value: out, next: j + 1 };
}

function tokenize(q: string): RawToken[] {
  const tokens: RawToken[] = [];
  let i = 0;
  while (i < q.length) {
    if (/\s/.test(q[i]!)) {
      i++;
      continue;
    }
    const start = i;
    while (i < q.length && q[i] !== '=' && !/\s/.test(q[i]!)) i++;
    if (q[i] !== '=') {
      tokens.push({ text: q.slice(start, i), value: null, start, end: i });
      continue;
    }
    const { value, next } = readValue(q, i + 1);
    tokens.push({ text: q.slice(start, i), value, start, end: next });
    i = next;
  }
  return tokens;
}

function closest(name: string, kinds: KindSpec[]): string | null {
  const hit = kinds.find((k) => k.name.startsWith(name) || name.startsWith(k.name) || k.name.replace('-', '') === name.replace(/[-_]/g, ''));
  return hit ? hit.name : null;
}

function parseTerm(tok: RawToken, kinds: KindSpec[], source: QuerySource): QueryTerm {
  let head = tok.text;
  const negate = head.startsWith('!');
  if (negate) head = head.slice(1);
  let direction: Direction = 'either';
  const dir = /^(from|to|either):/.exec(head);
  if (dir) {
    direction = dir[1] as Direction;
    head = head.slice(dir[0].length);
  }
  if (tok.value === null) {
    throw new QueryError(`"${tok.text}" is not a filter: write kind=value, e.g. pod=default/tiefighter`, tok.start, tok.end);
  }
  const spec = kinds.find((k) => k.name === head.toLowerCase());
  if (!spec) {
    const hint = closest(head.toLowerCase(), kinds);
    const known = hint ? ` (did you mean "${hint}"?)` : `; known kinds: ${kinds.map((k) => k.name).join(', ')}`;
    throw new QueryError(`unknown filter kind "${head}" for ${source}${known}`, tok.start, tok.end);
  }
  if (dir && !spec.directional) {
    throw new QueryError(`"${spec.name}" has no source or destination side: remove "${direction}:"`, tok.start, tok.end);
  }
  try {
    return { kind: spec.name, direction, negate, value: spec.normalize(tok.value), start: tok.start, end: tok.end };
  } catch (e) {
    throw new QueryError(`${spec.name}=${JSON.stringify(tok.value)}: ${(e as Error).message}`, tok.start, tok.end);
  }
}

export const MAX_QUERY_LENGTH = 4096;
export const MAX_TERMS = 64;

export function parseQuery(q: string, source: QuerySource): ParsedQuery {
  if (q.length > MAX_QUERY_LENGTH) throw new QueryError(`filter is longer than ${MAX_QUERY_LENGTH} characters`, 0, q.length);
  const kinds = kindsFor(source);
  const terms = tokenize(q).map((t) => parseTerm(t, kinds, source));
  if (terms.length > MAX_TERMS) throw new QueryError(`more than ${MAX_TERMS} filter terms`, 0, q.length);
  return { source, terms };
}

/** Group terms for evaluation: positive terms ORed within (kind, direction), groups ANDed. */
export function groupTerms(parsed: ParsedQuery): { anyOf: QueryTerm[][]; none: QueryTerm[] } {
  const groups = new Map<string, QueryTerm[]>();
  const none: QueryTerm[] = [];
  for (const t of parsed.terms) {
    if (t.negate) {
      none.push(t);
      continue;
    }
    const key = `${t.direction}:${t.kind}`;
    const g = groups.get(key);
    if (g) g.push(t);
    else groups.set(key, [t]);
  }
  return { anyOf: [...groups.values()], none };
}

/** Render terms back to q text (chips → URL). Quotes values that need it. */
export function formatTerm(t: Pick<QueryTerm, 'direction' | 'negate' | 'value'> & { kind: string }): string {
  const v = /^[^\s"]+$/.test(t.value) ? t.value : `"${t.value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  return `${t.negate ? '!' : ''}${t.direction === 'either' ? '' : `${t.direction}:`}${t.kind}=${v}`;
}
