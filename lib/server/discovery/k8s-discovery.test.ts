import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentBus } from '@/lib/agent/agent-bus';
import { createAgentServer, serverCredentials } from '@/lib/agent/agent-server';
import { loopbackNodes } from '@/test/dns/loopback-nodes';
import { makeTestCerts } from '@/test/tls/test-certs';
import { loadConfig } from '../config/config';
import { createHub, type Hub } from '../hub';
import { until } from '@/test/until';

// tetragon+k8s:// with the official client against a stand-in for the Kubernetes API server
// (none can run here): it answers the pod list as the API does and checks what the client asks.
interface Pod {
  name: string;
  ip: string;
  node: string;
  ready: boolean;
  deleting?: boolean;
}

function podList(pods: Pod[]) {
  return {
    kind: 'PodList',
    apiVersion: 'v1',
    metadata: { resourceVersion: '1' },
    items: pods.map((p) => ({
      metadata: { name: p.name, namespace: 'holocron', ...(p.deleting ? { deletionTimestamp: new Date().toISOString() } : {}) },
      spec: { nodeName: p.node, containers: [{ name: 'agent', image: 'holocron' }] },
      status: { phase: 'Running', podIP: p.ip, conditions: [{ type: 'Ready', status: p.ready ? 'True' : 'False' }] },
    })),
  };
}


describe('discovery through the Kubernetes API (label selector)', () => {
  let dir: string;
  let api: https.Server;
  let hub: Hub;
  let addresses: string[];
  const requests: { path: string; auth: string | undefined }[] = [];
  let pods: Pod[] = [];
  const servers: grpc.Server[] = [];
  const savedKubeconfig = process.env.KUBECONFIG;
  const agentOf = (address: string) => hub.agents.find((a) => a.status.discovery?.address === address);
  const state = () => hub.agents.map((a) => [a.endpoint.label, a.status.state, a.status.node]);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-k8s-'));
    // Served over TLS with a CA the kubeconfig names, as a real API server is (the client refuses plain HTTP).
    const cert = makeTestCerts(dir, 'localhost');
    api = https.createServer({ cert: fs.readFileSync(cert('server.pem')), key: fs.readFileSync(cert('server.key')) }, (req, res) => {
      requests.push({ path: req.url ?? '', auth: req.headers.authorization });
      if (!req.url?.startsWith('/api/v1/namespaces/holocron/pods')) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(podList(pods)));
    });
    await new Promise<void>((r) => api.listen(0, 'localhost', r));
    const apiPort = (api.address() as { port: number }).port;
    fs.writeFileSync(
      path.join(dir, 'kubeconfig'),
      [
        'apiVersion: v1',
        'kind: Config',
        `clusters: [{name: test, cluster: {server: "https://localhost:${apiPort}", certificate-authority: "${cert('ca.pem')}"}}]`,
        'users: [{name: holocron, user: {token: test-token}}]',
        'contexts: [{name: test, context: {cluster: test, user: holocron, namespace: holocron}}]',
        'current-context: test',
      ].join('\n'),
    );
    process.env.KUBECONFIG = path.join(dir, 'kubeconfig');
    const loop = await loopbackNodes(2);
    addresses = loop.addresses;
    for (const address of addresses) {
      const server = createAgentServer(new AgentBus(), Date.now()); // answers no node name: the API knows it
      await new Promise<number>((res, rej) => server.bindAsync(`${address}:${loop.port}`, serverCredentials(null), (e, p) => (e ? rej(e) : res(p))));
      servers.push(server);
    }
    pods = [
      { name: 'agent-a', ip: addresses[0]!, node: 'worker-a', ready: true },
      { name: 'agent-b', ip: addresses[1]!, node: 'worker-b', ready: false },
      { name: 'agent-old', ip: '127.0.0.9', node: 'worker-c', ready: true, deleting: true },
    ];
    hub = await createHub(
      loadConfig({
        HOLOCRON_AGENTS: `tetragon+k8s://holocron:${loop.port}?selector=app.kubernetes.io/name=holocron-agent%2Ctier=node`,
        HOLOCRON_DISCOVERY_INTERVAL: '1s',
        HOLOCRON_DB: path.join(dir, 'h.db'),
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await hub?.stop();
    servers.forEach((s) => s.forceShutdown());
    api?.close();
    if (savedKubeconfig === undefined) delete process.env.KUBECONFIG;
    else process.env.KUBECONFIG = savedKubeconfig;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists the pods by namespace and selector with the credentials, and connects only the ready ones with their node', async () => {
    const q = new URL(requests[0]!.path, 'http://x').searchParams;
    expect(requests[0]!.path).toMatch(/^\/api\/v1\/namespaces\/holocron\/pods\?/);
    expect(q.get('labelSelector')).toBe('app.kubernetes.io/name=holocron-agent,tier=node');
    expect(requests[0]!.auth).toBe('Bearer test-token');
    expect(hub.agents.map((a) => a.status.discovery?.address)).toEqual([addresses[0]]);
    expect(agentOf(addresses[0]!)!.status.node).toBe('worker-a'); // from the API, before any event
    await until('it to connect', () => agentOf(addresses[0]!)?.status.state === 'connected', { state });
  });

  it('follows pods becoming ready and going away', async () => {
    pods = [{ name: 'agent-b', ip: addresses[1]!, node: 'worker-b', ready: true }];
    await until('agent-b connected, agent-a gone', () => agentOf(addresses[1]!)?.status.state === 'connected' && agentOf(addresses[0]!)?.status.state === 'gone', { state });
    expect(agentOf(addresses[1]!)!.status.node).toBe('worker-b');
    expect(hub.discovery[0]!.status).toMatchObject({ found: 2, vanished: 1, lastError: null });
  });

  it('keeps its agents when the API fails, and says so', async () => {
    api.removeAllListeners('request');
    api.on('request', (_req, res) => res.writeHead(503).end('{"kind":"Status","status":"Failure","message":"etcd is down","code":503}'));
    await until('a failed lookup', () => hub.discovery[0]!.status.lastError !== null, { state: () => hub.discovery[0]!.status });
    expect(agentOf(addresses[1]!)!.status.state).toBe('connected');
  });
});
