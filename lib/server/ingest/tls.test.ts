import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentBus } from '@/lib/agent/agent-bus';
import { createAgentServer, serverCredentials } from '@/lib/agent/agent-server';
import { deathStarScenario } from '@/lib/agent/sources/scenario/death-star';
import type { HubbleFlowJson } from '@/lib/domain/wire-types';
import { makeTestCerts } from '@/test/tls/test-certs';
import { loadConfig } from '../config/config';
import { createHub, type Hub } from '../hub';

// TLS and mTLS between Holocron and an agent, with a CA, server and client certificates this
// test generates (openssl). The server name differs from the address, as with real Tetragon
// (*.tetragon-grpc.cilium.io), so servername= must be honoured.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-tls-'));
let f: (name: string) => string;

async function until(what: string, fn: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('TLS and mTLS to agents', () => {
  let server: grpc.Server;
  let port: number;
  const bus = new AgentBus();
  const hubs: Hub[] = [];
  const flows = deathStarScenario({ baseNs: BigInt(Date.now() - 90_000) * 1_000_000n })
    .filter((i) => i.stream === 'hubble' && (i.json as HubbleFlowJson).flow)
    .slice(0, 20);

  beforeAll(async () => {
    f = makeTestCerts(dir, 'agent.tetragon-grpc.cilium.io');
    server = createAgentServer(bus, Date.now());
    port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', serverCredentials({ cert: f('server.pem'), key: f('server.key'), clientCa: f('ca.pem') }), (e, p) =>
        e ? reject(e) : resolve(p),
      ),
    );
    // Flows sit in the agent's ring: a Hubble client that connects gets them (number=4095).
    for (const item of flows) bus.emit(AgentBus.encode('hubble', item.json as HubbleFlowJson, Number(item.timeNs / 1000n)));
  });

  afterAll(async () => {
    for (const h of hubs) await h.stop();
    server?.forceShutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function hubFor(query: string): Promise<Hub> {
    const hub = await createHub(loadConfig({ HOLOCRON_AGENTS: `hubble://127.0.0.1:${port}?${query}`, HOLOCRON_DB: f(`h${hubs.length}.db`) }));
    hubs.push(hub);
    return hub;
  }

  it('streams over mTLS with the CA, a client certificate and the server name', async () => {
    const hub = await hubFor(`tls=1&ca=${f('ca.pem')}&cert=${f('client.pem')}&key=${f('client.key')}&servername=agent.tetragon-grpc.cilium.io`);
    await until('the flows to arrive over mTLS', async () => (await hub.store.counts()).flows === flows.length);
    expect(hub.agents[0]!.status.state).toBe('connected');
  });

  it('is refused without a client certificate, and says so', async () => {
    const hub = await hubFor(`tls=1&ca=${f('ca.pem')}&servername=agent.tetragon-grpc.cilium.io`);
    await until('a failed attempt', () => hub.agents[0]!.status.reconnects >= 1);
    expect(hub.agents[0]!.status.state).not.toBe('connected');
    expect(hub.agents[0]!.status.lastError).toBeTruthy();
    expect((await hub.store.counts()).flows).toBe(0);
  });

  it('refuses a server whose certificate does not match the expected name', async () => {
    const hub = await hubFor(`tls=1&ca=${f('ca.pem')}&cert=${f('client.pem')}&key=${f('client.key')}&servername=other.example`);
    await until('a failed attempt', () => hub.agents[0]!.status.reconnects >= 1);
    expect((await hub.store.counts()).flows).toBe(0);
  });

  it('refuses plaintext to a TLS agent', async () => {
    const hub = await createHub(loadConfig({ HOLOCRON_AGENTS: `hubble://127.0.0.1:${port}`, HOLOCRON_DB: f('plain.db') }));
    hubs.push(hub);
    await until('a failed attempt', () => hub.agents[0]!.status.reconnects >= 1);
    expect((await hub.store.counts()).flows).toBe(0);
  });
});
