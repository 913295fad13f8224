import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from './support/browser';
import { getJson, startHolocron, waitFor, type RunningHolocron } from './support/holocron-server';

interface Health {
  store: { flows: number; events: number };
  lost: { total: number };
  ingest: { queued: number; congested: boolean };
}

function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

describe('faults', () => {
  let holocron: RunningHolocron | null = null;
  let browser: Browser | null = null;

  afterEach(async () => {
    await browser?.close();
    await holocron?.stop();
    browser = null;
    holocron = null;
  });

  it('survives SIGKILL during ingest with an intact database, losing at most the batch in flight', async () => {
    holocron = await startHolocron({ agentArgs: ['--source', 'flood:death-star', '--rate', '20000'] });
    const h = holocron;
    await waitFor('ingest to be under way', async () => (await getJson<Health>(`${h.url}/api/health`)).store.events > 3000, 60_000);
    const acknowledged = (await getJson<Health>(`${h.url}/api/health`)).store;
    await h.stopServer('SIGKILL');
    await h.stopAgent();
    const db = new Database(h.dbFile);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const rows = db.prepare('SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM flows) AS flows').get() as { events: number; flows: number };
    db.close();
    // Everything the server had reported as stored is still there.
    expect(rows.events).toBeGreaterThanOrEqual(acknowledged.events);
    expect(rows.flows).toBeGreaterThanOrEqual(acknowledged.flows);
    await h.startServer();
    const after = await getJson<Health>(`${h.url}/api/health`);
    expect(after.store.events).toBe(rows.events);
  });

  it('keeps memory bounded when an agent floods it, and shows what was lost', async () => {
    holocron = await startHolocron({ agentArgs: ['--source', 'flood:death-star'] });
    const h = holocron;
    const pid = h.serverPid()!;
    await waitFor('the flood to start', async () => (await getJson<Health>(`${h.url}/api/health`)).store.flows > 5000, 60_000);
    const samples: number[] = [];
    for (let i = 0; i < 12; i++) {
      samples.push(rssMiB(pid));
      await new Promise((r) => setTimeout(r, 1000));
    }
    const health = await waitFor(
      'the agent to report lost events',
      async () => {
        const x = await getJson<Health>(`${h.url}/api/health`);
        return x.lost.total > 0 ? x : null;
      },
      60_000,
    );
    expect(Math.max(...samples)).toBeLessThan(1024);
    // Not growing with the backlog: the last samples are not much above the middle ones.
    expect(samples[11]! - samples[5]!).toBeLessThan(300);
    expect(health.ingest.queued).toBeLessThanOrEqual(40_000);

    browser = await launchChromium();
    const page = await browser.newPage();
    await page.goto(h.url);
    const lostText = await page.getByTestId('count-lost').textContent();
    expect(Number((lostText ?? '').replace(/[^\d]/g, ''))).toBeGreaterThan(0);
    await screenshot(page, 'overview-under-flood');
  });
});
