import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, startHolocron, waitFor, type RunningHolocron } from './support/holocron-server';

interface Health {
  store: { flows: number; events: number };
}

// Bad input gets a 400 that names the parameter, and loses nothing; injection attempts do nothing.
describe('bad input', () => {
  let holocron: RunningHolocron;
  let before: Health['store'];

  beforeAll(async () => {
    holocron = await startHolocron({
      agentArgs: ['--source', 'scenario:death-star', '--rate', '4000'],
      env: { HOLOCRON_MAX_UPLOAD_SIZE: '1MiB' },
    });
    await waitFor('the cycle', async () => (await getJson<Health>(`${holocron.url}/api/health`)).store.flows > 250);
    await holocron.stopAgent();
    await new Promise((r) => setTimeout(r, 500));
    before = (await getJson<Health>(`${holocron.url}/api/health`)).store;
  });

  afterAll(() => holocron?.stop());

  it.each([
    ['/api/flows?q=pod', 'q'],
    ['/api/flows?q=nonsense=1', 'q'],
    ['/api/events?q=binary=(', 'q'],
    ['/api/flows?since=tomorrow', 'since'],
    ['/api/events?until=2026-13-45T99:00:00Z', 'until'],
    ['/api/flows?since=2026-11-22T10:00:00Z&until=2026-11-22T09:00:00Z', 'since'],
    ['/api/flows?limit=0', 'limit'],
    ['/api/flows?limit=100000', 'limit'],
    ['/api/events?limit=1;DROP%20TABLE%20events', 'limit'],
    ['/api/flows?cursor=not-a-cursor', 'cursor'],
    ['/api/events/%27%20OR%201%3D1%20--', 'id'],
    ['/api/flows/..%2F..%2Fetc%2Fpasswd', 'uuid'],
    ['/api/export?source=flows;rm', 'source'],
    ['/api/stream?source=all&q=pod=x', 'q'],
    ['/api/stream?source=flows&q=verdict=MAYBE', 'q'],
  ])('GET %s → 400 naming %s', async (path, param) => {
    const res = await fetch(`${holocron.url}${path}`);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.param).toBe(param);
    expect(body.error).toMatch(new RegExp(`^${param}: `));
  });

  it('treats SQL in filter values as plain values', async () => {
    for (const q of [`pod="x' OR '1'='1"`, 'container="\\"); DROP TABLE events; --"', `namespace="default' --"`, `image="' UNION SELECT json FROM flows --"`]) {
      const res = await fetch(`${holocron.url}/api/events?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      const page = await res.json();
      expect(page.items.every((i: { binary: string }) => typeof i.binary === 'string')).toBe(true);
    }
    const matchAll = await getJson<{ items: unknown[] }>(`${holocron.url}/api/events?q=${encodeURIComponent(`pod="x' OR '1'='1"`)}`);
    expect(matchAll.items).toHaveLength(0);
  });

  it('refuses an oversized upload and keeps what it had', async () => {
    const line = `${JSON.stringify({ flow: { uuid: 'big', time: '2026-11-22T09:00:00Z', Summary: 'x'.repeat(1000) } })}\n`;
    const res = await fetch(`${holocron.url}/api/import`, { method: 'POST', body: line.repeat(1500) });
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatch(/limit/);
  });

  it('answers 404 for ids it does not know, and the store is untouched by all of the above', async () => {
    expect((await fetch(`${holocron.url}/api/flows/00000000-0000-0000-0000-000000000000`)).status).toBe(404);
    expect((await fetch(`${holocron.url}/api/events/AAAAAAAAAAAAAAAAAAAAAA`)).status).toBe(404);
    const after = (await getJson<Health>(`${holocron.url}/api/health`)).store;
    expect(after.flows).toBe(before.flows);
    expect(after.events).toBe(before.events);
  });
});
