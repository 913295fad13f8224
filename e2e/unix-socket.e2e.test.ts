import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubbleFlowJson, TetragonEventJson } from '@/lib/domain/wire-types';
import { startAgentProcess, type AgentProcess } from './support/agent-process';
import { getJson, startHolocron, waitFor, type RunningHolocron } from './support/holocron-server';

// Tetragon ≥ 1.7 listens on unix:///var/run/tetragon/tetragon.sock by default: the README's first
// example, `HOLOCRON_AGENTS=tetragon://unix:///…`, end to end against an agent on a socket.
describe('agents on unix sockets, as Tetragon listens by default', () => {
  let dir: string;
  let agent: AgentProcess;
  let holocron: RunningHolocron;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-unix-'));
    const socket = `unix://${path.join(dir, 'tetragon.sock')}`;
    agent = await startAgentProcess('agent', ['--source', 'scenario:death-star', '--rate', '3000', '--node-name', 'kind-worker'], socket);
    holocron = await startHolocron({ agentArgs: null, dataDir: dir, env: { HOLOCRON_AGENTS: `tetragon://${socket},hubble://${socket}` } });
  });

  afterAll(async () => {
    await holocron?.stop();
    await agent?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('connects, names the node, and stores events and flows that export in the upstream shape', async () => {
    const health = await waitFor('both streams connected', async () => {
      const h = await getJson<{ agents: { endpoint: string; state: string; node: string | null }[] }>(`${holocron.url}/api/health`);
      return h.agents.length === 2 && h.agents.every((a) => a.state === 'connected') ? h : null;
    });
    expect(health.agents.map((a) => a.endpoint).sort()).toEqual([
      `hubble://unix://${path.join(dir, 'tetragon.sock')}`,
      `tetragon://unix://${path.join(dir, 'tetragon.sock')}`,
    ]);
    expect(health.agents.find((a) => a.endpoint.startsWith('tetragon'))!.node).toBe('kind-worker');
    await waitFor('the kill exec', async () => (await getJson<{ items: unknown[] }>(`${holocron.url}/api/events?q=binary=/usr/bin/kill`)).items.length > 0);
    const events = (await (await fetch(`${holocron.url}/api/export?source=events&format=ndjson`)).text()).split('\n').filter(Boolean);
    const kill = events.map((l) => JSON.parse(l) as TetragonEventJson).find((e) => e.process_exec?.process?.binary === '/usr/bin/kill');
    expect(kill).toMatchObject({ node_name: 'kind-worker', process_exec: { process: { arguments: '-9 1' } } });
    await waitFor('flows', async () => (await getJson<{ items: unknown[] }>(`${holocron.url}/api/flows`)).items.length > 0);
    const flows = (await (await fetch(`${holocron.url}/api/export?source=flows&format=ndjson`)).text()).split('\n').filter(Boolean);
    expect((JSON.parse(flows[0]!) as HubbleFlowJson).flow?.node_name).toBe('kind-worker');
  });
});
