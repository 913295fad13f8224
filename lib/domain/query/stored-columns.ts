/**
 * How a `q` kind reads the stores' columns, in terms neither SQL dialect owns: which column, and
 * which comparison. lib/server/store/sql renders these for SQLite and ClickHouse, one renderer per
 * operation per dialect (a `Record` over every `op`, so an operation a dialect lacks is a type
 * error). Column names are the flows and events tables' (both stores use the same names);
 * `int4` and `norm` name ClickHouse's derived twins, which SQLite answers with a function instead.
 */

/** The stored form of a term: its value compared with one column (or two, for pods). */
export type Where = (
  | { op: 'eq'; col: string } // text equality
  | { op: 'num'; col: string } // integer equality
  | { op: 'bool'; col: string } // 1 / 0 for true / false
  | { op: 'pod'; ns: string; pod: string } // podMatches(): ns/prefix or prefix
  | { op: 'prefix'; col: string } // starts with the value (ASCII case folded, as SQLite's LIKE)
  | { op: 'label'; col: string } // labelMatches() on a fenced "\nk=v\n…" list
  | { op: 'ip'; col: string; int4: string } // ipMatches(): address or IPv4 CIDR
  | { op: 'service'; col: string } // serviceMatches(): ns/name or name
  | { op: 'fenced'; col: string; fence: ',' | '\n' } // the value is one entry of a fenced list
  | { op: 'regex'; col: string } // RE2, lib/domain/regex
  | { op: 'http-status'; col: string } // httpStatusMatches(): 404 or 4+
  | { op: 'dns'; col: string; norm: string } // dnsMatches(): the name or a subdomain of it
) & {
  /** A column the row must have set first (the path only where there is a method, the port only on a socket). */
  guard?: Guard;
};

/** `col` is not empty ('') or not zero (0): written `col != ''` / `col != 0` in both dialects. */
export interface Guard {
  col: string;
  unset: '' | 0;
}

export type WhereOp = Where['op'];

/** What the autocomplete counts for a kind: an expression per row, empty or NULL for "none". */
export type Shown =
  | { op: 'text'; col: string; list?: ',' | '\n' } // the column (split into entries when it is a fenced list)
  | { op: 'pod'; ns: string; pod: string } // "ns/pod" when there is a pod
  | { op: 'non-zero'; col: string } // a number, 0 meaning none
  | { op: 'known'; col: string } // a number, NULL (SQLite) or -1 (ClickHouse) meaning unknown
  | { op: 'when'; guard: Guard; col: string; num?: true } // the column where the guard holds
  | { op: 'bool'; col: string } // 1 / 0 as 'true' / 'false'
  | { op: 'event-kind'; col: string }; // the stored oneof name as its `event-type=` value

export type ShownOp = Shown['op'];

export const eq = (col: string): Where => ({ op: 'eq', col });
export const num = (col: string): Where => ({ op: 'num', col });
export const fenced = (col: string, fence: ',' | '\n'): Where => ({ op: 'fenced', col, fence });
export const regexOn = (col: string): Where => ({ op: 'regex', col });
export const guarded = (guard: Guard, where: Where): Where => ({ ...where, guard });
export const isSet = (c: string): Guard => ({ col: c, unset: '' });
export const nonZeroCol = (c: string): Guard => ({ col: c, unset: 0 });

export const col = (c: string, list?: ',' | '\n'): Shown => (list ? { op: 'text', col: c, list } : { op: 'text', col: c });
export const nonZero = (c: string): Shown => ({ op: 'non-zero', col: c });
export const podName = (ns: string, pod: string): Shown => ({ op: 'pod', ns, pod });
