import type * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentBus } from '@/lib/agent/agent-bus';
import { createAgentServer, serverCredentials } from '@/lib/agent/agent-server';
import { deathStarScenario } from '@/lib/agent/sources/scenario/death-star';
import type { TetragonEventJson } from '@/lib/domain/wire-types';
import type { EventRecord } from '@/lib/server/store/store';
import { parseTimestamp, timestampToNs } from '@/lib/wire/timestamp';
import { AgentStream } from './agent-stream';
import { decodeFrames, type DecodedBatch, type FrameBatch } from './decode-frames';
import type { DecodePool } from './decode-pool';

// While the decoder is busy, a stream gathers frames into bigger batches instead of sending one
// per socket read; nothing is lost or reordered on the way.
async function until(what: string, fn: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A decoder that decodes for real, but only when told to: the test plays a busy decode worker. */
class HeldDecoder {
  readonly sizes: number[] = [];
  private held: { batch: FrameBatch; resolve: (r: DecodedBatch) => void }[] = [];
  decode(batch: FrameBatch): Promise<DecodedBatch> {
    this.sizes.push(batch.frames.length);
    return new Promise((resolve) => this.held.push({ batch, resolve }));
  }
  get waiting(): number {
    return this.held.length;
  }
  release(): void {
    for (const h of this.held.splice(0)) h.resolve(decodeFrames(h.batch));
  }
}

describe('decode batches', () => {
  const tetragon = deathStarScenario({ baseNs: BigInt(Date.now() - 120_000) * 1_000_000n })
    .filter((i) => i.stream === 'tetragon')
    .map((i) => i.json as TetragonEventJson);
  let bus: AgentBus;
  let server: grpc.Server;
  let stream: AgentStream;
  const decoder = new HeldDecoder();
  const stored: EventRecord[] = [];

  beforeAll(async () => {
    bus = new AgentBus();
    server = createAgentServer(bus, Date.now());
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', serverCredentials(null), (err, p) => (err ? reject(err) : resolve(p))),
    );
    const sink = { acceptFlow: () => {}, acceptEvent: (rec: EventRecord) => void stored.push(rec), lost: () => {} };
    stream = new AgentStream({ kind: 'tetragon', target: `127.0.0.1:${port}`, tls: null, label: 'test' }, sink, {
      decoder: decoder as unknown as DecodePool,
      log: () => {},
    });
    await stream.start();
    await bus.firstTetragonSubscriberReady;
  });

  afterAll(() => {
    stream?.stop();
    server?.forceShutdown();
  });

  it('grow while the decoder is busy, and keep every frame in order', async () => {
    const n = 1000;
    const sent = Array.from({ length: n }, (_, i) => tetragon[i % tetragon.length]!);
    // The first frame goes alone (the decoder is idle), a second batch joins it; then frames gather.
    bus.emit(AgentBus.encode('tetragon', sent[0]!, 0));
    await until('the first batch', () => decoder.waiting === 1);
    bus.emit(AgentBus.encode('tetragon', sent[1]!, 0));
    await until('the second batch', () => decoder.waiting === 2);
    for (const json of sent.slice(2)) bus.emit(AgentBus.encode('tetragon', json, 0));
    // With two batches held, only full ones (256 frames) go on; the rest waits for a reply.
    // Wait on the stream itself, not on a sleep: on a loaded machine the socket's last reads can
    // come late, and releasing the decoder before them would split the rest by timing alone.
    const gathered = () => (stream['frames'] as Buffer[]).length;
    await until('every frame read from the socket', () => decoder.sizes.length === 5 && gathered() === n - 2 - 3 * 256);
    expect(decoder.sizes).toEqual([1, 1, 256, 256, 256]);
    while (stored.length < n) {
      decoder.release();
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(decoder.sizes.reduce((a, b) => a + b, 0)).toBe(n);
    expect(decoder.sizes.length).toBe(6); // the last 230 frames in one batch, not one per socket read
    // Compared as instants: protojson writes 3, 6 or 9 fraction digits, the scenario always 9.
    const instant = (t: string | undefined) => timestampToNs(parseTimestamp(t ?? ''));
    expect(stored.map((r) => instant(r.summary.time))).toEqual(sent.map((json) => instant(json.time)));
  });
});
