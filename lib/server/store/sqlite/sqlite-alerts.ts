import type Database from 'better-sqlite3';
import { alertSearchText } from '@/lib/domain/alerts/alert-filter';
import type { AlertCounts, AlertEvidence, AlertTimeline } from '@/lib/domain/alerts/alert-types';
import { bucketGrid } from '@/lib/domain/alerts/timeline-buckets';
import { priorityRank, type Priority } from '@/lib/domain/rules';
import { alertCountsOf, alertTimelineOf, toAlertRow, type AlertColumns, type AlertFacet } from '../alert-rows';
import type { AlertListQuery, AlertOccurrence, AlertRow, AlertScope, AlertWriteResult } from '../alert-store';
import { decodeCursor, encodeCursor } from '../cursor';
import { alertScopeSql } from './alert-filter-sql';

/** An alert as read here (alert-rows.ts turns it into an AlertRow). */
interface Row extends AlertColumns<number> {
  seq: number;
}

const COLUMNS = 'a.seq, a.id, a.ts, a.last_ts, a.count, a.rule, a.priority, a.time, a.node, a.namespace, a.pod, a.exec_id, a.event_id, a.last_exec_id, a.last_event_id, a.message, a.tags, a.json';

/**
 * SQL for the alerts part of SqliteStore (see alert-store.ts). Alerts are rare next to events,
 * so every query here reads the small alerts table directly, without caches.
 */
export class SqliteAlerts {
  private readonly st: {
    hit: Database.Statement;
    repeatOf: Database.Statement;
    bump: Database.Statement;
    insert: Database.Statement;
    byId: Database.Statement;
  };

  constructor(private readonly db: Database.Database) {
    this.st = {
      hit: db.prepare('INSERT OR IGNORE INTO alert_hits (occurrence_id, alert_id, event_id, exec_id, ts) VALUES (?, ?, ?, ?, ?)'),
      repeatOf: db.prepare(
        `SELECT ${COLUMNS} FROM alerts a WHERE a.seq = (
           SELECT seq FROM alerts WHERE ((process_key = ? AND process_key != '') OR output_key = ?) AND last_ts >= ?
           ORDER BY last_ts DESC LIMIT 1)`,
      ),
      bump: db.prepare(
        `UPDATE alerts SET count = count + 1,
           last_ts = max(last_ts, ?),
           last_event_id = CASE WHEN ? >= last_ts THEN ? ELSE last_event_id END,
           last_exec_id = CASE WHEN ? >= last_ts THEN ? ELSE last_exec_id END
         WHERE id = ?`,
      ),
      insert: db.prepare(
        `INSERT OR IGNORE INTO alerts (id, ts, last_ts, count, rule, priority, priority_rank, time, node, namespace, pod,
           exec_id, event_id, last_exec_id, last_event_id, message, tags, search, process_key, output_key, json)
         VALUES (@id, @ts, @ts, 1, @rule, @priority, @rank, @time, @node, @namespace, @pod,
           @execId, @eventId, @execId, @eventId, @message, @tags, @search, @processKey, @outputKey, @json)`,
      ),
      byId: db.prepare(`SELECT ${COLUMNS} FROM alerts a WHERE a.id = ?`),
    };
  }

  private readonly recordTx = (occurrences: AlertOccurrence[], windowUs: number): AlertWriteResult => {
    const created = new Map<string, AlertRow>();
    const repeated = new Map<string, AlertRow>();
    let duplicates = 0;
    for (const o of occurrences) {
      const repeatOf = this.st.repeatOf.get(o.processKey, o.outputKey, o.ts - windowUs) as Row | undefined;
      const alertId = repeatOf?.id ?? o.id;
      if (this.st.hit.run(o.id, alertId, o.eventId, o.execId, o.ts).changes === 0) {
        duplicates++;
        continue;
      }
      if (repeatOf) {
        this.st.bump.run(o.ts, o.ts, o.eventId, o.ts, o.execId, repeatOf.id);
        const row = toAlertRow(this.st.byId.get(repeatOf.id) as Row);
        if (created.has(row.summary.id)) created.set(row.summary.id, row);
        else repeated.set(row.summary.id, row);
        continue;
      }
      this.st.insert.run({
        ...o,
        rank: priorityRank(o.priority),
        tags: JSON.stringify(o.tags),
        search: alertSearchText(o),
      });
      created.set(o.id, toAlertRow(this.st.byId.get(o.id) as Row));
    }
    return { created: [...created.values()], repeated: [...repeated.values()], duplicates };
  };

  record(occurrences: AlertOccurrence[], windowUs: number): AlertWriteResult {
    if (occurrences.length === 0) return { created: [], repeated: [], duplicates: 0 };
    return this.db.transaction(this.recordTx)(occurrences, windowUs);
  }

  list(query: AlertListQuery): { rows: AlertRow[]; next: string | null } {
    const scope = alertScopeSql(query);
    const params = [...scope.params];
    let where = scope.sql;
    if (query.cursor) {
      const c = decodeCursor(query.cursor);
      where += ' AND (a.ts, a.seq) < (?, ?)';
      params.push(c.ts, c.seq);
    }
    const rows = this.db
      .prepare(`SELECT ${COLUMNS} FROM alerts a WHERE ${where} ORDER BY a.ts DESC, a.seq DESC LIMIT ?`)
      .all(...params, query.limit) as Row[];
    const last = rows[rows.length - 1];
    return {
      rows: rows.map(toAlertRow),
      next: rows.length === query.limit && last ? encodeCursor({ ts: last.ts, seq: last.seq }) : null,
    };
  }

  get(id: string): AlertRow | null {
    const row = this.st.byId.get(id) as Row | undefined;
    return row ? toAlertRow(row) : null;
  }

  evidence(id: string, limit: number): AlertEvidence[] {
    return (
      this.db
        .prepare('SELECT event_id AS eventId, exec_id AS execId, ts FROM alert_hits WHERE alert_id = ? ORDER BY ts, event_id LIMIT ?')
        .all(id, limit) as AlertEvidence[]
    );
  }

  counts(scope: AlertScope): AlertCounts {
    const facet = <T>(omit: AlertFacet, select: string, group: string) => {
      const s = alertScopeSql(scope, omit);
      return this.db.prepare(`SELECT ${select}, count(*) AS n FROM alerts a WHERE ${s.sql} GROUP BY ${group} ORDER BY n DESC`).all(...s.params) as (T & { n: number })[];
    };
    const all = alertScopeSql(scope);
    return alertCountsOf(
      (this.db.prepare(`SELECT count(*) AS n FROM alerts a WHERE ${all.sql}`).get(...all.params) as { n: number }).n,
      facet<{ priority: Priority }>('priority', 'a.priority AS priority', 'a.priority'),
      facet<{ rule: string; rank: number }>('rule', 'a.rule AS rule, min(a.priority_rank) AS rank', 'a.rule'),
      facet<{ namespace: string }>('namespace', 'a.namespace AS namespace', 'a.namespace'),
    );
  }

  timeline(scope: AlertScope, maxBuckets: number): AlertTimeline | null {
    const s = alertScopeSql(scope);
    const hitRange: string[] = [];
    const rangeParams: unknown[] = [];
    if (scope.sinceUs !== null) {
      hitRange.push('h.ts >= ?');
      rangeParams.push(scope.sinceUs);
    }
    if (scope.untilUs !== null) {
      hitRange.push('h.ts <= ?');
      rangeParams.push(scope.untilUs);
    }
    const from = `FROM alert_hits h JOIN alerts a ON a.id = h.alert_id WHERE ${[s.sql, ...hitRange].join(' AND ')}`;
    const params = [...s.params, ...rangeParams];
    const span = this.db.prepare(`SELECT min(h.ts) AS lo, max(h.ts) AS hi ${from}`).get(...params) as { lo: number | null; hi: number | null };
    if (span.lo === null || span.hi === null) return null;
    const grid = bucketGrid(scope.sinceUs ?? span.lo, scope.untilUs ?? span.hi, maxBuckets);
    const rows = this.db
      .prepare(`SELECT ((h.ts - ?) / ?) AS bucket, a.priority AS priority, count(*) AS n ${from} GROUP BY bucket, a.priority`)
      .all(grid.startUs, grid.bucketUs, ...params) as { bucket: number; priority: Priority; n: number }[];
    return alertTimelineOf(grid, rows);
  }

  prune(beforeUs: number): number {
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM alert_hits WHERE alert_id IN (SELECT id FROM alerts WHERE last_ts < ?)').run(beforeUs);
      return this.db.prepare('DELETE FROM alerts WHERE last_ts < ?').run(beforeUs).changes;
    })();
  }
}
