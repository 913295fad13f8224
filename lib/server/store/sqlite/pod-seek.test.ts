import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '@/lib/domain/query/parse';
import { scenarioRecords } from '@/test/fixtures/scenario-records';
import type { EventRecord, FlowRecord } from '../store';
import { caseVariantRanges, prefixSuccessor } from './pod-seek';
import { queryToSql } from './sql-filter';
import { SqliteStore } from './sqlite-store';

// Names a pod filter must treat as text: LIKE's wildcards and escape, quotes, case, non-ASCII
// (not folded by SQLite's LIKE), an astral character, the highest code point, a NUL.
const NAMES = [
  'tiefighter', 'tiefighter-2', 'TieFighter', 'TIEFIGHTER', 'tie', 'tiea', 'tif', 'ti',
  'a%b', 'axb', 'a_b', 'a\\b', 'a\\\\b', "o'brien", 'o"brien', 'éclair', 'Éclair', 'ÉCLAIR',
  'x😀y', 'x😀', 'x\u{10FFFF}z', 'x\u{10FFFF}', 'y', '\u{10FFFF}', 'nul\u0000x', 'nul', 'z\uE000', 'z\uD7FF',
];
const NAMESPACES = ['default', 'Default', 'other'];
const VALUES = [
  'tie', 'TIE', 'tIeF', 'tiefighter', 'TieFighter-', 'ti', 't', 'a%', 'a%b', 'a_', 'a\\', 'a\\\\', "o'", 'o"',
  'é', 'É', 'x😀', 'x\u{10FFFF}', '\u{10FFFF}', 'nul\u0000', 'nul', 'z\uD7FF', 'z', 'nope', '',
];

let dir: string;
let store: SqliteStore;
let db: Database.Database;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-pod-seek-'));
  const file = path.join(dir, 'store.db');
  store = new SqliteStore(file);
  const base = scenarioRecords();
  const events: EventRecord[] = [];
  const flows: FlowRecord[] = [];
  let n = 0;
  for (const ns of NAMESPACES) {
    for (const pod of NAMES) {
      const e = base.events[n % base.events.length]!;
      const f = base.flows[n % base.flows.length]!;
      n++;
      events.push({ json: e.json, summary: { ...e.summary, id: `e${n}`, namespace: ns, pod } });
      flows.push({
        json: f.json,
        summary: { ...f.summary, id: `f${n}`, source: { ...f.summary.source, namespace: ns, pod }, destination: { ...f.summary.destination, namespace: 'other', pod: NAMES[(n * 7) % NAMES.length]! } },
      });
    }
  }
  await store.insert(flows, events);
  await store.close();
  db = new Database(file, { readonly: true });
});

afterAll(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A value in the filter language's quotes (its \" and \\ escapes). */
const quoted = (v: string) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

function ids(table: 'flows' | 'events', q: string, podSeek: boolean): string[] {
  const where = queryToSql(parseQuery(q, table), { podSeek });
  return (db.prepare(`SELECT id FROM ${table} WHERE ${where.sql} ORDER BY id`).pluck().all(...where.params) as string[]);
}

describe('pod filter index seek', () => {
  it('selects exactly the rows the LIKE alone selects, for hostile names and values', () => {
    let checked = 0;
    for (const ns of NAMESPACES) {
      for (const v of VALUES) {
        const value = quoted(`${ns}/${v}`);
        for (const [table, q] of [
          ['events', `pod=${value}`],
          ['flows', `from:pod=${value}`],
          ['flows', `pod=${value}`],
          ['flows', `!from:pod=${value}`],
        ] as const) {
          let parsed;
          try {
            parsed = parseQuery(q, table);
          } catch {
            continue; // a value the parser refuses never reaches SQL
          }
          if (!parsed.terms.length) continue;
          expect(ids(table, q, true), q).toEqual(ids(table, q, false));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
    // The fold is ASCII only, as SQLite's LIKE: `TIE` finds the lower-case names, `É` not `é`.
    expect(ids('events', 'pod=default/TIE', true).length).toBe(6);
    expect(ids('events', 'pod=default/É', true).length).toBe(2);
  });

  it('seeks the pod index for the namespace and the name (the plan SQLite chooses)', () => {
    const plan = (table: 'flows' | 'events', q: string, podSeek: boolean) => {
      const where = queryToSql(parseQuery(q, table), { podSeek });
      return (db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM ${table} WHERE ${where.sql} ORDER BY ts DESC, seq DESC LIMIT 10`).all(...where.params) as { detail: string }[])
        .map((r) => r.detail)
        .join('\n');
    };
    expect(plan('events', 'pod=default/tiefighter', true)).toMatch(/events_pod \(namespace=\? AND pod>\? AND pod<\?\)/);
    expect(plan('flows', 'from:pod=default/tiefighter', true)).toMatch(/flows_src_pod \(src_ns=\? AND src_pod>\? AND src_pod<\?\)/);
    // Without the ranges the index narrows the namespace only (why they exist).
    expect(plan('events', 'pod=default/tiefighter', false)).not.toMatch(/pod>\?/);
  });

  it('makes ranges that hold every string starting with a case variant', () => {
    expect(caseVariantRanges('ti-1')).toEqual([
      ['TI-1', 'TI-2'],
      ['Ti-1', 'Ti-2'],
      ['tI-1', 'tI-2'],
      ['ti-1', 'ti-2'],
    ]);
    expect(caseVariantRanges('abcdefg')).toHaveLength(16); // four letters folded, the rest left to the LIKE
    expect(caseVariantRanges('')).toEqual([]);
    expect(caseVariantRanges('\u0000a')).toEqual([]);
    expect(prefixSuccessor(['a', '\u{10FFFF}'])).toBe('b');
    expect(prefixSuccessor(['\u{10FFFF}'])).toBeNull();
    expect(prefixSuccessor(['\uD7FF'])).toBe('\uE000');
    expect(prefixSuccessor(['x', '😀'])).toBe('x😁');
  });
});
