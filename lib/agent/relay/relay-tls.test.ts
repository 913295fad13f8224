import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAgentEndpoint } from '@/lib/server/config/agent-endpoints';
import { loadConfig } from '@/lib/server/config/config';
import { createHub, type Hub } from '@/lib/server/hub';
import { encodeProtoJson } from '@/lib/wire/from-protojson';
import { wireTypes } from '@/lib/wire/wire-root';
import { DNSMASQ, startDnsmasq, type Dnsmasq } from '@/test/dns/dnsmasq';
import { loopbackNodes } from '@/test/dns/loopback-nodes';
import { makeTestCerts } from '@/test/tls/test-certs';
import { serverCredentials } from '../agent-server';
import { startTetragonPeer, type TetragonPeer } from './testing/tetragon-peer';
import { createTetragonRelay } from './tetragon-relay';
import { until } from '@/test/until';

// The relay as deployed: mTLS on the pod address, found behind a Service name, the server
// verifying each address's certificate against that name (not the IP it dials).

describe.skipIf(!fs.existsSync(DNSMASQ))('a relay with mTLS, discovered through DNS', () => {
  const name = `relay-tls-${process.pid}.holocron.test`;
  let dir: string;
  let f: (n: string) => string;
  let dns: Dnsmasq;
  let peer: TetragonPeer;
  let relay: ReturnType<typeof createTetragonRelay>;
  let port: number;
  const hubs: Hub[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-relay-tls-'));
    f = makeTestCerts(dir, name);
    const socket = `unix://${path.join(dir, 'tetragon.sock')}`;
    peer = await startTetragonPeer(socket);
    const loop = await loopbackNodes(1);
    port = loop.port;
    relay = createTetragonRelay({ upstream: parseAgentEndpoint(`tetragon://${socket}`), nodeName: 'node-tls', maxQueued: 4096, log: () => {} });
    await new Promise<number>((res, rej) =>
      relay.server.bindAsync(`${loop.addresses[0]}:${port}`, serverCredentials({ cert: f('server.pem'), key: f('server.key'), clientCa: f('ca.pem') }), (e, p) =>
        e ? rej(e) : res(p),
      ),
    );
    dns = await startDnsmasq(dir, 'holocron.test');
    await dns.setHosts(name, loop.addresses);
  }, 60_000);

  afterAll(async () => {
    for (const h of hubs) await h.stop();
    relay?.server.forceShutdown();
    relay?.close();
    peer?.stop();
    await dns?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const hubWith = async (query: string) => {
    const hub = await createHub(
      loadConfig({ HOLOCRON_AGENTS: `tetragon+dns://${name}:${port}?${query}`, HOLOCRON_DNS_SERVER: dns.server, HOLOCRON_DB: path.join(dir, `h${hubs.length}.db`) }),
    );
    hubs.push(hub);
    return hub;
  };

  it('streams when the server presents its client certificate and checks the relay against the name', async () => {
    const hub = await hubWith(`ca=${f('ca.pem')}&cert=${f('client.pem')}&key=${f('client.key')}`);
    await until('connected', () => hub.agents[0]?.status.state === 'connected' && peer.calls.length > 0);
    expect(hub.agents[0]!.endpoint.tls?.servername).toBe(name);
    const json = { process_exec: { process: { exec_id: 'dGxzOjE=', binary: '/bin/true', pid: 1 } }, node_name: 'node-tls', time: new Date().toISOString() };
    peer.send(Buffer.from(encodeProtoJson(wireTypes().GetEventsResponse, json)));
    await until('the event stored', async () => {
      await hub.batcher.flush();
      return (await hub.store.counts()).events === 1;
    });
    expect(hub.agents[0]!.status.node).toBe('node-tls');
  });

  it('is refused without a client certificate', async () => {
    const hub = await hubWith(`ca=${f('ca.pem')}`);
    await until('a failed attempt', () => (hub.agents[0]?.status.reconnects ?? 0) >= 1);
    expect(hub.agents[0]!.status.state).not.toBe('connected');
  });
});
