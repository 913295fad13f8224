import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { parseQuery } from '@/lib/domain/query/parse';
import { fencedLabels } from '@/lib/domain/query/value-match';
import { scenarioRecords } from '@/test/fixtures/scenario-records';
import type { FlowRecord, Store } from '../store';
import { flowV2Params } from './rows';
import { SqliteStore } from './sqlite-store';

// Since schema version 8 a flow row leaves the columns its map key holds empty (rows.ts,
// FLOW_COLUMNS_IN_MAP_KEY): filters, suggestions and the map must answer exactly as when the rows
// held them, on a new file and on a version-7 file whose older rows still hold them.

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function scratch(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-flowcols-'));
  dirs.push(d);
  return path.join(d, 'h.db');
}

/** Filters on every emptied column, with values the scenario's flows carry. */
function asks(flows: FlowRecord[]): string[] {
  const s = flows.map((f) => f.summary);
  const labelled = s.find((f) => f.source.labels.length)!;
  const workload = s.find((f) => f.destination.workload)!.destination.workload;
  const service = s.find((f) => f.destination.service || f.source.service);
  const http = s.find((f) => f.httpPath)!;
  const dns = s.find((f) => f.dnsQuery);
  const label = labelled.source.labels.map((l) => l.replace(/^[a-z0-9-]+:/, '')).find((l) => l.includes('='))!;
  return [
    `from:label=${label}`,
    `label=${label}`,
    `to:workload=${workload}`,
    `!workload=${workload}`,
    `http-path=${http.httpPath.slice(0, 6)}`,
    `http-method=${http.httpMethod}`,
    `http-status=${s.find((f) => f.httpCode)!.httpCode}`,
    `type=${s[0]!.type}`,
    `!protocol=${s[0]!.protocol}`,
    `to:identity=${s.find((f) => f.destination.identity)!.destination.identity}`,
    ...(service ? [`service=${service.destination.service || service.source.service}`] : []),
    ...(dns ? [`dns=${dns.dnsQuery}`] : []),
  ];
}

async function answers(store: Store, flows: FlowRecord[]): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const q of asks(flows)) {
    const page = await store.listFlows({ q: parseQuery(q, 'flows'), sinceUs: null, untilUs: null, limit: 10_000, cursor: null });
    out[q] = page.rows.map((r) => r.id).sort();
    const ts = flows.map((f) => f.summary.ts);
    const map = await store.mapSamples({ q: parseQuery(q, 'flows'), sinceUs: Math.min(...ts), untilUs: Math.max(...ts), maxGroups: 1000 });
    out[`map ${q}`] = map.samples.map((m) => `${m.count}`).sort();
  }
  for (const kind of ['label', 'workload', 'service', 'http-path', 'dns', 'identity', 'type', 'protocol', 'http-method', 'http-status', 'drop-reason'] as const) {
    out[`suggest ${kind}`] = await store.suggestValues({ source: 'flows', kind, direction: 'either', prefix: '', limit: 50 });
  }
  return out;
}

describe('flow columns kept in the map key only', () => {
  it('stores new flows without them and answers filters, the map and suggestions as before', async () => {
    const { flows, events } = scenarioRecords();
    const store = new SqliteStore(scratch());
    await store.insert(flows, events);
    const row = store.sql<{ src_labels: string; dst_workload: string; http_path: string }>(
      `SELECT src_labels, dst_workload, http_path FROM flows WHERE id = ?`,
      flows.find((f) => f.summary.source.labels.length && f.summary.destination.workload && f.summary.httpPath)?.summary.id ??
        flows.find((f) => f.summary.source.labels.length)!.summary.id,
    )[0]!;
    expect(row).toEqual({ src_labels: '', dst_workload: '', http_path: '' });
    expect(store.sql<{ n: number }>(`SELECT count(*) AS n FROM flows WHERE type != '' OR protocol != '' OR src_identity != 0 OR policies != ''`)[0]!.n).toBe(0);

    const got = await answers(store, flows);
    // Every ask finds something, and exactly the flows whose summary says so.
    const labelAsk = asks(flows)[0]!;
    const label = labelAsk.slice('from:label='.length);
    const expected = flows.filter((f) => fencedLabels(f.summary.source.labels).includes(`\n${label}\n`)).map((f) => f.summary.id).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(got[labelAsk]).toEqual(expected);
    for (const q of asks(flows)) expect((got[q] as string[]).length, q).toBeGreaterThan(0);
    expect((got['suggest label'] as { value: string }[]).map((v) => v.value)).toContain(label);
    await store.close();
  });

  it('opens a version-7 file whose rows hold the columns, and answers across old and new rows alike', async () => {
    const { flows, events } = scenarioRecords();
    const half = Math.floor(flows.length / 2);
    const reference = new SqliteStore(scratch());
    await reference.insert(flows, events);
    const expected = await answers(reference, flows);
    await reference.close();

    const file = scratch();
    const first = new SqliteStore(file);
    await first.insert(flows.slice(0, half), events);
    await first.close();
    // Stage version 7: the older rows carry the values in their own columns.
    const raw = new Database(file);
    const put = raw.prepare(
      `UPDATE flows SET src_workload = ?, src_labels = ?, src_service = ?, dst_workload = ?, dst_labels = ?, dst_service = ?, http_path = ?, dns_query = ?,
         src_identity = ?, dst_identity = ?, drop_reason = ?, type = ?, protocol = ?, http_method = ?, http_code = ?, @v2 WHERE id = ?`.replace(
        '@v2',
        'src_workload_kind = ?, dst_workload_kind = ?, encrypted = ?, auth_type = ?, policies = ?',
      ),
    );
    for (const { summary: f } of flows.slice(0, half)) {
      const [src, dst] = [f.source, f.destination];
      put.run(
        src.workload, fencedLabels(src.labels), src.service, dst.workload, fencedLabels(dst.labels), dst.service, f.httpPath, f.dnsQuery,
        src.identity, dst.identity, f.dropReason, f.type, f.protocol, f.httpMethod, f.httpCode,
        ...Object.values(flowV2Params(f)), f.id,
      );
    }
    raw.pragma('user_version = 7');
    raw.close();

    const again = new SqliteStore(file);
    expect(again.sql<{ v: number }>('SELECT user_version AS v FROM pragma_user_version')[0]!.v).toBe(10);
    await again.insert(flows.slice(half), []);
    expect(await answers(again, flows)).toEqual(expected);
    await again.close();
  });
});
