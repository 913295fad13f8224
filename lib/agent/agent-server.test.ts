import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wireTypes } from '@/lib/wire/wire-root';
import { AgentBus } from './agent-bus';
import { createAgentServer, serverCredentials } from './agent-server';

// A request the agent cannot serve is answered with a status, not left hanging.
const raw = (b: Buffer) => b;

describe('the agent server refusing a bad filter', () => {
  let server: grpc.Server;
  let client: grpc.Client;

  beforeAll(async () => {
    server = createAgentServer(new AgentBus(), Date.now(), 'node-a');
    const port = await new Promise<number>((res, rej) => server.bindAsync('127.0.0.1:0', serverCredentials(null), (e, p) => (e ? rej(e) : res(p))));
    client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  });

  afterAll(() => {
    client?.close();
    server?.forceShutdown();
  });

  const status = (path: string, request: Buffer) =>
    new Promise<grpc.ServiceError>((resolve, reject) => {
      const call = client.makeServerStreamRequest<Buffer, Buffer>(path, raw, raw, request);
      call.on('error', resolve);
      setTimeout(() => reject(new Error('no status in 5 s')), 5000).unref();
    });

  it('answers GetEvents with INVALID_ARGUMENT naming the filter', async () => {
    const T = wireTypes().GetEventsRequest;
    const err = await status('/tetragon.FineGuidanceSensors/GetEvents', Buffer.from(T.encode(T.fromObject({ allow_list: [{ binary_regex: ['(unclosed'] }] })).finish()));
    expect(err.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(err.details).toMatch(/^invalid filter/);
  });

  it('answers GetFlows with INVALID_ARGUMENT naming the filter', async () => {
    const T = wireTypes().GetFlowsRequest;
    const err = await status('/observer.Observer/GetFlows', Buffer.from(T.encode(T.fromObject({ follow: true, whitelist: [{ http_path: ['(unclosed'] }] })).finish()));
    expect(err.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(err.details).toMatch(/^invalid flow filter/);
  });
});
