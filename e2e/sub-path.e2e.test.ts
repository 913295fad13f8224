import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshot } from './support/browser';
import { rawFetch } from './support/e2e-token';
import { getJson, startHolocron, waitFor, type RunningHolocron } from './support/holocron-server';

// Behind an ingress at https://…/holocron/: the app is built with HOLOCRON_BASE_PATH=/holocron
// (Next fixes it at build time; this suite's build lives in its own directory) and every page,
// fetch, live stream, download and form stays under the prefix.
const BASE = '/holocron';
const DIST = process.env.HOLOCRON_SUBPATH_DIST_DIR ?? '.next-subpath';

describe('served under a sub-path (HOLOCRON_BASE_PATH)', () => {
  let holocron: RunningHolocron;
  let browser: Browser;
  const requested: string[] = [];

  const open = async (anonymous = false): Promise<Page> => {
    const b = anonymous ? await launchChromium({ anonymous: true }) : browser;
    const page = await b.newPage();
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.origin === holocron.url) requested.push(u.pathname);
    });
    if (anonymous) page.on('close', () => void b.close());
    return page;
  };

  beforeAll(async () => {
    holocron = await startHolocron({
      agentArgs: ['--source', 'scenario:death-star', '--rate', '3000'],
      env: { HOLOCRON_BASE_PATH: BASE, HOLOCRON_DIST_DIR: DIST },
    });
    await waitFor('events under the base path', async () => (await getJson<{ store: { events: number } }>(`${holocron.url}${BASE}/api/health`)).store.events > 200);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await holocron?.stop();
    // Every request any page made stayed under the base path.
    expect(requested.length).toBeGreaterThan(10);
    expect(requested.filter((p) => p !== BASE && !p.startsWith(`${BASE}/`))).toEqual([]);
  });

  it('answers under the prefix only, probes included', async () => {
    expect((await rawFetch(`${holocron.url}${BASE}/healthz`)).status).toBe(200);
    expect((await rawFetch(`${holocron.url}${BASE}/readyz`)).status).toBe(200);
    expect((await fetch(`${holocron.url}/api/health`)).status).toBe(404);
    const login = await rawFetch(`${holocron.url}${BASE}/flows?q=verdict%3DDROPPED`, { redirect: 'manual' });
    expect(login.status).toBe(303);
    expect(new URL(login.headers.get('location')!, holocron.url).pathname).toBe(`${BASE}/login`);
  });

  it('overview, flows, processes and the live stream work in Chromium', async () => {
    const page = await open();
    await page.goto(`${holocron.url}${BASE}/`);
    await page.getByTestId('agents-panel').getByText('connected').first().waitFor({ timeout: 20_000 });
    expect(Number((await page.getByTestId('count-events').textContent())!.replace(/\D/g, ''))).toBeGreaterThan(200);
    await screenshot(page, 'sub-path-overview');

    await page.getByRole('link', { name: 'Flows', exact: true }).click();
    await page.waitForURL(`${holocron.url}${BASE}/flows**`);
    await page.getByTestId('flow-row').first().waitFor({ timeout: 20_000 });
    await page.getByText('● live').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('export-ndjson').getAttribute('href')).toMatch(new RegExp(`^${BASE}/api/export\\?`));
    // A filter is written to the URL with history.pushState: still under the prefix.
    const input = page.getByTestId('filter-input');
    await input.fill('verdict=DROPPED');
    await input.press('Enter');
    await page.waitForURL((u) => u.pathname === `${BASE}/flows` && u.searchParams.get('q') === 'verdict=DROPPED');
    await page.locator('[data-testid="flow-row"][data-verdict="DROPPED"]').first().waitFor({ timeout: 20_000 });
    await screenshot(page, 'sub-path-flows');
    // The export link downloads through the prefix.
    const download = await page.request.get(`${holocron.url}${(await page.getByTestId('export-ndjson').getAttribute('href'))!}`);
    expect(download.status()).toBe(200);
    const first = JSON.parse((await download.text()).split('\n')[0]!) as { flow?: { verdict?: string } };
    expect(first.flow?.verdict).toBe('DROPPED');

    await page.getByRole('link', { name: 'Processes', exact: true }).click();
    await page.waitForURL(`${holocron.url}${BASE}/processes**`);
    await page.getByTestId('event-row').first().waitFor({ timeout: 20_000 });
    await screenshot(page, 'sub-path-processes');
    expect(requested.some((p) => p === `${BASE}/api/stream`)).toBe(true);
    await page.close();
  });

  it('logs in through the form and lands back on the page under the prefix', async () => {
    const page = await open(true);
    await page.goto(`${holocron.url}${BASE}/alerts`);
    await page.waitForURL((u) => u.pathname === `${BASE}/login`);
    await page.getByLabel('Access token').fill(holocron.token);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((u) => u.pathname === `${BASE}/alerts`);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL((u) => u.pathname === `${BASE}/login`);
    await page.close();
  });
});
