import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, startHolocron, waitFor, type RunningHolocron } from './support/holocron-server';

interface Health {
  store: { flows: number; events: number };
}

// History survives a restart of the server, and feeding an export back in adds nothing.
describe('server restart and re-import', () => {
  let holocron: RunningHolocron;

  beforeAll(async () => {
    holocron = await startHolocron({ agentArgs: ['--source', 'scenario:death-star', '--rate', '4000'] });
    await waitFor('the cycle to be stored', async () => (await getJson<Health>(`${holocron.url}/api/health`)).store.events > 200, 30_000);
    // Let the last batch land before comparing counts.
    await new Promise((r) => setTimeout(r, 1000));
  });

  afterAll(() => holocron?.stop());

  it('keeps every stored event across a restart of the server', async () => {
    const before = await getJson<Health>(`${holocron.url}/api/health`);
    const kill = await getJson<{ items: { id: string }[] }>(`${holocron.url}/api/events?q=binary=/usr/bin/kill`);
    await holocron.stopAgent(); // nothing new may arrive: compare like with like
    await holocron.stopServer();
    await holocron.startServer();
    const after = await getJson<Health>(`${holocron.url}/api/health`);
    expect(after.store.events).toBe(before.store.events);
    expect(after.store.flows).toBe(before.store.flows);
    const again = await getJson<{ id: string }>(`${holocron.url}/api/events/${kill.items[0]!.id}`);
    expect(again.id).toBe(kill.items[0]!.id);
  });

  it('re-importing its own export adds nothing', async () => {
    for (const source of ['events', 'flows'] as const) {
      const ndjson = await (await fetch(`${holocron.url}/api/export?source=${source}`)).text();
      const lines = ndjson.trim().split('\n').length;
      const res = await fetch(`${holocron.url}/api/import`, { method: 'POST', body: ndjson, headers: { 'content-type': 'application/x-ndjson' } });
      expect(res.status).toBe(200);
      const report = await res.json();
      expect(report.errorCount).toBe(0);
      expect(report[source].added).toBe(0);
      expect(report[source].duplicates).toBe(lines);
    }
  });
});
