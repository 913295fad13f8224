import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TetragonEventJson } from '@/lib/domain/wire-types';
import { DNSMASQ, startDnsmasq, type Dnsmasq } from '@/test/dns/dnsmasq';
import { loopbackNodes } from '@/test/dns/loopback-nodes';
import { startAgentProcess, type AgentProcess } from './support/agent-process';
import { launchChromium, screenshot } from './support/browser';
import { getJson, startHolocron, waitFor, type RunningHolocron } from './support/holocron-server';

/**
 * A cluster on one machine. Each "node" is a scenario agent playing that node's Tetragon on its
 * own unix socket (as Tetragon ≥ 1.7 listens), with our agent in relay mode beside it on the
 * node's own loopback address. The server finds the relays through one name that a real DNS
 * resolver (dnsmasq) answers like a headless Service. A fourth node joins mid-test, one leaves.
 */
interface HealthAgent {
  endpoint: string;
  state: string;
  node: string | null;
  gaps: { toUs: number | null }[];
  discovery: { name: string; address: string } | null;
}
interface Health {
  agents: HealthAgent[];
  discovery: { name: string; addresses: string[]; found: number; vanished: number }[];
}

const SEEDS = [11, 12, 13, 14];
const nodeName = (i: number) => `node-${i + 1}`;

describe.skipIf(!fs.existsSync(DNSMASQ))('several nodes: Tetragon on unix sockets, relays, discovery through DNS', () => {
  const name = `tetragon-relay-${process.pid}.holocron.test`;
  let dir: string;
  let dns: Dnsmasq;
  let addresses: string[];
  let port: number;
  const processes: AgentProcess[] = [];
  const tetragons: AgentProcess[] = [];
  /** What node i's Tetragon says it sent once its cycle is over (its own count, not the server's). */
  const sentBy = (i: number): number | null => {
    const m = /source finished: sent (\d+) Tetragon lines and \d+ Hubble lines, (\d+) dropped/.exec(tetragons[i]?.log() ?? '');
    if (m && m[2] !== '0') throw new Error(`${nodeName(i)} dropped ${m[2]} lines: ${tetragons[i]!.log()}`);
    return m ? Number(m[1]) : null;
  };
  const allOf = async (nodes: number[]) => {
    const c = await eventsByNode();
    return nodes.every((i) => sentBy(i) !== null && c[nodeName(i)] === sentBy(i)) ? c : null;
  };
  let holocron: RunningHolocron;
  let browser: Browser;

  const health = () => getJson<Health>(`${holocron.url}/api/health`);
  const agentAt = (h: Health, i: number) => h.agents.find((a) => a.discovery?.address === addresses[i]);
  const eventsByNode = async () => {
    const res = await fetch(`${holocron.url}/api/export?source=events&format=ndjson`);
    expect(res.status).toBe(200);
    const counts: Record<string, number> = {};
    for (const line of (await res.text()).split('\n').filter(Boolean)) {
      const node = (JSON.parse(line) as TetragonEventJson).node_name ?? '';
      counts[node] = (counts[node] ?? 0) + 1;
    }
    return counts;
  };

  /** Node i: its Tetragon (a scenario agent on a unix socket), then the relay on the node's address. */
  const startNode = async (i: number) => {
    const socket = `unix://${path.join(dir, `${nodeName(i)}-tetragon.sock`)}`;
    const tetragon = ['--source', 'scenario:death-star', '--rate', '1500', '--seed', String(SEEDS[i]), '--node-name', nodeName(i)];
    tetragons[i] = await startAgentProcess(`${nodeName(i)} tetragon`, tetragon, socket);
    processes.push(tetragons[i]!);
    processes.push(await startAgentProcess(`${nodeName(i)} relay`, ['--source', `tetragon:${socket}`], `${addresses[i]}:${port}`));
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-nodes-'));
    dns = await startDnsmasq(dir, 'holocron.test');
    ({ addresses, port } = await loopbackNodes(4));
    await Promise.all([0, 1, 2].map(startNode));
    await dns.setHosts(name, addresses.slice(0, 3));
    holocron = await startHolocron({
      agentArgs: null,
      dataDir: dir,
      env: { HOLOCRON_AGENTS: `tetragon+dns://${name}:${port}`, HOLOCRON_DNS_SERVER: dns.server, HOLOCRON_DISCOVERY_INTERVAL: '1s' },
    });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await holocron?.stop();
    await Promise.all(processes.map((p) => p.stop()));
    await dns?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('finds the three relays behind the name, each with its node, and stores every event of each', async () => {
    await waitFor('three connected agents with their nodes', async () => {
      const h = await health();
      return [0, 1, 2].every((i) => agentAt(h, i)?.state === 'connected' && agentAt(h, i)?.node === nodeName(i));
    });
    const counts = await waitFor('every event the three nodes sent', () => allOf([0, 1, 2]), 60_000).catch(async (e) => {
      throw new Error(`${(e as Error).message}\nstored: ${JSON.stringify(await eventsByNode())}\n${tetragons.map((t) => t.log()).join('')}`);
    });
    expect(Object.keys(counts).sort()).toEqual(['node-1', 'node-2', 'node-3']);
    expect(Math.min(...Object.values(counts))).toBeGreaterThan(200); // a whole cycle each
  });

  it('connects a fourth node when the name starts answering it, and its events arrive', async () => {
    await startNode(3);
    await dns.setHosts(name, addresses);
    await waitFor('the fourth to connect', async () => agentAt(await health(), 3)?.state === 'connected');
    await waitFor('every event the fourth node sent', () => allOf([3]), 60_000);
    expect(agentAt(await health(), 3)!.node).toBe(nodeName(3));
  });

  it('closes a node that leaves the name and shows it as a gap', async () => {
    await dns.setHosts(name, [addresses[0]!, addresses[2]!, addresses[3]!]);
    const h = await waitFor('node-2 to be gone', async () => {
      const h = await health();
      return agentAt(h, 1)?.state === 'gone' ? h : null;
    });
    const gone = agentAt(h, 1)!;
    expect(gone.node).toBe('node-2');
    expect(gone.gaps.at(-1)!.toUs).toBeNull(); // open: nothing is heard from it any more
    expect(h.discovery[0]).toMatchObject({ found: 4, vanished: 1 });
    expect(h.discovery[0]!.addresses).toHaveLength(3);
    expect([0, 2, 3].every((i) => agentAt(h, i)?.state === 'connected')).toBe(true);

    const page = await browser.newPage();
    await page.goto(holocron.url);
    const rows = page.getByTestId('agent-row');
    await page.locator('[data-testid="agent-row"][data-state="gone"]').waitFor({ timeout: 15_000 });
    expect(await rows.count()).toBe(4);
    const goneRow = page.locator('[data-testid="agent-row"][data-state="gone"]');
    await expect(goneRow.getByTestId('agent-node').textContent()).resolves.toContain('node-2');
    await expect(goneRow.textContent()).resolves.toContain(`left tetragon+dns://`);
    await expect(page.getByTestId('discovery-panel').textContent()).resolves.toMatch(/3 addresses · 4 found · 1 vanished/);
    await screenshot(page, 'multi-node-overview');
  });

  it('exports every node\'s events, the one that left included', async () => {
    const counts = await eventsByNode();
    expect(counts).toEqual(Object.fromEntries(SEEDS.map((_, i) => [nodeName(i), sentBy(i)])));
  });
});
