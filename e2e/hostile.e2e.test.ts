import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from './support/browser';
import { HOSTILE, hostileNdjson } from './support/hostile-events';
import { getJson, startHolocron, type RunningHolocron } from './support/holocron-server';

// Every view shows attacker-chosen strings as inert, visible text: nothing runs, markup is text,
// control characters and bidi overrides are visible escapes, a 1 MiB argument is cut.
describe('hostile event strings in every view', () => {
  let holocron: RunningHolocron;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];
  const ids = { shellExec: '', flow: 'aaaaaaaa-0000-4000-8000-000000000001', alert: '' };

  beforeAll(async () => {
    holocron = await startHolocron({ agentArgs: null });
    const res = await fetch(`${holocron.url}/api/import`, { method: 'POST', body: Buffer.from(hostileNdjson()) });
    const report = await res.json();
    expect(report.errorCount).toBe(0);
    expect(report.events.added).toBe(5);
    expect(report.flows.added).toBe(1);
    const events = await getJson<{ items: { id: string; kind: string; binary: string }[] }>(`${holocron.url}/api/events?q=pod=default/victim`);
    ids.shellExec = events.items.find((e) => e.kind === 'process_exec' && e.binary === '/bin/sh')!.id;
    const alerts = await getJson<{ items: { id: string }[] }>(`${holocron.url}/api/alerts`);
    ids.alert = alerts.items[0]?.id ?? '';
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  });

  afterAll(async () => {
    await browser?.close();
    await holocron?.stop();
  });

  async function assertInert(name: string): Promise<void> {
    await page.waitForLoadState('networkidle').catch(() => {});
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    // No element came out of the payloads: no <img src=x>, no injected <script> or <b> from data.
    expect(await page.locator('img[src="x"], script:not([src]):text("__pwned"), b:text("bold")').count()).toBe(0);
    await screenshot(page, `hostile-${name}`);
  }

  async function bodyText(): Promise<string> {
    return page.evaluate(() => document.body.innerText);
  }

  it.each([
    ['overview', '/'],
    ['processes', '/processes?q=pod%3Ddefault%2Fvictim'],
    ['flows', '/flows?range=all'],
    ['map', '/map?since=2026-11-22T08%3A59%3A00Z&until=2026-11-22T09%3A01%3A00Z'],
  ])('%s: nothing runs and markup shows as text', async (name, path) => {
    await page.goto(`${holocron.url}${path}`);
    if (name === 'flows' || name === 'map') await page.getByText(/evil<img/).first().waitFor({ state: 'attached', timeout: 15_000 });
    await assertInert(name);
  });

  it('processes and the overview show control characters as escapes', async () => {
    for (const path of ['/', '/processes?q=pod%3Ddefault%2Fvictim']) {
      await page.goto(`${holocron.url}${path}`);
      await page.getByText(HOSTILE.img).first().waitFor({ timeout: 15_000 });
      const text = await bodyText();
      expect(text).toContain('\\x1b[31mRED\\x1b[0m');
      expect(text).toContain('\\u202egnp.exe');
      expect(text).not.toContain('\u202e');
      expect(text).not.toContain('\u001b');
    }
  });

  it('the event deep link shows every hostile field inert, with the 1 MiB argument cut', async () => {
    await page.goto(`${holocron.url}/events/${ids.shellExec}`);
    await page.getByText(HOSTILE.img).first().waitFor({ timeout: 15_000 });
    const text = await bodyText();
    expect(text).toContain(HOSTILE.script);
    expect(text).toContain('\\x1b[31mRED');
    expect(text).toContain('ok\\n🚀 process default/other'); // a newline cannot fake a second line
    expect(text).toContain('a\\0b');
    await assertInert('event');
    const events = await getJson<{ items: { id: string; binary: string; kind: string }[] }>(`${holocron.url}/api/events?q=pod=default/victim`);
    const big = events.items.find((e) => e.kind === 'process_exec' && e.binary.includes('script'))!;
    await page.goto(`${holocron.url}/events/${big.id}`);
    await page.getByText(HOSTILE.script).first().waitFor({ timeout: 15_000 });
    expect((await bodyText()).length).toBeLessThan(400_000);
    await assertInert('event-1mib');
  });

  it('the pod timeline, the flow deep link and the alerts stay inert', async () => {
    await page.goto(`${holocron.url}/pods/default/victim`);
    await page.getByTestId('timeline-row').first().waitFor({ timeout: 15_000 }).catch(async (e) => {
      await screenshot(page, 'hostile-timeline-failed');
      throw e;
    });
    await assertInert('timeline');
    await page.goto(`${holocron.url}/flows/${ids.flow}`);
    await page.getByText(HOSTILE.img).first().waitFor({ timeout: 15_000 });
    expect(await bodyText()).toContain('\\x1b[31m');
    await assertInert('flow');
    await page.goto(`${holocron.url}/alerts`);
    await assertInert('alerts');
    if (ids.alert) {
      await page.goto(`${holocron.url}/alerts/${ids.alert}`);
      await assertInert('alert');
    }
  });

  it('exports keep the exact content, JSON-escaped', async () => {
    const ndjson = await (await fetch(`${holocron.url}/api/export?source=events&q=pod=default/victim`)).text();
    const lines = ndjson.trim().split('\n').map((l) => JSON.parse(l));
    const shell = lines.find((l) => l.process_exec?.process?.binary === '/bin/sh');
    expect(shell.process_exec.process.arguments).toContain(HOSTILE.ansi);
    expect(shell.process_exec.process.arguments).toContain(HOSTILE.bidi);
    expect(shell.process_exec.process.arguments).toContain(HOSTILE.nul);
    expect(ndjson).not.toContain('\u001b'); // escaped as \u001b in the JSON text
    expect(lines.some((l) => l.node_name === '\ufffd\ufffd')).toBe(true); // invalid UTF-8 became U+FFFD
  });
});
