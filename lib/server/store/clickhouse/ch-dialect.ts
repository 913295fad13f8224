import { EVENT_TYPES } from '@/lib/domain/query/kind-values';
import { ipv4ToInt } from '@/lib/domain/query/value-match';
import { guardSql, type Dialect, type SqlFragment } from '../sql/dialect';
import { ch, literal, raw } from './ch-sql';

/**
 * ClickHouse's side of lib/server/store/sql/dialect.ts: values are literals from ch-sql.ts
 * (18.16 has no query parameters), so every fragment's `params` is empty. Where SQLite calls a
 * JavaScript function, the ClickHouse form is exact rather than approximate:
 * - IPv4 CIDR: the address is stored beside its text as the integer ipv4ToInt() makes of it
 *   (-1 when it is no IPv4 address; the `int4` column), so a prefix is a range test on the same arithmetic.
 * - dns: the query is stored lower-cased without its trailing dot (the `norm` column).
 * - label: the fenced list ("\nk=v\n…") is searched for each spelling that matches after the
 *   source prefix is stripped (label_match strips again when it reads).
 * - pod and image prefixes: SQLite's LIKE folds ASCII case, so the prefix is compared with
 *   lower() (ASCII-only in ClickHouse too) on the first bytes.
 * - regular expressions: RE2 on both sides (lib/domain/regex); ClickHouse's dot-matches-newline
 *   is turned off per pattern.
 * Autocomplete's expressions use '' where SQLite has NULL.
 */
const STRIPPED_PREFIXES = ['k8s:', 'container:', 'any:', 'cidr:', 'fqdn:', 'unspec:'];

function asciiLower(v: string): string {
  return v.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

function prefixSql(col: string, prefix: string): string {
  if (prefix === '') return '1';
  const bytes = Buffer.byteLength(prefix);
  return `lower(substring(${col}, 1, ${bytes})) = ${ch`${asciiLower(prefix)}`}`;
}

/** SQLite's label_match(fenced, wanted): some entry, stripped of its source, is `wanted` (or `wanted=…`). */
function labelSql(col: string, wanted: string): string {
  if (wanted.includes('\n')) return '0';
  const bare = !STRIPPED_PREFIXES.some((p) => wanted.startsWith(p));
  const spellings = [...STRIPPED_PREFIXES.map((p) => p + wanted), ...(bare ? [wanted] : [])];
  const needles = spellings.flatMap((s) => (wanted.includes('=') ? [`\n${s}\n`] : [`\n${s}\n`, `\n${s}=`]));
  return `(${needles.map((n) => ch`position(${raw(col)}, ${n}) > 0`).join(' OR ')})`;
}

/** ip_match(col, cidr) / col = ip, on the text column and its IPv4 integer twin. */
function ipSql(col: string, col4: string, v: string): string {
  const slash = v.indexOf('/');
  if (slash < 0) return ch`${raw(col)} = ${v}`;
  const base = ipv4ToInt(v.slice(0, slash));
  const bits = Number(v.slice(slash + 1));
  if (base === null || bits > 32) return '0';
  if (bits === 0) return `${col4} >= 0`;
  const size = 2 ** (32 - bits);
  const lo = Math.floor(base / size) * size;
  return `(${col4} >= ${lo} AND ${col4} <= ${lo + size - 1})`;
}

/**
 * q's patterns are RE2 already (lib/domain/regex, validated at parse); ClickHouse's match() runs
 * RE2 too, but compiled with dot-matches-newline, so `(?-s)` restores the server's meaning. Before
 * RE2, ClickHouse checks a literal it finds in the pattern with a case-sensitive search, blind to
 * an `(?i)` flag (18.16: `(?i)KILL` missed "kill"); an alternative that matches nothing makes it
 * skip that shortcut for such patterns.
 */
const NO_MATCH = '[^\\x{0}-\\x{10ffff}]';

/** `match()` of an SQL expression against a q pattern, meaning what lib/domain/regex means. */
export function re2MatchSql(expr: string, pattern: string): string {
  const wrapped = /\(\?[a-zA-Z]*i/.test(pattern) ? `(?-s)(?:${pattern})|${NO_MATCH}` : `(?-s)${pattern}`;
  return ch`match(${raw(expr)}, ${wrapped})`;
}

function httpStatusSql(col: string, v: string): string {
  if (v.endsWith('+')) {
    const cls = Number(v[0]) * 100;
    return `${col} >= ${cls} AND ${col} < ${cls + 100}`;
  }
  return `${col} = ${Number(v)}`;
}

/** dnsMatches(): the `norm` column holds the query lower-cased without its trailing dot. */
function dnsSql(col: string, norm: string, v: string): string {
  const w = v.toLowerCase().replace(/\.$/, '');
  return ch`(${raw(col)} != '' AND (${raw(norm)} = ${w} OR endsWith(${raw(norm)}, ${`.${w}`})))`;
}

const text = (sql: string): SqlFragment => ({ sql, params: [] });

export const CLICKHOUSE: Dialect = {
  value: (v) => text(literal(v)),
  not: (sql) => `NOT (${sql})`,
  where: {
    eq: (w, v) => text(ch`${raw(w.col)} = ${v}`),
    num: (w, v) => text(`${w.col} = ${Number(v)}`),
    bool: (w, v) => text(`${w.col} = ${v === 'true' ? 1 : 0}`),
    pod: (w, v) => {
      const slash = v.indexOf('/');
      if (slash < 0) return text(`(${w.pod} != '' AND ${prefixSql(w.pod, v)})`);
      return text(`(${ch`${raw(w.ns)} = ${v.slice(0, slash)}`} AND ${prefixSql(w.pod, v.slice(slash + 1))})`);
    },
    prefix: (w, v) => text(prefixSql(w.col, v)),
    label: (w, v) => text(labelSql(w.col, v)),
    ip: (w, v) => text(ipSql(w.col, w.int4, v)),
    service: (w, v) =>
      text(
        v.includes('/')
          ? ch`${raw(w.col)} = ${v}`
          : ch`(${raw(w.col)} != '' AND substring(${raw(w.col)}, position(${raw(w.col)}, '/') + 1) = ${v})`,
      ),
    fenced: (w, v) => text(ch`position(${raw(w.col)}, ${`${w.fence}${v}${w.fence}`}) > 0`),
    regex: (w, v) => text(re2MatchSql(w.col, v)),
    // Unbracketed: the registry guards it (`http_code != 0 AND …`), as SQLite's form was written.
    'http-status': (w, v) => text(httpStatusSql(w.col, v)),
    dns: (w, v) => text(dnsSql(w.col, w.norm, v)),
  },
  shown: {
    text: (s) => s.col,
    pod: (s) => `if(${s.pod} != '', concat(${s.ns}, '/', ${s.pod}), '')`,
    'non-zero': (s) => `if(${s.col} != 0, toString(${s.col}), '')`,
    known: (s) => `if(${s.col} >= 0, toString(${s.col}), '')`,
    when: (s) => `if(${guardSql(s.guard)}, ${s.num ? `toString(${s.col})` : s.col}, '')`,
    bool: (s) => `multiIf(${s.col} = 1, 'true', ${s.col} = 0, 'false', '')`,
    'event-kind': (s) =>
      `multiIf(${Object.entries(EVENT_TYPES)
        .map(([short, kind]) => `${s.col} = '${kind}', '${short}'`)
        .join(', ')}, '')`,
  },
};
