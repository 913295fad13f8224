import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAgentEndpoint } from '@/lib/server/config/agent-endpoints';
import { encodeProtoJson } from '@/lib/wire/from-protojson';
import { toProtoJson } from '@/lib/wire/to-protojson';
import { wireTypes } from '@/lib/wire/wire-root';
import { startTetragonPeer, type TetragonPeer } from './testing/tetragon-peer';
import { createTetragonRelay } from './tetragon-relay';
import { until } from '@/test/until';

// The relay between the server and a node's Tetragon on its unix socket, over real sockets.
const raw = (b: Buffer) => b;
// Field 999, varint 7: a field no version of our schema knows, which must survive the relay.
const UNKNOWN_FIELD = Buffer.from([0xb8, 0x3e, 0x07]);

function frame(i: number, extra = Buffer.alloc(0)): Buffer {
  const json = {
    process_exec: { process: { exec_id: `ZXhlYy0${i}`, binary: '/usr/bin/curl', arguments: `-s http://x/${i}`, pid: 100 + i } },
    node_name: 'kind-worker',
    time: new Date(Date.UTC(2026, 11, 7, 8, 0, 0, i)).toISOString(),
  };
  return Buffer.concat([Buffer.from(encodeProtoJson(wireTypes().GetEventsResponse, json)), extra]);
}


describe('the agent relaying a Tetragon on a unix socket', () => {
  let dir: string;
  let socket: string;
  let peer: TetragonPeer | null;
  let relay: ReturnType<typeof createTetragonRelay>;
  let client: grpc.Client;

  const start = async (maxQueued = 4096) => {
    relay = createTetragonRelay({ upstream: parseAgentEndpoint(`tetragon://${socket}`), nodeName: 'node-a', maxQueued, log: () => {} });
    const port = await new Promise<number>((res, rej) =>
      relay.server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? rej(e) : res(p))),
    );
    client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  };
  const subscribe = (request: Buffer) => {
    const call = client.makeServerStreamRequest<Buffer, Buffer>('/tetragon.FineGuidanceSensors/GetEvents', raw, raw, request);
    const got = { frames: [] as Buffer[], headers: null as grpc.Metadata | null, error: null as grpc.ServiceError | null };
    call.on('metadata', (md) => (got.headers = md));
    call.on('data', (f: Buffer) => got.frames.push(f));
    call.on('error', (e: grpc.ServiceError) => (got.error = e));
    return { call, got };
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-relay-'));
    socket = `unix://${path.join(dir, 'tetragon.sock')}`;
    peer = null;
  });

  afterEach(() => {
    client?.close();
    relay?.server.forceShutdown();
    relay?.close();
    peer?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('passes the request upstream and the frames downstream byte for byte, unknown fields included', async () => {
    peer = await startTetragonPeer(socket);
    await start();
    const request = Buffer.concat([
      Buffer.from(wireTypes().GetEventsRequest.encode(wireTypes().GetEventsRequest.fromObject({ allow_list: [{ event_set: [1] }], deny_list: [{ namespace: ['kube-system'] }] })).finish()),
      UNKNOWN_FIELD,
    ]);
    const { got } = subscribe(request);
    await until('the upstream call', () => peer!.calls.length === 1);
    expect(peer.requests[0]!.equals(request)).toBe(true);
    const sent = [frame(1), frame(2, UNKNOWN_FIELD), frame(3)];
    sent.forEach((f) => peer!.send(f));
    await until('three frames', () => got.frames.length === 3);
    expect(got.frames.map((f) => f.toString('hex'))).toEqual(sent.map((f) => f.toString('hex')));
    expect(got.headers?.get('holocron-node-name')).toEqual(['node-a']);
  });

  it('closes its upstream call when the subscriber leaves', async () => {
    peer = await startTetragonPeer(socket);
    await start();
    const { call } = subscribe(Buffer.alloc(0));
    call.on('error', () => {});
    await until('the upstream call', () => peer!.calls.length === 1);
    call.cancel();
    await until('the upstream call to close', () => peer!.calls.length === 0);
  });

  it('waits for a Tetragon that is not there yet, then relays', async () => {
    await start();
    const { got } = subscribe(Buffer.alloc(0));
    await new Promise((r) => setTimeout(r, 800));
    expect(got.headers).toBeNull(); // the server is still "connecting": nothing is claimed live
    expect(got.error).toBeNull();
    peer = await startTetragonPeer(socket);
    await until('the relay to reach Tetragon', () => peer!.calls.length === 1);
    peer.send(frame(7));
    await until('the frame', () => got.frames.length === 1);
    expect(got.headers).not.toBeNull();
  });

  it('ends the downstream call with UNAVAILABLE when Tetragon goes away, so the server records a gap', async () => {
    peer = await startTetragonPeer(socket);
    await start();
    const { got } = subscribe(Buffer.alloc(0));
    await until('the upstream call', () => peer!.calls.length === 1);
    peer.send(frame(1));
    await until('the frame', () => got.frames.length === 1);
    peer.stop();
    peer = null;
    await until('the downstream error', () => got.error !== null);
    expect(got.error!.code).toBe(grpc.status.UNAVAILABLE);
    expect(got.error!.details).toMatch(/went away/);
  });

  it('passes an error about the request back unchanged', async () => {
    peer = await startTetragonPeer(socket);
    await start();
    const { got } = subscribe(Buffer.alloc(0));
    await until('the upstream call', () => peer!.calls.length === 1);
    peer.calls[0]!.emit('error', Object.assign(new Error('bad regex'), { code: grpc.status.INVALID_ARGUMENT, details: 'bad regex' }));
    await until('the downstream error', () => got.error !== null);
    expect(got.error!.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(got.error!.details).toMatch(/bad regex/);
  });

  it('drops past its buffer for a slow subscriber and says how many as rate_limit_info', async () => {
    peer = await startTetragonPeer(socket);
    await start(16);
    const { call, got } = subscribe(Buffer.alloc(0));
    await until('the upstream call', () => peer!.calls.length === 1);
    call.pause(); // a subscriber that stops reading
    const total = 20_000;
    for (let i = 0; i < total; i++) peer.send(frame(i));
    await new Promise((r) => setTimeout(r, 1500));
    call.resume();
    let events = 0;
    let dropped = 0;
    await until(
      'every event delivered or announced as dropped',
      () => {
        events = 0;
        dropped = 0;
        for (const f of got.frames) {
          const json = toProtoJson(wireTypes().GetEventsResponse, wireTypes().GetEventsResponse.decode(f) as unknown as Record<string, unknown>) as Record<string, { number_of_dropped_process_events?: string }>;
          if (json.rate_limit_info) dropped += Number(json.rate_limit_info.number_of_dropped_process_events);
          else events++;
        }
        return events + dropped === total;
      },
    );
    expect(dropped).toBeGreaterThan(0);
    expect(events).toBeGreaterThan(0);
  });

  it('passes read-only unary calls through and refuses the ones that change Tetragon', async () => {
    peer = await startTetragonPeer(socket, Buffer.from([0x0a, 0x03, 0x08, 0x01, 0x10]));
    await start();
    const unary = (name: string) =>
      new Promise<{ err: grpc.ServiceError | null; res?: Buffer }>((resolve) =>
        client.makeUnaryRequest(`/tetragon.FineGuidanceSensors/${name}`, raw, raw, Buffer.alloc(0), (err, res) => resolve({ err, res })),
      );
    const health = await unary('GetHealth');
    expect(health.err).toBeNull();
    expect(health.res!.toString('hex')).toBe('0a0308011' + '0');
    expect((await unary('AddTracingPolicy')).err?.code).toBe(grpc.status.UNIMPLEMENTED);
  });
});
