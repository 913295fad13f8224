import { alertSearchText, queryWords, splitPodFilter } from '@/lib/domain/alerts/alert-filter';
import type { AlertCounts, AlertEvidence, AlertTimeline } from '@/lib/domain/alerts/alert-types';
import { bucketGrid } from '@/lib/domain/alerts/timeline-buckets';
import { priorityRank, type Priority } from '@/lib/domain/rules';
import { alertCountsOf, alertTimelineOf, toAlertRow, type AlertColumns, type AlertFacet } from '../alert-rows';
import type { AlertListQuery, AlertOccurrence, AlertRow, AlertScope, AlertWriteResult } from '../alert-store';
import { decodeCursor, encodeCursor } from '../cursor';
import type { ChContext } from './ch-context';
import { ch, int } from './ch-sql';
import type { WriteSequence } from './write-sequence';

/**
 * Alerts on ClickHouse, with the semantics of sqlite/sqlite-alerts.ts. ClickHouse has no
 * UPDATE: each change of an alert (opened, counted into) is a new version of its whole row, and
 * readers take each id's highest version. recordAlerts reads the candidates a batch can repeat
 * into and the occurrences it already holds, decides in memory exactly as the SQLite
 * transaction does occurrence by occurrence, then writes hits and new versions. The store runs
 * one write at a time, and detection runs only on the server that stored the evidence, so an
 * alert is only ever changed by one writer at a time.
 */
/** An alert version as read here (alert-rows.ts turns it into an AlertRow). */
interface Row extends AlertColumns<string> {
  version: string;
  seq: string;
  priority_rank: number;
  search: string;
  process_key: string;
  output_key: string;
}

const COLUMNS = [
  'id', 'version', 'seq', 'origin', 'change', 'ts', 'last_ts', 'count', 'rule', 'priority', 'priority_rank', 'time',
  'node', 'namespace', 'pod', 'exec_id', 'event_id', 'last_exec_id', 'last_event_id', 'message', 'tags', 'search',
  'process_key', 'output_key', 'json',
] as const;

/** Each alert's current row. */
const LATEST = `(SELECT * FROM alerts WHERE (id, version) IN (SELECT id, max(version) FROM alerts GROUP BY id))`;

function scopeSql(scope: AlertScope, omit: AlertFacet | null = null): string {
  const where = ['1'];
  const f = scope.filter;
  if (f.priority && omit !== 'priority') where.push(`priority_rank <= ${priorityRank(f.priority)}`);
  if (f.rule && omit !== 'rule') where.push(ch`rule = ${f.rule}`);
  if (f.namespace && omit !== 'namespace') where.push(ch`namespace = ${f.namespace}`);
  if (f.pod) {
    const { namespace, prefix } = splitPodFilter(f.pod);
    if (namespace !== null) where.push(ch`namespace = ${namespace}`);
    where.push(ch`substring(pod, 1, ${Buffer.byteLength(prefix)}) = ${prefix}`);
  }
  for (const word of queryWords(f.q)) where.push(ch`position(search, ${word}) > 0`);
  if (scope.sinceUs !== null) where.push(`last_ts >= ${int(scope.sinceUs)}`);
  if (scope.untilUs !== null) where.push(`ts <= ${int(scope.untilUs)}`);
  return where.join(' AND ');
}

interface Working {
  row: Row;
  changed: boolean;
  created: boolean;
}

export class ChAlerts {
  private lastVersion = 0;

  constructor(
    private readonly ctx: ChContext,
    private readonly seqs: WriteSequence,
  ) {}

  /** Later than any version this server wrote or read: the newest change wins on every server. */
  private version(seen: number): number {
    this.lastVersion = Math.max(this.lastVersion + 1, seen + 1, Date.now() * 1000);
    return this.lastVersion;
  }

  async record(occurrences: AlertOccurrence[], windowUs: number): Promise<AlertWriteResult> {
    if (occurrences.length === 0) return { created: [], repeated: [], duplicates: 0 };
    const db = this.ctx.db;
    const hits = new Set(
      (await db.rows<{ occurrence_id: string }>(ch`SELECT occurrence_id FROM alert_hits WHERE occurrence_id IN ${occurrences.map((o) => o.id)}`)).map(
        (r) => r.occurrence_id,
      ),
    );
    const earliest = Math.min(...occurrences.map((o) => o.ts)) - windowUs;
    const processKeys = occurrences.map((o) => o.processKey).filter(Boolean);
    const outputKeys = occurrences.map((o) => o.outputKey);
    const keyTest = processKeys.length ? ch`(process_key IN ${processKeys} AND process_key != '') OR output_key IN ${outputKeys}` : ch`output_key IN ${outputKeys}`;
    const candidates = await db.rows<Row>(`SELECT * FROM ${LATEST} WHERE (${keyTest}) AND last_ts >= ${earliest}`);
    const working = new Map<string, Working>(candidates.map((row) => [row.id, { row, changed: false, created: false }]));
    const newHits: (string | number)[][] = [];
    const created = new Map<string, Working>();
    const repeated = new Map<string, Working>();
    let duplicates = 0;

    for (const o of occurrences) {
      // The newest alert of the same process (or same output) still inside the window.
      let repeatOf: Working | undefined;
      for (const w of working.values()) {
        const r = w.row;
        if (!((r.process_key === o.processKey && r.process_key !== '') || r.output_key === o.outputKey)) continue;
        if (Number(r.last_ts) < o.ts - windowUs) continue;
        if (!repeatOf || Number(r.last_ts) > Number(repeatOf.row.last_ts) || (Number(r.last_ts) === Number(repeatOf.row.last_ts) && Number(r.seq) > Number(repeatOf.row.seq))) {
          repeatOf = w;
        }
      }
      const alertId = repeatOf?.row.id ?? o.id;
      if (hits.has(o.id)) {
        duplicates++;
        continue;
      }
      hits.add(o.id);
      newHits.push([o.id, alertId, o.eventId, o.execId, o.ts]);
      if (repeatOf) {
        const r = repeatOf.row;
        const newer = o.ts >= Number(r.last_ts); // compared with the value before this change, as SQL's UPDATE does
        r.count = String(Number(r.count) + 1);
        if (newer) {
          r.last_event_id = o.eventId;
          r.last_exec_id = o.execId;
        }
        r.last_ts = String(Math.max(Number(r.last_ts), o.ts));
        repeatOf.changed = true;
        if (!repeatOf.created) repeated.set(r.id, repeatOf);
        continue;
      }
      const row: Row = {
        id: o.id,
        version: '0',
        seq: String(this.seqs.take(1)),
        ts: String(o.ts),
        last_ts: String(o.ts),
        count: '1',
        rule: o.rule,
        priority: o.priority,
        priority_rank: priorityRank(o.priority),
        time: o.time,
        node: o.node,
        namespace: o.namespace,
        pod: o.pod,
        exec_id: o.execId,
        event_id: o.eventId,
        last_exec_id: o.execId,
        last_event_id: o.eventId,
        message: o.message,
        tags: JSON.stringify(o.tags),
        search: alertSearchText(o),
        process_key: o.processKey,
        output_key: o.outputKey,
        json: o.json,
      };
      const w: Working = { row, changed: true, created: true };
      working.set(o.id, w);
      created.set(o.id, w);
    }

    const changed = [...working.values()].filter((w) => w.changed);
    const versions = changed.map((w) => {
      const r = w.row;
      // A change that opened the alert goes out with the seq it was opened with; a repeat takes a new one.
      const liveSeq = w.created ? Number(r.seq) : this.seqs.take(1);
      r.version = String(this.version(Number(r.version)));
      return { w, liveSeq };
    });
    await db.insert('alert_hits', ['occurrence_id', 'alert_id', 'event_id', 'exec_id', 'ts'], newHits);
    await db.insert(
      'alerts',
      COLUMNS,
      versions.map(({ w }) => {
        const r = w.row as unknown as Record<string, string | number>;
        return COLUMNS.map((c) => (c === 'origin' ? this.seqs.origin : c === 'change' ? (w.created ? 'new' : 'repeat') : r[c]!));
      }),
    );
    await db.insert(
      'live_rows',
      ['origin', 'seq', 'source', 'ts', 'id', 'payload'],
      versions
        .sort((a, b) => a.liveSeq - b.liveSeq)
        .map(({ w, liveSeq }) => [this.seqs.origin, liveSeq, 'alerts', Number(w.row.last_ts), w.row.id, w.created ? 'new' : 'repeat']),
    );
    return {
      created: [...created.values()].map((w) => toAlertRow(w.row)),
      repeated: [...repeated.values()].map((w) => toAlertRow(w.row)),
      duplicates,
    };
  }

  async list(query: AlertListQuery): Promise<{ rows: AlertRow[]; next: string | null }> {
    let where = scopeSql(query);
    if (query.cursor) {
      const c = decodeCursor(query.cursor);
      where += ` AND (ts, seq) < (${c.ts}, ${c.seq})`;
    }
    const rows = await this.ctx.db.rows<Row>(`SELECT * FROM ${LATEST} WHERE ${where} ORDER BY ts DESC, seq DESC LIMIT ${int(query.limit)}`);
    const last = rows[rows.length - 1];
    return {
      rows: rows.map(toAlertRow),
      next: rows.length === query.limit && last ? encodeCursor({ ts: Number(last.ts), seq: Number(last.seq) }) : null,
    };
  }

  async get(id: string): Promise<AlertRow | null> {
    const [row] = await this.ctx.db.rows<Row>(ch`SELECT * FROM alerts WHERE id = ${id} ORDER BY version DESC LIMIT 1`);
    return row ? toAlertRow(row) : null;
  }

  async evidence(id: string, limit: number): Promise<AlertEvidence[]> {
    const rows = await this.ctx.db.rows<{ eventId: string; execId: string; ts: string }>(
      ch`SELECT event_id AS eventId, exec_id AS execId, ts FROM alert_hits WHERE alert_id = ${id}` +
        ` ORDER BY ts, event_id LIMIT 1 BY occurrence_id LIMIT ${int(limit)}`,
    );
    return rows.map((r) => ({ eventId: r.eventId, execId: r.execId, ts: Number(r.ts) }));
  }

  async counts(scope: AlertScope): Promise<AlertCounts> {
    const facet = <T>(omit: AlertFacet, select: string, group: string) =>
      this.ctx.db.rows<T & { n: string }>(`SELECT ${select}, count() AS n FROM ${LATEST} WHERE ${scopeSql(scope, omit)} GROUP BY ${group} ORDER BY n DESC`);
    const [total] = await this.ctx.db.rows<{ n: string }>(`SELECT count() AS n FROM ${LATEST} WHERE ${scopeSql(scope)}`);
    return alertCountsOf(
      total?.n ?? 0,
      await facet<{ priority: Priority }>('priority', 'priority', 'priority'),
      await facet<{ rule: string; rank: number }>('rule', 'rule, min(priority_rank) AS rank', 'rule'),
      await facet<{ namespace: string }>('namespace', 'namespace', 'namespace'),
    );
  }

  async timeline(scope: AlertScope, maxBuckets: number): Promise<AlertTimeline | null> {
    const range: string[] = [];
    if (scope.sinceUs !== null) range.push(`h.ts >= ${int(scope.sinceUs)}`);
    if (scope.untilUs !== null) range.push(`h.ts <= ${int(scope.untilUs)}`);
    const alerts = await this.ctx.db.rows<{ id: string; priority: Priority }>(`SELECT id, priority FROM ${LATEST} WHERE ${scopeSql(scope)}`);
    if (alerts.length === 0) return null;
    const priority = new Map(alerts.map((a) => [a.id, a.priority]));
    const hits = await this.ctx.db.rows<{ alert_id: string; ts: string }>(
      `SELECT alert_id, ts FROM (SELECT occurrence_id, alert_id, ts FROM alert_hits AS h WHERE ${ch`alert_id IN ${[...priority.keys()]}`}` +
        `${range.length ? ` AND ${range.join(' AND ')}` : ''} LIMIT 1 BY occurrence_id)`,
    );
    if (hits.length === 0) return null;
    let lo = Infinity;
    let hi = -Infinity;
    for (const h of hits) {
      lo = Math.min(lo, Number(h.ts));
      hi = Math.max(hi, Number(h.ts));
    }
    const grid = bucketGrid(scope.sinceUs ?? lo, scope.untilUs ?? hi, maxBuckets);
    // SQLite's integer division truncates toward zero; so does Math.trunc.
    return alertTimelineOf(
      grid,
      hits.flatMap((h) => {
        const p = priority.get(h.alert_id);
        return p ? [{ bucket: Math.trunc((Number(h.ts) - grid.startUs) / grid.bucketUs), priority: p, n: 1 }] : [];
      }),
    );
  }

  /** Alerts last seen before the cutoff, with their hits. A mutation, but on a small table. */
  async prune(beforeUs: number): Promise<number> {
    const gone = (await this.ctx.db.rows<{ id: string }>(`SELECT id FROM ${LATEST} WHERE last_ts < ${int(beforeUs)}`)).map((r) => r.id);
    if (gone.length === 0) return 0;
    await mutate(this.ctx, `ALTER TABLE alert_hits DELETE WHERE ${ch`alert_id IN ${gone}`}`, 'alert_hits');
    // Every version of a gone alert has last_ts ≤ its newest, so this removes them all.
    await mutate(this.ctx, `ALTER TABLE alerts DELETE WHERE ${ch`id IN ${gone}`}`, 'alerts');
    return gone.length;
  }
}

/**
 * Runs an ALTER … DELETE and waits for it: 18.16 has no mutations_sync, so the mutation is
 * polled in system.mutations until done (bounded; it keeps running in the background after).
 */
export async function mutate(ctx: ChContext, statement: string, table: string, timeoutMs = 30_000): Promise<void> {
  await ctx.db.exec(statement);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [row] = await ctx.db.rows<{ pending: string }>(
      ch`SELECT count() AS pending FROM system.mutations WHERE database = ${ctx.db.target.database} AND table = ${table} AND is_done = 0`,
    );
    if (Number(row?.pending ?? 0) === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}
