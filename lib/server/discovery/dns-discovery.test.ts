import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentBus } from '@/lib/agent/agent-bus';
import { createAgentServer, serverCredentials } from '@/lib/agent/agent-server';
import { DNSMASQ, startDnsmasq, type Dnsmasq } from '@/test/dns/dnsmasq';
import { loopbackNodes } from '@/test/dns/loopback-nodes';
import { loadConfig } from '../config/config';
import { createHub, type Hub } from '../hub';
import { until } from '@/test/until';

// tetragon+dns:// against a real resolver (dnsmasq) on loopback and real agents on their own
// loopback addresses: the name's answer changes and the hub follows it.

const event = (node: string, i: number) => ({
  process_exec: { process: { exec_id: Buffer.from(`${node}:${i}`).toString('base64'), binary: '/bin/sh', pid: i } },
  node_name: node,
  time: new Date().toISOString(),
});

describe.skipIf(!fs.existsSync(DNSMASQ))('discovery through a headless Service name (dnsmasq on loopback)', () => {
  const name = `tetragon-relay-${process.pid}.holocron.test`;
  let dir: string;
  let dns: Dnsmasq;
  let hub: Hub;
  let addresses: string[];
  const nodes: { bus: AgentBus; server: grpc.Server; node: string }[] = [];
  const agentOf = (address: string) => hub.agents.find((a) => a.status.discovery?.address === address);
  const state = () => hub.agents.map((a) => [a.endpoint.label, a.status.state, a.status.node, a.status.gaps.length]);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-discovery-'));
    dns = await startDnsmasq(dir, 'holocron.test');
    const loop = await loopbackNodes(3);
    addresses = loop.addresses;
    for (const [i, address] of addresses.entries()) {
      const bus = new AgentBus();
      // The third answers no node name: its events must name it.
      const node = `node-${i + 1}`;
      const server = createAgentServer(bus, Date.now(), i < 2 ? node : null);
      await new Promise<number>((res, rej) => server.bindAsync(`${address}:${loop.port}`, serverCredentials(null), (e, p) => (e ? rej(e) : res(p))));
      nodes.push({ bus, server, node });
    }
    await dns.setHosts(name, addresses.slice(0, 2));
    hub = await createHub(
      loadConfig({
        HOLOCRON_AGENTS: `tetragon+dns://${name}:${loop.port}`,
        HOLOCRON_DNS_SERVER: dns.server,
        HOLOCRON_DISCOVERY_INTERVAL: '1s',
        HOLOCRON_DB: path.join(dir, 'h.db'),
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await hub?.stop();
    nodes.forEach((n) => n.server.forceShutdown());
    await dns?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('connects every address behind the name and lists each with its node', async () => {
    expect(hub.agents.map((a) => a.status.discovery?.address).sort()).toEqual(addresses.slice(0, 2).sort());
    await until('both to connect', () => hub.agents.every((a) => a.status.state === 'connected' && a.status.node !== null), { state });
    expect(agentOf(addresses[0]!)!.status.node).toBe('node-1');
    expect(agentOf(addresses[1]!)!.status.node).toBe('node-2');
  });

  it('connects a node that appears and closes one that vanishes, shown as a gap', async () => {
    await dns.setHosts(name, addresses.slice(1));
    await until('the third to connect', () => agentOf(addresses[2]!)?.status.state === 'connected' && nodes[2]!.bus.subscriberCount === 1, { state });
    nodes[2]!.bus.emit(AgentBus.encode('tetragon', event('node-3', 1), Date.now() * 1000));
    await until('its node from its events', () => agentOf(addresses[2]!)?.status.node === 'node-3', { state });
    const gone = agentOf(addresses[0]!)!;
    await until('the first to be gone', () => gone.status.state === 'gone', { state });
    expect(gone.status.gaps.at(-1)).toMatchObject({ toUs: null });
    expect(gone.status.lastError).toContain(`left tetragon+dns://${name}`);
    expect(nodes[0]!.bus.subscriberCount).toBe(0); // its stream was closed
    expect(hub.discovery[0]!.status).toMatchObject({ found: 3, vanished: 1, lastError: null });
    expect(hub.discovery[0]!.status.addresses).toEqual(addresses.slice(1).sort());
  });

  it('takes an address that comes back on the same row and closes its gap', async () => {
    await dns.setHosts(name, addresses);
    const back = () => agentOf(addresses[0]!)!;
    await until('the first to reconnect', () => back().status.state === 'connected', { state });
    expect(hub.agents.filter((a) => a.status.discovery?.address === addresses[0])).toHaveLength(1);
    expect(back().status.gaps.at(-1)!.toUs).not.toBeNull();
  });

  it('keeps every agent when the resolver fails, and says so', async () => {
    await dns.stop();
    await until('a failed resolution', () => hub.discovery[0]!.status.lastError !== null, { state: () => hub.discovery[0]!.status });
    expect(hub.agents.filter((a) => a.status.state === 'connected')).toHaveLength(3);
  });
});
