import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '@/lib/domain/query/parse';
import { eventsAnswer, flowsAnswer } from '@/lib/server/api/list-answer';
import { mapAnswer } from '@/lib/server/api/map-answer';
import { podTree } from '@/lib/server/api/pod-tree';
import { scenarioRecords } from '@/test/fixtures/scenario-records';
import { openStore } from '../open-store';
import type { ListQuery, Store } from '../store';
import { exportPages, type ExportPage } from './export-pages';
import type { ReadPoolStats } from './read-pool';

// The bodies the reader threads render (AnswerStore) must be the bodies the routes built from
// the same reads on the event loop, byte for byte, after their transfer between threads.
let dir: string;
let store: Store & { readPool: ReadPoolStats };
let pod: { namespace: string; pod: string };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-answers-'));
  store = (await openStore({ store: null, dbFile: path.join(dir, 'h.db') })) as typeof store;
  const { flows, events } = scenarioRecords(1_795_000_000_000_000_000n, 0);
  await store.insert(flows, events);
  const exec = events.find((e) => e.summary.kind === 'process_exec' && e.summary.pod)!;
  pod = { namespace: exec.summary.namespace, pod: exec.summary.pod };
});
afterAll(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const page = (source: 'flows' | 'events', q: string, limit = 50): ListQuery => ({ q: parseQuery(q, source), sinceUs: null, untilUs: null, limit, cursor: null });
const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');

describe('answers rendered on the reader threads', () => {
  it('gives /api/flows and /api/events the bodies the rows give, for every page of a cursor', async () => {
    expect(store.readPool.inline).toBe(false);
    for (const fields of ['all', 'summary'] as const) {
      let q = page('flows', '', 7);
      let pages = 0;
      for (;;) {
        const bytes = (await store.listAnswer!('flows', q, fields)).bytes;
        const expected = flowsAnswer(await store.listFlows(q), fields);
        expect(JSON.parse(text(bytes))).toEqual(expected);
        expect(text(bytes)).toBe(JSON.stringify(expected));
        pages++;
        if (!expected.next) break;
        q = { ...q, cursor: expected.next };
      }
      expect(pages).toBeGreaterThan(1);
    }
    const q = page('events', 'event-type=exec');
    const events = (await store.listAnswer!('events', q, 'all')).bytes;
    const expected = eventsAnswer(await store.listEvents(q));
    expect(expected.items.length).toBeGreaterThan(0);
    expect(text(events)).toBe(JSON.stringify(expected));
  });

  it('gives the same page bodies gzipped when asked (what the views ask for)', async () => {
    const flows = page('flows', '', 40);
    const packed = (await store.listAnswer!('flows', flows, 'summary', true)).bytes;
    expect([packed[0], packed[1]]).toEqual([0x1f, 0x8b]);
    expect(zlib.gunzipSync(packed).toString('utf8')).toBe(JSON.stringify(flowsAnswer(await store.listFlows(flows), 'summary')));
    const events = page('events', 'event-type=exec');
    const packedEvents = (await store.listAnswer!('events', events, 'all', true)).bytes;
    expect(zlib.gunzipSync(packedEvents).toString('utf8')).toBe(JSON.stringify(eventsAnswer(await store.listEvents(events))));
  });

  it('gives the map as the route builds it', async () => {
    const q = { q: null, sinceUs: 0, untilUs: 2_000_000_000_000_000, maxGroups: 50_000 };
    const expected = mapAnswer(q, await store.mapSamples(q));
    expect(expected.edges.length).toBeGreaterThan(0);
    expect(text((await store.mapAnswer!(q)).bytes)).toBe(JSON.stringify(expected));
  });

  it('gives the tree as the route builds it, gzipped when asked', async () => {
    const q = { ...pod, sinceUs: null, untilUs: null, limit: 50_000 };
    const expected = Buffer.concat(await podTree(store, q)).toString('utf8');
    expect(JSON.parse(expected).execs.length).toBeGreaterThan(0);
    expect(text((await store.podTreeAnswer!(q, false)).bytes)).toBe(expected);
    const packed = (await store.podTreeAnswer!(q, true)).bytes;
    expect(packed.byteLength).toBeLessThan(Buffer.byteLength(expected));
    expect(zlib.gunzipSync(packed).toString('utf8')).toBe(expected);
  });
});

describe('the tree asked again', () => {
  it('is given from what was kept until the store changes, then read again with the new events', async () => {
    const q = { ...pod, sinceUs: null, untilUs: null, limit: 50_000 };
    const first = text((await store.podTreeAnswer!(q, false)).bytes);
    const asked = store.readPool.queries;
    expect(text((await store.podTreeAnswer!(q, false)).bytes)).toBe(first);
    expect(store.readPool.queries).toBe(asked); // no reader asked
    // Another cycle of the scenario, fresh ids: the pod has more processes now.
    const more = scenarioRecords(1_795_000_100_000_000_000n, 1);
    await store.insert([], more.events);
    const after = text((await store.podTreeAnswer!(q, false)).bytes);
    expect(store.readPool.queries).toBe(asked + 1);
    expect(after).toBe(Buffer.concat(await podTree(store, q)).toString('utf8'));
    expect(JSON.parse(after).execs.length).toBeGreaterThan(JSON.parse(first).execs.length);
  });
});

describe('exportPages', () => {
  const pages = (n: number) => {
    const asked: (string | null)[] = [];
    const page = async (cursor: string | null, first: boolean): Promise<ExportPage> => {
      asked.push(cursor);
      const i = cursor === null ? 0 : Number(cursor);
      return { bytes: new TextEncoder().encode(`${first ? '[' : ','}${i}`), next: i + 1 < n ? String(i + 1) : null };
    };
    return { page, asked };
  };

  it('reads one batch ahead of the consumer, never more, and gives the same bytes', async () => {
    const { page, asked } = pages(5);
    const it = exportPages(page, 'json', () => true)[Symbol.asyncIterator]();
    expect(text((await it.next()).value as Uint8Array)).toBe('[0');
    expect(asked).toEqual([null, '1']); // the next batch is read while this one is sent
    await new Promise((r) => setTimeout(r, 10));
    expect(asked).toEqual([null, '1']);
    const rest: string[] = [];
    for (let r = await it.next(); !r.done; r = await it.next()) rest.push(text(r.value));
    expect(rest.join('')).toBe(',1,2,3,4\n]\n');
    // Told not to (no idle reader): the next batch only when this one has been taken.
    const busy = pages(3);
    const held = exportPages(busy.page, 'json', () => false)[Symbol.asyncIterator]();
    await held.next();
    await new Promise((r) => setTimeout(r, 10));
    expect(busy.asked).toEqual([null]);
    await held.return(undefined);
    const plain = pages(5);
    const out: string[] = [];
    for await (const b of exportPages(plain.page, 'json')) out.push(text(b));
    expect(out.join('')).toBe(`[0${rest.join('')}`);
  });

  it('drops the batch read ahead when the consumer stops', async () => {
    let failed = false;
    const page = async (cursor: string | null): Promise<ExportPage> => {
      if (cursor) {
        failed = true;
        throw new Error('client gone');
      }
      return { bytes: new Uint8Array([1]), next: '1' };
    };
    const it = exportPages(page, 'ndjson', () => true)[Symbol.asyncIterator]();
    await it.next();
    await it.return(undefined);
    await new Promise((r) => setTimeout(r, 10));
    expect(failed).toBe(true); // and no unhandled rejection
  });
});
