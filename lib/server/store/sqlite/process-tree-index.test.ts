import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProcessForest, type ProcessForest } from '@/lib/domain/ancestry';
import { ARGS_MAX, execExitRecord } from '@/lib/domain/timeline/pod-tree-records';
import { podTreeFromJson } from '@/lib/domain/timeline/pod-tree-json';
import type { TetragonEventJson } from '@/lib/domain/wire-types';
import { eventRecord } from '@/lib/server/ingest/records';
import { stressPodNdjson, HOSTILE_ARGS } from '@/e2e/support/stress-pod';
import { eventItem } from '../../api/items';
import { podTreeAnswer } from '../../api/testing/pod-tree-answer';
import { podProcessEventsFromRows } from '../pod-process-events';
import type { PodEventsQuery, PodProcessEvents } from '../store';
import { treeRecordsSql } from './process-queries';
import { applySchema } from './schema';
import { SqliteStore } from './sqlite-store';

// The process tree's index path: the records SQLite writes from its columns must be the ones
// the JS encoder writes from the summary, hostile strings included, and a file from before the
// index must answer the same once opened.
const START_MS = Date.UTC(2026, 10, 22, 9, 0, 0);
const stress = stressPodNdjson(START_MS).split('\n').filter(Boolean).map((l) => eventRecord(JSON.parse(l) as TetragonEventJson));
const STRESS: PodEventsQuery = { namespace: 'load', pod: 'stress-0', sinceUs: null, untilUs: null, limit: 50_000 };

const node = 'kind-worker';
const iso = (ms: number) => new Date(START_MS + ms).toISOString();
const execId = (pid: number) => Buffer.from(`${node}:${pid}:${pid}`).toString('base64');
const pod = { namespace: 'load', name: 'odd-0' };
// Strings SQLite must quote as JSON the way JSON.stringify's reader expects: NUL, controls, quotes,
// backslashes, bidi overrides, astral characters right where ARGS_MAX cuts.
const ODD_ARGS = [
  'a\u0000b "q" \\ \t\r\n\u001b[2J\u202e\u2028',
  `${'x'.repeat(ARGS_MAX - 1)}🪐🪐`,
  '🪐'.repeat(ARGS_MAX + 3),
  'é'.repeat(ARGS_MAX),
  `${'y'.repeat(ARGS_MAX)}\u0000z`,
  `${'w'.repeat(10)}\u0000${'v'.repeat(ARGS_MAX)}`,
];
const odd = ODD_ARGS.flatMap((args, i) => {
  const p = { exec_id: execId(10 + i), pid: 10 + i, uid: i % 2 ? 1000 : 0, cwd: `/tmp/\u0007${i}`, binary: `/bin/"${i}"`, arguments: args, flags: i === 0 ? 'procFS' : 'execve', start_time: iso(i), pod, parent_exec_id: execId(1) };
  // The first exec names its parent without describing it (as an agent's /proc scan may): the exit describes it.
  const parent = { exec_id: execId(1), pid: 1, binary: '/init' };
  return [
    eventRecord({ process_exec: { process: p, ...(i ? { parent } : {}) }, node_name: node, time: iso(i) }),
    eventRecord({ process_exit: { process: p, ...(i ? {} : { parent }), signal: i ? '' : 'SIGKILL', status: i, time: iso(i + 1) }, node_name: node, time: iso(i + 1) }),
  ];
});
const ODD: PodEventsQuery = { namespace: 'load', pod: 'odd-0', sinceUs: null, untilUs: null, limit: 50_000 };

// A chain of 1,200 processes, each the parent of the next: more parents than the tree skips through one by one.
const chain = Array.from({ length: 1200 }, (_, i) => {
  const p = { exec_id: execId(5000 + i), pid: 5000 + i, binary: '/bin/sh', arguments: `-c level-${i}`, start_time: iso(i), pod: { namespace: 'load', name: 'chain-0' }, parent_exec_id: execId(4999 + i) };
  return eventRecord({ process_exec: { process: p, parent: { exec_id: execId(4999 + i), pid: 4999 + i, binary: '/bin/sh' } }, node_name: node, time: iso(i) });
});

const execsOf = (p: PodProcessEvents) => JSON.parse(`[${Buffer.from(p.execs).toString('utf8')}]`) as unknown[];
const sorted = (records: unknown[]) => records.map((r) => JSON.stringify(r)).sort();

describe('the process tree index (SQLite)', () => {
  let dir: string;
  let file: string;
  let store: SqliteStore;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-tree-index-'));
    file = path.join(dir, 'h.db');
    store = new SqliteStore(file);
    await store.insert([], [...stress, ...odd, ...chain]);
  });

  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes the records the JS encoder writes, hostile and long strings included', async () => {
    const found = await store.podProcessEvents(ODD);
    expect(found.execCount).toBe(odd.length);
    expect(sorted(execsOf(found))).toEqual(sorted(odd.map((e) => execExitRecord(e.summary))));
    // The same forest as from the full events, but for the arguments cut (checked below).
    const withoutArgs = (f: ProcessForest) => ({ ...f, nodes: new Map([...f.nodes].map(([id, n]) => [id, { ...n, args: '', argsTruncated: false }])) });
    const { forest } = podTreeFromJson(await podTreeAnswer(store, ODD));
    expect(withoutArgs(forest)).toEqual(withoutArgs(buildProcessForest((await store.podEvents(ODD)).rows.map(eventItem))));
    expect(forest.nodes.get(execId(1))).toMatchObject({ binary: '/init', placeholder: false, children: expect.any(Array) });
    expect(found.embedders).toHaveLength(1);
    const cut = (execsOf(found) as unknown[][]).filter((r) => r[2] === 0).map((r) => [Array.from(r[11] as string).length, r[12]]);
    expect(cut).toEqual([[ODD_ARGS[0]!.length, 0], [ARGS_MAX, 1], [ARGS_MAX, 1], [ARGS_MAX, 0], [ARGS_MAX, 1], [10, 1]]);
  });

  it('links the 10,000-process pod into the forest of its full events, hostile arguments intact', async () => {
    const answer = await podTreeAnswer(store, STRESS);
    const { forest } = podTreeFromJson(answer);
    expect(forest.nodes.size).toBe(10_002);
    expect(forest).toEqual(buildProcessForest((await store.podEvents(STRESS)).rows.map(eventItem)));
    expect([...forest.nodes.values()].filter((n) => n.args === HOSTILE_ARGS)).toHaveLength(1);
    expect(answer).toMatchObject({ events: stress.length, truncated: false, markers: [] });
    expect(answer.embedded.map((e) => e[7])).toEqual(['/usr/bin/containerd-shim-runc-v2']);
  });

  it('gives what the JSON path gives (ClickHouse, and SQLite past the bound)', async () => {
    for (const q of [ODD, STRESS, { ...STRESS, sinceUs: stress[9000]!.summary.ts }, { namespace: 'load', pod: 'chain-0', sinceUs: chain[600]!.summary.ts, untilUs: null, limit: 50_000 }]) {
      const fast = await store.podProcessEvents(q);
      const json = podProcessEventsFromRows(await store.podEvents(q));
      expect(sorted(execsOf(fast))).toEqual(sorted(execsOf(json)));
      expect({ ...fast, execs: null }).toEqual({ ...json, execs: null });
    }
  });

  it('finds the parents a window leaves undescribed, in a chain with more parents than it skips through', async () => {
    for (const sinceUs of [null, chain[600]!.summary.ts]) {
      const q: PodEventsQuery = { namespace: 'load', pod: 'chain-0', sinceUs, untilUs: null, limit: 50_000 };
      const answer = await podTreeAnswer(store, q);
      const { forest } = podTreeFromJson(answer);
      expect(forest).toEqual(buildProcessForest((await store.podEvents(q)).rows.map(eventItem)));
      // the first process's parent: never seen, or (in the window) the level before it, known from its child's event
      const root = forest.nodes.get(forest.roots[0]!)!;
      expect(root).toMatchObject(sinceUs === null ? { placeholder: false, binary: '/bin/sh', pid: 4999 } : { binary: '/bin/sh', pid: 5599, seenExec: false });
      expect(root.descendants).toBe(sinceUs === null ? 1200 : 600);
    }
  });

  it('answers the same from a file written before the index, once reopened', async () => {
    const before = await store.podProcessEvents(ODD);
    const stressBefore = await store.podProcessEvents(STRESS);
    await store.close();
    const raw = new Database(file);
    raw.exec('DROP INDEX events_tree; DROP INDEX events_tree_parent;');
    for (const col of ['cwd', 'start_time', 'proc_fs', 'exit_status', 'exit_signal']) raw.exec(`ALTER TABLE events DROP COLUMN ${col}`);
    raw.pragma('user_version = 5');
    raw.close();
    store = new SqliteStore(file);
    const after = await store.podProcessEvents(ODD);
    expect(sorted(execsOf(after))).toEqual(sorted(execsOf(before)));
    expect(sorted(execsOf(await store.podProcessEvents(STRESS)))).toEqual(sorted(execsOf(stressBefore)));
  });
});

describe('the tree query', () => {
  it('reads each record stored in events_tree instead of computing it from the table', () => {
    const db = new Database(':memory:');
    try {
      applySchema(db);
      for (const [window, bounded] of [['', false], [' AND ts >= ?', false], ['', true], [' AND ts >= ?', true]] as const) {
        const params = ['ns', 'pod', ...(window ? [0] : []), ...(bounded ? [1] : [])];
        const program = db.prepare(`EXPLAIN ${treeRecordsSql(window, bounded)}`).all(...params) as { opcode: string; p4: unknown }[];
        // Recomputing would call json_array per row (and read the table): five times slower at 10,000 processes.
        expect(program.filter((op) => op.opcode.startsWith('Function') || String(op.p4).includes('json_array'))).toEqual([]);
      }
    } finally {
      db.close();
    }
  });
});
