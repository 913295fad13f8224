import { afterAll, describe, expect, it } from 'vitest';
import { AgentBus } from '@/lib/agent/agent-bus';
import { deathStarScenario } from '@/lib/agent/sources/scenario/death-star';
import type { HubbleFlowJson, TetragonEventJson } from '@/lib/domain/wire-types';
import { decodeFrames, type DecodedBatch, type FrameBatch } from './decode-frames';
import { DecodePool } from './decode-pool';
import { toProtoJson } from '@/lib/wire/to-protojson';
import { wireTypes } from '@/lib/wire/wire-root';
import { eventRecord, flowRecord } from './records';

// Decoding off the main thread must change nothing but where it runs: the same records, in the
// same order, the same counts — and still work when no worker can be started.
const items = deathStarScenario({ baseNs: 1_795_000_000_000_000_000n });
const encode = (stream: 'tetragon' | 'hubble') =>
  items.filter((i) => i.stream === stream).map((i) => AgentBus.encode(stream, i.json as TetragonEventJson & HubbleFlowJson, 0).bytes);

const events = encode('tetragon');
const flows = encode('hubble');
const lost = AgentBus.encode('hubble', { lost_events: { source: 'OBSERVER_EVENTS_QUEUE', num_events_lost: '7' }, time: '2026-11-22T09:00:00Z' }, 0).bytes;
const garbage = Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]); // a length past the end

// What AgentStream did with a frame before decoding moved: decode, protojson, record.
const flowOf = (frame: Uint8Array) => flowRecord(toProtoJson(wireTypes().GetFlowsResponse, wireTypes().GetFlowsResponse.decode(frame) as never) as HubbleFlowJson);
const eventOf = (frame: Uint8Array) => eventRecord(toProtoJson(wireTypes().GetEventsResponse, wireTypes().GetEventsResponse.decode(frame) as never) as TetragonEventJson);

function ids(r: DecodedBatch): string[] {
  return r.actions.map((a) => (a.t === 'lost' ? `lost:${a.notice.count}` : a.rec.summary.id));
}

describe('decodeFrames', () => {
  it('turns frames into the records ingest stores, in order, counting what it skipped', () => {
    const r = decodeFrames({ kind: 'hubble', endpoint: 'hubble://a:1', frames: [flows[0]!, garbage, lost, flows[1]!] });
    const expected = [flowOf(flows[0]!), flowOf(flows[1]!)];
    // A lost_events response is counted (the notice) and stored in place among the flows.
    expect(ids(r)).toEqual([expected[0]!.summary.id, 'lost:7', flowOf(lost).summary.id, expected[1]!.summary.id]);
    expect(r.actions[2]).toMatchObject({ t: 'flow', rec: { summary: { type: 'LOST_EVENTS' } } });
    expect(r.actions[0]).toEqual({ t: 'flow', rec: expected[0] });
    expect(r).toMatchObject({ received: 3, malformed: 1, upstreamLost: 7 });
    expect(r.errors[0]).toMatch(/malformed frame \(6 bytes\)/);
    expect(r.lastTimeUs).toBe(expected[1]!.summary.ts);
  });

  it('gives Tetragon events their content-derived ids', () => {
    const r = decodeFrames({ kind: 'tetragon', endpoint: 'tetragon://a:1', frames: events.slice(0, 20) });
    expect(r.actions).toEqual(events.slice(0, 20).map((f) => ({ t: 'event', rec: eventOf(f) })));
    // Ids come from the content, so the scenario's own lines get the same ones.
    expect(ids(r)).toEqual(items.filter((i) => i.stream === 'tetragon').slice(0, 20).map((i) => eventRecord(i.json as TetragonEventJson).summary.id));
  });
});

describe('DecodePool', () => {
  const pool = new DecodePool(() => {});
  afterAll(() => pool.close());

  it('decodes in a worker thread, batch results in the order the batches were sent', async () => {
    const batches: FrameBatch[] = [];
    for (let i = 0; i < events.length; i += 17) batches.push({ kind: 'tetragon', endpoint: 't', frames: events.slice(i, i + 17) });
    for (let i = 0; i < flows.length; i += 31) batches.push({ kind: 'hubble', endpoint: 'h', frames: flows.slice(i, i + 31) });
    const order: number[] = [];
    const results = await Promise.all(batches.map((b, i) => pool.decode(b).then((r) => (order.push(i), r))));
    expect(pool.inWorker).toBe(true);
    expect(order).toEqual(batches.map((_, i) => i));
    expect(results.map(ids)).toEqual(batches.map((b) => ids(decodeFrames(b))));
  });

  it('with several workers, still hands results back in the order the batches were sent', async () => {
    const three = new DecodePool(() => {}, 3);
    try {
      // Batches of very different sizes, so a later one is often decoded first.
      const batches: FrameBatch[] = [];
      for (let i = 0; i < 12; i++) batches.push({ kind: 'hubble', endpoint: 'h', frames: i % 3 === 0 ? flows.slice(0, 200) : flows.slice(i, i + 2) });
      const order: number[] = [];
      const results = await Promise.all(batches.map((b, i) => three.decode(b).then((r) => (order.push(i), r))));
      expect(three.threads).toBe(3);
      expect(order).toEqual(batches.map((_, i) => i));
      expect(results.map(ids)).toEqual(batches.map((b) => ids(decodeFrames(b))));
    } finally {
      three.close();
    }
  });

  it('decodes on the calling thread once the worker is gone, losing nothing in flight', async () => {
    const inFlight = pool.decode({ kind: 'hubble', endpoint: 'h', frames: flows.slice(0, 50) });
    pool.close();
    const after = pool.decode({ kind: 'hubble', endpoint: 'h', frames: flows.slice(50, 60) });
    expect(pool.inWorker).toBe(false);
    expect((await inFlight).received).toBe(50);
    expect((await after).received).toBe(10);
  });
});
