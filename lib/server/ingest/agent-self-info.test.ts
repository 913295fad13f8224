import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentBus } from '@/lib/agent/agent-bus';
import { createAgentServer, serverCredentials } from '@/lib/agent/agent-server';
import { startStreamPeer, type StreamPeer } from '@/test/conformance/stream-peer';
import { healthReport } from '../api/health-report';
import { loadConfig } from '../config/config';
import { createHub, type Hub } from '../hub';

// /api/health shows what each agent says about itself: Holocron's own agent answers Tetragon's
// GetHealth / ListTracingPolicies / GetVersion and Hubble's ServerStatus / GetNodes; a peer that
// offers none of them is listed as not offering them, not as broken.
async function until(what: string, fn: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('agent self-info', () => {
  let dir: string;
  let hub: Hub;
  let server: grpc.Server;
  let bare: StreamPeer;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-self-'));
    const bus = new AgentBus(1024, 'scenario:death-star');
    const t = '2026-11-22T09:14:03Z';
    bus.emit(AgentBus.encode('tetragon', { process_kprobe: { function_name: 'tcp_connect', policy_name: 'connect' }, node_name: 'kind-worker', time: t }, 0));
    bus.emit(AgentBus.encode('tetragon', { process_kprobe: { function_name: 'tcp_connect', policy_name: 'connect' }, node_name: 'kind-worker', time: t }, 0));
    bus.emit(AgentBus.encode('hubble', { flow: { uuid: 'u1', time: t, node_name: 'kind-worker2' } }, 0));
    server = createAgentServer(bus, Date.now());
    const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', serverCredentials(null), (e, p) => (e ? reject(e) : resolve(p))));
    bare = await startStreamPeer({ tetragon: [], hubble: [] });
    hub = await createHub(
      loadConfig({
        HOLOCRON_AGENTS: `tetragon://127.0.0.1:${port},hubble://127.0.0.1:${port},tetragon://127.0.0.1:${bare.port}`,
        HOLOCRON_DB: path.join(dir, 'h.db'),
      }),
    );
    await until('self-info from every agent', () => hub.agents.every((a) => a.self.info.atUs !== null));
  });

  afterAll(async () => {
    await hub?.stop();
    server?.forceShutdown();
    bare?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("reports Tetragon's health, version and tracing policies with their state", async () => {
    const [tetragon] = (await healthReport(hub)).agents;
    expect(tetragon!.self).toMatchObject({
      version: 'holocron-agent',
      health: { health_status: [{ event: 'HEALTH_STATUS_TYPE_STATUS', status: 'HEALTH_STATUS_RUNNING', details: 'source scenario:death-star running' }] },
      policies: { policies: [{ name: 'connect', state: 'TP_STATE_ENABLED', enabled: true, sensors: ['generic_kprobe'], stats: { action_counters: { post: '2' } } }] },
      notOffered: [],
      errors: [],
    });
  });

  it("reports Hubble's server status and nodes", async () => {
    const hubble = (await healthReport(hub)).agents[1]!;
    expect(hubble.self.serverStatus).toMatchObject({ num_flows: '1', max_flows: '65535', seen_flows: '1', version: 'holocron-agent' });
    expect(hubble.self.nodes).toMatchObject({ nodes: expect.arrayContaining([expect.objectContaining({ name: 'kind-worker2', state: 'NODE_CONNECTED' })]) });
  });

  it('lists the methods a peer does not offer', async () => {
    const plain = (await healthReport(hub)).agents[2]!;
    expect(plain.self.notOffered.sort()).toEqual(['GetHealth', 'GetVersion', 'ListTracingPolicies']);
    expect(plain.self.errors).toEqual([]);
    expect(plain.self.health).toBeNull();
  });
});
