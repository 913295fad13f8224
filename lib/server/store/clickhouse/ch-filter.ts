import { groupTerms, type ParsedQuery, type QueryTerm } from '@/lib/domain/query/parse';
import { ipv4ToInt } from '@/lib/domain/query/value-match';
import { badParam } from '@/lib/server/http/http-error';
import { ch, raw } from './ch-sql';

/**
 * A parsed `q` → a ClickHouse WHERE expression, term for term the meaning of
 * sqlite/sql-filter.ts (and so of the in-memory matcher, lib/domain/query/match.ts); the store
 * contract test runs every kind on both stores. Values are literals from ch-sql.ts; column
 * names come from the fixed switch below. Where SQLite calls a JavaScript function, the
 * ClickHouse form is exact rather than approximate:
 * - IPv4 CIDR: the address is stored beside its text as the integer ipv4ToInt() makes of it
 *   (-1 when it is no IPv4 address), so a prefix is a range test on the same arithmetic.
 * - dns: the query is stored lower-cased without its trailing dot (`dns_norm`).
 * - label: the fenced list ("\nk=v\n…") is searched for each spelling that matches after the
 *   source prefix is stripped (label_match strips again when it reads).
 * - pod and image prefixes: SQLite's LIKE folds ASCII case, so the prefix is compared with
 *   lower() (ASCII-only in ClickHouse too) on the first bytes.
 * - regular expressions: RE2 on both sides (lib/domain/regex); ClickHouse's dot-matches-newline
 *   is turned off per pattern.
 */
type Side = 'src' | 'dst';

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

function regexSql(col: string, t: QueryTerm): string {
  return re2MatchSql(col, t.value);
}

function podSql(ns: string, pod: string, v: string): string {
  const slash = v.indexOf('/');
  if (slash < 0) return `(${pod} != '' AND ${prefixSql(pod, v)})`;
  return `(${ch`${raw(ns)} = ${v.slice(0, slash)}`} AND ${prefixSql(pod, v.slice(slash + 1))})`;
}

function endpointSql(t: QueryTerm, side: Side): string | null {
  const v = t.value;
  switch (t.kind) {
    case 'pod':
      return podSql(`${side}_ns`, `${side}_pod`, v);
    case 'namespace':
      return ch`${raw(`${side}_ns`)} = ${v}`;
    case 'workload':
      return ch`${raw(`${side}_workload`)} = ${v}`;
    case 'label':
      return labelSql(`${side}_labels`, v);
    case 'ip':
      return ipSql(`${side}_ip`, `${side}_ip4`, v);
    case 'port':
      return `${side}_port = ${Number(v)}`;
    case 'identity':
      return `${side}_identity = ${Number(v)}`;
    case 'service':
      return v.includes('/')
        ? ch`${raw(`${side}_service`)} = ${v}`
        : ch`(${raw(`${side}_service`)} != '' AND substring(${raw(`${side}_service`)}, position(${raw(`${side}_service`)}, '/') + 1) = ${v})`;
    default:
      return null;
  }
}

function either(t: QueryTerm, build: (side: Side) => string | null): string | null {
  if (t.direction === 'from') return build('src');
  if (t.direction === 'to') return build('dst');
  const a = build('src');
  const b = build('dst');
  return a === null || b === null ? null : `(${a} OR ${b})`;
}

function httpStatusSql(v: string): string {
  if (v.endsWith('+')) {
    const cls = Number(v[0]) * 100;
    return `(http_code != 0 AND http_code >= ${cls} AND http_code < ${cls + 100})`;
  }
  return `(http_code != 0 AND http_code = ${Number(v)})`;
}

/** dnsMatches(): stored `dns_norm` is the query lower-cased without its trailing dot. */
function dnsSql(v: string): string {
  const w = v.toLowerCase().replace(/\.$/, '');
  return ch`(dns_query != '' AND (dns_norm = ${w} OR endsWith(dns_norm, ${`.${w}`})))`;
}

function flowTermSql(t: QueryTerm): string {
  const ep = either(t, (side) => endpointSql(t, side));
  if (ep !== null) return ep;
  const v = t.value;
  const eq = (col: string) => ch`${raw(col)} = ${v}`;
  switch (t.kind) {
    case 'node':
      return eq('node');
    case 'id':
      return eq('id');
    case 'verdict':
      return eq('verdict');
    case 'drop-reason':
      return eq('drop_reason');
    case 'type':
      return eq('type');
    case 'protocol':
      return eq('protocol');
    case 'direction':
      return eq('direction');
    case 'http-method':
      return eq('http_method');
    case 'tcp-flag':
      return ch`position(tcp_flags, ${`,${v},`}) > 0`;
    case 'reply':
      return `is_reply = ${v === 'true' ? 1 : 0}`;
    case 'http-path':
      return `(http_method != '' AND ${regexSql('http_path', t)})`;
    case 'http-status':
      return httpStatusSql(v);
    case 'dns':
      return dnsSql(v);
    default:
      throw new Error(`no flow SQL for kind ${t.kind}`);
  }
}

function eventTermSql(t: QueryTerm): string {
  const v = t.value;
  const eq = (col: string) => ch`${raw(col)} = ${v}`;
  const bySide = (fn: (side: 'saddr' | 'daddr', port: 'sport' | 'dport') => string): string => {
    if (t.direction === 'from') return fn('saddr', 'sport');
    if (t.direction === 'to') return fn('daddr', 'dport');
    return `(${fn('saddr', 'sport')} OR ${fn('daddr', 'dport')})`;
  };
  switch (t.kind) {
    case 'pod':
      return podSql('namespace', 'pod', v);
    case 'namespace':
      return eq('namespace');
    case 'workload':
      return eq('workload');
    case 'label':
      return labelSql('labels', v);
    case 'node':
      return eq('node');
    case 'id':
      return eq('id');
    case 'ip':
      return bySide((addr) => ipSql(`sock_${addr}`, `sock_${addr}4`, v));
    case 'port':
      return bySide((_, port) => `(sock_saddr != '' AND sock_${port} = ${Number(v)})`);
    case 'binary':
      return regexSql('binary', t);
    case 'args':
      return regexSql('args', t);
    case 'parent-binary':
      return regexSql('parent_binary', t);
    case 'event-type':
      return eq('kind');
    case 'function':
      return eq('function_name');
    case 'policy':
      return eq('policy_name');
    case 'capability':
      return ch`position(capabilities, ${`\n${v}\n`}) > 0`;
    case 'exec-id':
      return eq('exec_id');
    case 'parent-exec-id':
      return eq('parent_exec_id');
    case 'pid':
      return `pid = ${Number(v)}`;
    case 'uid':
      return `uid = ${Number(v)}`;
    case 'container':
      return eq('container');
    case 'image':
      return prefixSql('image', v);
    case 'file':
      return `(file_path != '' AND ${regexSql('file_path', t)})`;
    default:
      throw new Error(`no event SQL for kind ${t.kind}`);
  }
}

/** The WHERE expression of a q ('1' when there is none). */
export function queryToClickHouse(parsed: ParsedQuery | null): string {
  if (!parsed || parsed.terms.length === 0) return '1';
  const termSql = parsed.source === 'flows' ? flowTermSql : eventTermSql;
  const { anyOf, none } = groupTerms(parsed);
  const parts = anyOf.map((group) => `(${group.map(termSql).join(' OR ')})`);
  for (const t of none) parts.push(`NOT (${termSql(t)})`);
  return parts.join(' AND ');
}
