import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubbleFlowJson, TetragonEventJson } from '@/lib/domain/wire-types';
import { getJson, startHolocron, waitFor, type RunningHolocron } from './support/holocron-server';

// SCENARIO.md step 6 over HTTP: the exports carry the incident in the upstream line shapes.
describe('export of the Death Star incident', () => {
  let holocron: RunningHolocron;

  beforeAll(async () => {
    holocron = await startHolocron({ agentArgs: ['--source', 'scenario:death-star', '--rate', '4000'] });
    await waitFor('the kill exec to be stored', async () => {
      const page = await getJson<{ items: unknown[] }>(`${holocron.url}/api/events?q=binary=/usr/bin/kill`);
      return page.items.length > 0;
    });
  });

  afterAll(() => holocron?.stop());

  async function exportLines(source: 'flows' | 'events'): Promise<string[]> {
    const res = await fetch(`${holocron.url}/api/export?source=${source}&format=ndjson`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    return (await res.text()).split('\n').filter(Boolean);
  }

  it('holds the kill exec with its parent /bin/sh and grandparent /usr/bin/deathstar', async () => {
    const lines = await exportLines('events');
    const events = lines.map((l) => JSON.parse(l) as TetragonEventJson);
    for (const e of events) {
      expect(typeof e.node_name).toBe('string');
      expect(e.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      expect(Object.keys(e).filter((k) => k.startsWith('process_'))).toHaveLength(1);
    }
    const kill = events.find((e) => e.process_exec?.process?.binary === '/usr/bin/kill');
    expect(kill?.process_exec?.process?.arguments).toBe('-9 1');
    expect(kill?.node_name).toBe('kind-worker2');
    expect(kill?.process_exec?.process?.pod?.namespace).toBe('default');
    expect(kill?.process_exec?.process?.pod?.name).toMatch(/^deathstar-/);
    expect(kill?.process_exec?.parent?.binary).toBe('/bin/sh');
    const shExecId = kill?.process_exec?.process?.parent_exec_id;
    const sh = events.find((e) => e.process_exec?.process?.exec_id === shExecId);
    expect(sh?.process_exec?.process?.binary).toBe('/bin/sh');
    expect(sh?.process_exec?.parent?.binary).toBe('/usr/bin/deathstar');
  });

  it('holds the L7 PUT /v1/exhaust-port flow from default/tiefighter', async () => {
    const flows = (await exportLines('flows')).map((l) => JSON.parse(l) as HubbleFlowJson);
    for (const f of flows) {
      expect(f.flow?.uuid).toBeTruthy();
      expect(typeof f.node_name).toBe('string');
    }
    const put = flows.find((f) => f.flow?.l7?.http?.method === 'PUT' && f.flow.l7.http.url?.endsWith('/v1/exhaust-port'));
    expect(put?.flow?.Type).toBe('L7');
    expect(put?.flow?.source?.namespace).toBe('default');
    expect(put?.flow?.source?.pod_name).toBe('tiefighter');
    expect(put?.flow?.verdict).toBe('FORWARDED');
  });

  it('is read by jq like a tetra getevents -o json log', async () => {
    const res = await fetch(`${holocron.url}/api/export?source=events&q=pod=default/deathstar`);
    const body = await res.text();
    const out = execFileSync('jq', ['-r', 'select(.process_exec != null) | .process_exec.process.binary + " " + (.process_exec.process.arguments // "")'], {
      input: body,
    }).toString();
    expect(out).toContain('/usr/bin/kill -9 1');
    expect(out).toContain('/usr/bin/truncate -s 0 /var/log/deathstar/access.log');
  });

  it('exports one JSON array with format=json and filters with q', async () => {
    const res = await fetch(`${holocron.url}/api/export?source=flows&format=json&q=verdict=DROPPED`);
    const arr = (await res.json()) as HubbleFlowJson[];
    expect(arr.length).toBeGreaterThan(0);
    expect(arr.every((f) => f.flow?.verdict === 'DROPPED')).toBe(true);
    expect(arr.every((f) => f.flow?.source?.pod_name === 'xwing')).toBe(true);
  });

  it('answers bad parameters with 400 naming the parameter', async () => {
    for (const [query, param] of [
      ['source=nope', 'source'],
      ['source=flows&q=podd=x', 'q'],
      ['source=flows&since=yesterday', 'since'],
      ['source=flows&format=xml', 'format'],
    ] as const) {
      const res = await fetch(`${holocron.url}/api/export?${query}`);
      expect(res.status).toBe(400);
      expect((await res.json()).param).toBe(param);
    }
  });
});
