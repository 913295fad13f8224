import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_ALERT_FILTER, type AlertFilter } from '@/lib/domain/alerts/alert-filter';
import type { Priority } from '@/lib/domain/rules';
import type { AlertOccurrence } from '../alert-store';
import { SqliteStore } from './sqlite-store';

const S = 1_000_000;
const T0 = 1_795_334_400 * S;
const WINDOW = 600 * S;

let n = 0;
function occ(rule: string, priority: Priority, atS: number, over: Partial<AlertOccurrence> = {}): AlertOccurrence {
  n++;
  return {
    id: `al-${n}`, rule, priority, time: new Date((T0 + atS * S) / 1000).toISOString(), ts: T0 + atS * S, node: 'kind-worker',
    namespace: 'default', pod: 'tiefighter', execId: `exec-${n}`, eventId: `ev-${n}`, message: `${rule} happened`, tags: ['T1059'],
    processKey: `p-${n}`, outputKey: `o-${rule}-${n}`, json: '{}', ...over,
  };
}
const scope = (filter: Partial<AlertFilter> = {}, sinceUs: number | null = null, untilUs: number | null = null) => ({
  filter: { ...EMPTY_ALERT_FILTER, ...filter }, sinceUs, untilUs,
});

describe('SQLite alerts', () => {
  let dir: string;
  let store: SqliteStore;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-alerts-'));
    store = new SqliteStore(path.join(dir, 'h.db'));
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('counts a repeat with the same output key into the open alert, until the window closes', async () => {
    const first = occ('Shell', 'NOTICE', 0, { outputKey: 'same' });
    const again = occ('Shell', 'NOTICE', 300, { outputKey: 'same' });
    const later = occ('Shell', 'NOTICE', 300 + 601, { outputKey: 'same' });
    const r1 = await store.recordAlerts([first, again], WINDOW);
    expect(r1.created.map((r) => [r.summary.id, r.summary.count])).toEqual([['al-1', 2]]);
    expect(r1.repeated).toEqual([]);
    const r2 = await store.recordAlerts([later, again], WINDOW);
    expect(r2).toMatchObject({ duplicates: 1, repeated: [] });
    expect(r2.created.map((r) => r.summary.id)).toEqual([later.id]);
    const one = (await store.getAlert('al-1'))!.summary;
    expect(one).toMatchObject({ count: 2, firstSeenUs: first.ts, lastSeenUs: again.ts, lastEventId: again.eventId, lastExecId: again.execId });
  });

  it('filters, pages newest first, and facets counts without their own filter', async () => {
    await store.recordAlerts(
      [
        occ('Shell', 'NOTICE', 0),
        occ('Read sensitive file', 'WARNING', 10),
        occ('Kill', 'CRITICAL', 20, { pod: 'deathstar-6c94dcc57b-7xk2p' }),
        occ('Kill', 'CRITICAL', 30, { namespace: 'kube-system', pod: 'coredns-1', message: 'kill of 100%_done' }),
        occ('Host', 'WARNING', 40, { namespace: '', pod: '' }),
      ],
      WINDOW,
    );
    const page1 = await store.listAlerts({ ...scope(), limit: 2, cursor: null });
    const page2 = await store.listAlerts({ ...scope(), limit: 2, cursor: page1.next });
    const page3 = await store.listAlerts({ ...scope(), limit: 2, cursor: page2.next });
    expect([...page1.rows, ...page2.rows, ...page3.rows].map((r) => r.summary.ts)).toEqual([40, 30, 20, 10, 0].map((s) => T0 + s * S));
    expect(page3.next).toBeNull();

    const ids = async (f: Partial<AlertFilter>, since: number | null = null, until: number | null = null) =>
      (await store.listAlerts({ ...scope(f, since, until), limit: 100, cursor: null })).rows.map((r) => r.summary.rule).sort();
    expect(await ids({ priority: 'WARNING' })).toEqual(['Host', 'Kill', 'Kill', 'Read sensitive file']);
    expect(await ids({ pod: 'default/death' })).toEqual(['Kill']);
    expect(await ids({ pod: 'core' })).toEqual(['Kill']);
    expect(await ids({ q: '100%_' })).toEqual(['Kill']);
    expect(await ids({ q: 'KILL 100%' })).toEqual(['Kill']);
    expect(await ids({ namespace: 'default', rule: 'Kill' })).toEqual(['Kill']);
    expect(await ids({}, T0 + 15 * S, T0 + 35 * S)).toEqual(['Kill', 'Kill']);

    const counts = await store.alertCounts(scope({ priority: 'CRITICAL', namespace: 'default' }));
    expect(counts.total).toBe(1);
    // Each facet ignores its own filter: every priority of namespace default stays pickable…
    expect(counts.byPriority).toEqual({ NOTICE: 1, WARNING: 1, CRITICAL: 1 });
    // …and every namespace with CRITICAL alerts.
    expect(counts.byNamespace).toEqual(expect.arrayContaining([{ namespace: 'default', count: 1 }, { namespace: 'kube-system', count: 1 }]));
    expect(counts.byRule).toEqual([{ rule: 'Kill', priority: 'CRITICAL', count: 1 }]);
  });

  it('buckets occurrences by time and priority', async () => {
    await store.recordAlerts([occ('A', 'NOTICE', 0, { outputKey: 'a' }), occ('A', 'NOTICE', 5, { outputKey: 'a' }), occ('B', 'CRITICAL', 59)], WINDOW);
    const t = (await store.alertTimeline(scope(), 60))!;
    expect(t.bucketUs).toBe(1 * S);
    expect(t.buckets.find((b) => b.startUs === T0)!.counts).toEqual({ NOTICE: 1 });
    expect(t.buckets.find((b) => b.startUs === T0 + 5 * S)!.counts).toEqual({ NOTICE: 1 });
    expect(t.buckets.find((b) => b.startUs === T0 + 59 * S)!.counts).toEqual({ CRITICAL: 1 });
    expect(t.buckets.reduce((sum, b) => sum + Object.values(b.counts).reduce((x, y) => x + y, 0), 0)).toBe(3);
    expect(await store.alertTimeline(scope({ rule: 'nothing' }), 60)).toBeNull();
  });

  it('drops alerts last seen before the retention cutoff, with their evidence', async () => {
    await store.recordAlerts([occ('Old', 'NOTICE', 0), occ('New', 'NOTICE', 100)], WINDOW);
    expect(await store.pruneAlerts(T0 + 50 * S)).toBe(1);
    expect((await store.listAlerts({ ...scope(), limit: 10, cursor: null })).rows.map((r) => r.summary.rule)).toEqual(['New']);
    expect(await store.alertEvidence('al-' + String(n - 1), 10)).toEqual([]);
  });
});
