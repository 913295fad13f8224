import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@/lib/server/config/config';
import { exportStream, parseExportParams } from '@/lib/server/api/export-stream';
import { createHub, type Hub } from '@/lib/server/hub';
import { expectedHubble, hubbleFrames } from './hubble-messages';
import { expectedTetragon, tetragonFrames } from './tetragon-messages';

/**
 * A gRPC peer written only from WIRE.md — method paths and hand-encoded frames, nothing shared
 * with Holocron's agent or .proto files — streams Tetragon and Hubble messages with every field
 * type (wrappers at zero, enums, maps, oneofs at zero, 64-bit values, nanosecond timestamps,
 * unknown fields, a frame that does not decode). Holocron's export must equal the upstream JSON.
 */
const raw = (b: Buffer) => b;

function startPeer(): Promise<{ server: grpc.Server; port: number; requests: Buffer[] }> {
  const server = new grpc.Server();
  const requests: Buffer[] = [];
  const stream = (frames: Uint8Array[]) => (call: grpc.ServerWritableStream<Buffer, Buffer>) => {
    requests.push(call.request);
    for (const f of frames) call.write(Buffer.from(f));
    // Keep the stream open like a live agent; the test ends it by shutting the server down.
  };
  const method = (p: string) => ({ path: p, requestStream: false, responseStream: true, requestSerialize: raw, requestDeserialize: raw, responseSerialize: raw, responseDeserialize: raw });
  server.addService({ GetEvents: method('/tetragon.FineGuidanceSensors/GetEvents') }, {
    GetEvents: stream([tetragonFrames[0]!, Buffer.from([0xff, 0xff, 0xff, 0xff]), ...tetragonFrames.slice(1)]),
  });
  server.addService({ GetFlows: method('/observer.Observer/GetFlows') }, { GetFlows: stream(hubbleFrames) });
  return new Promise((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => (err ? reject(err) : resolve({ server, port, requests }))),
  );
}

/** What GET /api/export?source=… answers (the route's stream, without HTTP). */
async function exported(hub: Hub, source: 'flows' | 'events'): Promise<unknown[]> {
  const res = exportStream(hub.store, parseExportParams(new URLSearchParams({ source })), new AbortController().signal);
  return (await res.text()).split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

describe('a peer written from WIRE.md alone', () => {
  let dir: string;
  let hub: Hub;
  let peer: Awaited<ReturnType<typeof startPeer>>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-wire-'));
    peer = await startPeer();
    hub = await createHub(loadConfig({ HOLOCRON_AGENTS: `tetragon://127.0.0.1:${peer.port},hubble://127.0.0.1:${peer.port}`, HOLOCRON_DB: path.join(dir, 'h.db') }));
    const end = Date.now() + 15_000;
    while (Date.now() < end) {
      await hub.batcher.flush();
      const c = await hub.store.counts();
      if (c.events === 4 && c.flows === 3 && hub.lost.total === 17 + 42) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  afterAll(async () => {
    await hub?.stop();
    peer?.server.forceShutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('exports Tetragon events exactly as tetra getevents -o json prints them', async () => {
    expect(await exported(hub, 'events')).toEqual(expectedTetragon);
  });

  it('exports Hubble flows exactly as hubble observe -o json prints them', async () => {
    expect(await exported(hub, 'flows')).toEqual(expectedHubble);
  });

  it('counts upstream losses and the frame that did not decode, and keeps the stream', () => {
    expect(hub.lost.total).toBe(17 + 42); // rate_limit_info + lost_events
    const tetragon = hub.agents.find((a) => a.endpoint.kind === 'tetragon')!;
    expect(tetragon.status.malformed).toBe(1);
    expect(tetragon.status.state).toBe('connected');
  });

  it('keeps the bytes of fields it does not know with the stored event, and counts such events', async () => {
    const tetragon = hub.agents.find((a) => a.endpoint.kind === 'tetragon')!;
    const hubble = hub.agents.find((a) => a.endpoint.kind === 'hubble')!;
    expect(tetragon.status.undecoded).toBe(1);
    expect(hubble.status.undecoded).toBe(1); // the HTTP record's field 2 sent as a varint
    const page = await hub.store.listEvents({ q: null, sinceUs: null, untilUs: null, limit: 10, cursor: null, order: 'oldest' });
    const exec = JSON.parse(page.rows[0]!.json);
    expect(exec._holocron.unknown_fields).toHaveLength(1);
    const { path: where, bytes } = exec._holocron.unknown_fields[0];
    expect(where).toBe('.process_exec.process');
    // Field 9999, length-delimited: the tag varint, the length, then the string as sent.
    expect(Buffer.from(bytes, 'base64').subarray(4).toString()).toBe('a field this schema does not know');
  });

  it('asks Hubble to follow, as a real client does', () => {
    // GetFlowsRequest: follow=3 (varint 1) and number=1 (4095) on a first connect.
    const hubbleRequest = peer.requests.find((r) => r.length > 0)!;
    expect([...hubbleRequest]).toEqual([0x08, 0xff, 0x1f, 0x18, 0x01]);
  });
});
