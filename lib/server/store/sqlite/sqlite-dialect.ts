import { EVENT_TYPES } from '@/lib/domain/query/kind-values';
import { guardSql, type Dialect } from '../sql/dialect';
import { podSeekSql } from './pod-seek';
import { regexpSql } from './regex-prefix';

/**
 * SQLite's side of lib/server/store/sql/dialect.ts. Values are always bound, never spliced. Where
 * a comparison is more than SQL can say plainly (labels, CIDRs, HTTP classes, DNS suffixes), it
 * calls the JavaScript function sql-functions.ts registers, the same code as the live matcher.
 */
function likePrefix(v: string): string {
  return `${v.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const bound = (sql: string, ...params: unknown[]) => ({ sql, params });

export const SQLITE: Dialect = {
  value: (v) => bound('?', v),
  not: (sql) => `NOT coalesce(${sql}, 0)`,
  where: {
    eq: (w, v) => bound(`${w.col} = ?`, v),
    num: (w, v) => bound(`${w.col} = ?`, Number(v)),
    bool: (w, v) => bound(`${w.col} = ?`, v === 'true' ? 1 : 0),
    pod: (w, v) => {
      const slash = v.indexOf('/');
      if (slash < 0) return bound(`(${w.pod} != '' AND ${w.pod} LIKE ? ESCAPE '\\')`, likePrefix(v));
      return bound(`(${w.ns} = ? AND ${w.pod} LIKE ? ESCAPE '\\')`, v.slice(0, slash), likePrefix(v.slice(slash + 1)));
    },
    prefix: (w, v) => bound(`${w.col} LIKE ? ESCAPE '\\'`, likePrefix(v)),
    label: (w, v) => bound(`label_match(${w.col}, ?)`, v),
    ip: (w, v) => (v.includes('/') ? bound(`ip_match(${w.col}, ?)`, v) : bound(`${w.col} = ?`, v)),
    service: (w, v) =>
      v.includes('/') ? bound(`${w.col} = ?`, v) : bound(`(${w.col} != '' AND substr(${w.col}, instr(${w.col}, '/') + 1) = ?)`, v),
    fenced: (w, v) => bound(`instr(${w.col}, ?) > 0`, `${w.fence}${v}${w.fence}`),
    regex: (w, v) => regexpSql(w.col, v),
    'http-status': (w, v) => bound(`http_status_match(${w.col}, ?)`, v),
    dns: (w, v) => bound(`dns_match(${w.col}, ?)`, v),
  },
  shown: {
    text: (s) => s.col,
    pod: (s) => `CASE WHEN ${s.pod} != '' THEN ${s.ns} || '/' || ${s.pod} END`,
    'non-zero': (s) => `NULLIF(${s.col}, 0)`,
    known: (s) => s.col,
    when: (s) => `CASE WHEN ${guardSql(s.guard)} THEN ${s.col} END`,
    bool: (s) => `CASE ${s.col} WHEN 1 THEN 'true' WHEN 0 THEN 'false' END`,
    'event-kind': (s) =>
      `CASE ${s.col} ${Object.entries(EVENT_TYPES)
        .map(([short, kind]) => `WHEN '${kind}' THEN '${short}'`)
        .join(' ')} END`,
  },
};

/**
 * SQLITE, with each `ns/pod-prefix` term also given as ranges the pod index can seek
 * (pod-seek.ts): for a query SQLite plans itself, not for a walk of another index.
 */
export const SQLITE_POD_SEEK: Dialect = {
  ...SQLITE,
  where: {
    ...SQLITE.where,
    pod: (w, v) => {
      const slash = v.indexOf('/');
      const seek = slash < 0 ? null : podSeekSql(w.ns, w.pod, v.slice(0, slash), v.slice(slash + 1));
      if (!seek) return SQLITE.where.pod(w, v);
      // Every range tests the namespace: a namespace term beside them would be the plan's only seek.
      return { sql: `(${seek.sql} AND ${w.pod} LIKE ? ESCAPE '\\')`, params: [...seek.params, likePrefix(v.slice(slash + 1))] };
    },
  },
};
