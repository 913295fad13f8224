import { describe, expect, it } from 'vitest';
import type { EventSummary } from '@/lib/domain/records';
import { parseQuery } from '@/lib/domain/query/parse';
import { LiveHub, type LiveInput } from './live-hub';
import { sseResponse } from './sse-stream';

const event = (i: number, pod = 'tiefighter'): LiveInput => ({
  source: 'events',
  summary: { id: `e${i}`, kind: 'process_exec', namespace: 'default', pod, binary: '/usr/bin/curl', args: 'x'.repeat(200) } as EventSummary,
  json: '{}',
});

async function readEvents(res: Response, until: (text: string) => boolean, timeoutMs = 3000): Promise<string> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + timeoutMs;
  while (!until(text) && Date.now() < deadline) {
    const r = await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), 200))]);
    if (r && !r.done) text += decoder.decode(r.value);
  }
  await reader.cancel();
  return text;
}

describe('SSE stream', () => {
  it('batches items, filters with q, and carries the sequence number as the event id', async () => {
    const live = new LiveHub();
    const abort = new AbortController();
    const res = sseResponse(live, { sources: new Set(['events']), q: parseQuery('pod=default/xwing', 'events'), lastEventId: null, batchMs: 20 }, abort.signal);
    setTimeout(() => live.publish([event(1), event(2, 'xwing'), event(3, 'xwing')]), 30);
    const text = await readEvents(res, (t) => t.includes('event: batch'));
    const batch = /id: (\d+)\nevent: batch\ndata: (.*)\n/.exec(text)!;
    expect(Number(batch[1])).toBe(3);
    expect(JSON.parse(batch[2]!).map((i: { item: EventSummary }) => i.item.id)).toEqual(['e2', 'e3']);
    abort.abort();
    expect(live.subscriberCount).toBe(0);
  });

  it('resumes after Last-Event-ID from the ring', async () => {
    const live = new LiveHub();
    live.publish([event(1), event(2), event(3)]);
    const res = sseResponse(live, { sources: new Set(['events']), q: null, lastEventId: 1, batchMs: 10 }, new AbortController().signal);
    const text = await readEvents(res, (t) => t.includes('event: batch'));
    expect(JSON.parse(/event: batch\ndata: (.*)\n/.exec(text)![1]!).map((i: { seq: number }) => i.seq)).toEqual([2, 3]);
  });

  it('cuts a client that does not read to a lost marker, with bounded memory', async () => {
    const live = new LiveHub(1000);
    const abort = new AbortController();
    const res = sseResponse(live, { sources: new Set(['events']), q: null, lastEventId: null, batchMs: 5, maxQueued: 500 }, abort.signal);
    // Nobody reads the body for a while: 200k items (about 60 MB of summaries) are published.
    const before = process.memoryUsage().heapUsed;
    for (let round = 0; round < 200; round++) {
      live.publish(Array.from({ length: 1000 }, (_, i) => event(round * 1000 + i)));
      await new Promise((r) => setImmediate(r));
    }
    const grown = process.memoryUsage().heapUsed - before;
    expect(grown).toBeLessThan(40 * 1024 * 1024);
    // When it finally reads, it learns how much it lost: delivered + lost accounts for everything.
    const text = await readEvents(res, () => false, 1500);
    const lost = [...text.matchAll(/event: lost\ndata: (.*)\n/g)].map((m) => JSON.parse(m[1]!));
    const delivered = [...text.matchAll(/event: batch\ndata: (.*)\n/g)].reduce((n, m) => n + JSON.parse(m[1]!).length, 0);
    const lostCount = lost.reduce((n, l) => n + l.count, 0);
    expect(lost.every((l) => l.reason === 'client too slow')).toBe(true);
    expect(lostCount).toBeGreaterThan(100_000);
    expect(delivered + lostCount).toBe(200_000);
    abort.abort();
  });

  it('bounds a costly live filter to its matching share: the rest is counted as lost, other clients keep flowing', async () => {
    const live = new LiveHub(1000);
    const wide = (i: number): LiveInput => ({
      source: 'events',
      summary: { id: `w${i}`, kind: 'process_exec', namespace: 'default', pod: 'p', binary: '/bin/sh', args: `${'b'.repeat(19_989)}${'a'.repeat(11)}` } as EventSummary,
      json: '{}',
    });
    const hostile = Array.from({ length: 30 }, () => 'args="(.*a){12}"').join(' ');
    const costly = new AbortController();
    const res = sseResponse(live, { sources: new Set(['events']), q: parseQuery(hostile, 'events'), lastEventId: null, batchMs: 20, matchMsPerSecond: 20 }, costly.signal);
    const plain = sseResponse(live, { sources: new Set(['events']), q: null, lastEventId: null, batchMs: 20 }, new AbortController().signal);
    const publishing = (async () => {
      let spent = 0;
      for (let round = 0; round < 20; round++) {
        const started = performance.now();
        live.publish(Array.from({ length: 50 }, (_, i) => wide(round * 50 + i)));
        spent += performance.now() - started;
        await new Promise((r) => setTimeout(r, 25));
      }
      return spent;
    })();
    const [text, plainText, spent] = await Promise.all([readEvents(res, () => false, 3000), readEvents(plain, () => false, 3000), publishing]);
    const lost = [...text.matchAll(/event: lost\ndata: (.*)\n/g)].map((m) => JSON.parse(m[1]!));
    expect(lost.length).toBeGreaterThan(0);
    expect(lost[0].reason).toMatch(/live filter over its matching budget \(20 ms\/s\)/);
    // 11 a's at the end of 20 KB: RE2 cannot reject early, ~30 ms an item, so 1,000 items take
    // half a minute unbounded; the budget keeps publishing near
    // its share (one item past the budget may still run: each is linear, but wide).
    expect(spent).toBeLessThan(2000);
    const plainDelivered = [...plainText.matchAll(/event: batch\ndata: (.*)\n/g)].reduce((n, m) => n + JSON.parse(m[1]!).length, 0);
    expect(plainDelivered).toBe(1000);
    costly.abort();
  });
});
