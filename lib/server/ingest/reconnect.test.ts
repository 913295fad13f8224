import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentBus } from '@/lib/agent/agent-bus';
import { createAgentServer, serverCredentials } from '@/lib/agent/agent-server';
import { deathStarScenario } from '@/lib/agent/sources/scenario/death-star';
import { rfc3339ToMicrosOr } from '@/lib/domain/time';
import type { HubbleFlowJson, TetragonEventJson } from '@/lib/domain/wire-types';
import { loadConfig } from '../config/config';
import { createHub, type Hub } from '../hub';

// An agent that goes away and comes back: Holocron reconnects by itself, Hubble resumes from
// the last flow it saw without losing or duplicating any, and the Tetragon gap is recorded.
async function until(what: string, fn: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function listen(bus: AgentBus, port: number): Promise<{ server: grpc.Server; port: number }> {
  const server = createAgentServer(bus, Date.now());
  const bound = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${port}`, serverCredentials(null), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return { server, port: bound };
}

describe('agent restart mid-stream', () => {
  const items = deathStarScenario({ baseNs: BigInt(Date.now() - 120_000) * 1_000_000n });
  const tetragon = items.filter((i) => i.stream === 'tetragon').map((i) => i.json as TetragonEventJson);
  const hubble = items.filter((i) => i.stream === 'hubble').map((i) => i.json as HubbleFlowJson);
  let dir: string;
  let hub: Hub;
  let bus: AgentBus;
  let server: grpc.Server;
  let port: number;

  const emit = (from: number, to: number) => {
    for (const json of tetragon.slice(from, to)) bus.emit(AgentBus.encode('tetragon', json, rfc3339ToMicrosOr(json.time ?? '', 0)));
    for (const json of hubble.slice(from, to)) bus.emit(AgentBus.encode('hubble', json, rfc3339ToMicrosOr(json.flow?.time ?? '', 0)));
  };
  const stored = async () => hub.store.counts();

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-reconnect-'));
    bus = new AgentBus();
    ({ server, port } = await listen(bus, 0));
    hub = await createHub(
      loadConfig({ HOLOCRON_AGENTS: `tetragon://127.0.0.1:${port},hubble://127.0.0.1:${port}`, HOLOCRON_DB: path.join(dir, 'h.db') }),
    );
  });

  afterAll(async () => {
    await hub?.stop();
    server?.forceShutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reconnects, resumes Hubble without loss or duplicates, and records the Tetragon gap', async () => {
    await until('both streams to connect', () => hub.agents.every((a) => a.status.state === 'connected') && bus.subscriberCount === 2);
    emit(0, 40);
    await until('the first batch to be stored', async () => (await stored()).flows === 40 && (await stored()).events === 40);

    server.forceShutdown();
    await until('both streams to notice', () => hub.agents.every((a) => a.status.state !== 'connected'));
    emit(40, 60); // while disconnected: Hubble keeps these in its ring, Tetragon cannot
    ({ server } = await listen(bus, port));
    await until('both streams to reconnect', () => hub.agents.every((a) => a.status.state === 'connected') && bus.subscriberCount === 2);
    emit(60, 80);
    await until('the flows sent while down to arrive', async () => (await stored()).flows === 80);
    await until('the later events to arrive', async () => (await stored()).events === 60);
    await hub.batcher.flush();

    const counts = await stored();
    expect(counts.flows).toBe(80); // every flow, each once
    expect(counts.events).toBe(60); // the 20 sent while down are gone: Tetragon has no replay
    const [tetra, hubbleStatus] = hub.agents;
    expect(tetra!.status.reconnects).toBeGreaterThanOrEqual(1);
    expect(tetra!.status.gaps).toHaveLength(1);
    expect(tetra!.status.gaps[0]!.toUs).not.toBeNull();
    expect(tetra!.status.gaps[0]!.resumed).toBe(false);
    expect(hubbleStatus!.status.gaps[0]!.resumed).toBe(true);
  });
});
