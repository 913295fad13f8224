import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowSummary } from '@/lib/domain/records';
import { launchChromium, screenshot } from './support/browser';
import { getJson, startHolocron, waitFor, type RunningHolocron } from './support/holocron-server';

// SCENARIO.md step 2 in a browser, as a responder does it: filter the flows to the exhaust-port
// path, find tiefighter's request, open its deep link somewhere else. Plus what makes the list
// usable live: pause with "N new", inline filter errors, click-to-filter.
describe('flows view with the real-time scenario agent', () => {
  let holocron: RunningHolocron;
  let browser: Browser;
  const EXHAUST = 'http-path=exhaust-port';

  beforeAll(async () => {
    holocron = await startHolocron({ agentArgs: ['--source', 'scenario:death-star', '--loop'] });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await holocron?.stop();
  });

  const rowIds = (page: Page) => page.$$eval('[data-testid="flow-row"]', (rows) => rows.map((r) => r.getAttribute('data-flow-id')));
  const rowCount = async (page: Page) => Number(((await page.getByTestId('row-count').textContent()) ?? '').replace(/[^\d]/g, ''));

  it('pauses the live tail: new flows are counted as "N new", not shown, until resumed', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.goto(`${holocron.url}/flows`);
    await page.getByTestId('flow-row').first().waitFor({ timeout: 20_000 });
    await page.getByText('● live').waitFor({ timeout: 15_000 });

    await page.getByTestId('pause-button').click();
    await page.getByText('❚❚ paused').waitFor();
    // Paused is part of the view's link, as on /processes.
    await page.waitForURL((u) => u.searchParams.get('live') === '0');
    const frozenIds = await rowIds(page);
    const frozenCount = await rowCount(page);
    const banner = page.getByTestId('new-rows');
    await banner.waitFor({ timeout: 20_000 });
    expect(await banner.textContent()).toMatch(/▲ [\d,]+ new flows? — resume/);
    expect(await rowIds(page)).toEqual(frozenIds);
    expect(await rowCount(page)).toBe(frozenCount);

    await page.getByTestId('pause-button').click();
    await banner.waitFor({ state: 'detached' });
    await page.getByText('● live').waitFor();
    expect(new URL(page.url()).searchParams.has('live')).toBe(false);
    expect(await rowCount(page)).toBeGreaterThan(frozenCount);
    expect((await rowIds(page))[0]).not.toBe(frozenIds[0]);
    // xwing's requests are dropped by policy: those rows stand out in red.
    await page.locator('[data-testid="flow-row"][data-verdict="DROPPED"]').first().waitFor({ timeout: 20_000 });
    const dropped = page.locator('[data-testid="flow-row"][data-verdict="DROPPED"]').first();
    expect(await dropped.evaluate((el) => getComputedStyle(el).backgroundColor)).toMatch(/^(rgba?|oklab|oklch|color)\(/);
    expect(await dropped.textContent()).toContain('POLICY_DENIED');
    await screenshot(page, 'flows-live');
    await page.close();
  });

  it('shows an inline error for an invalid filter and keeps the page working', async () => {
    const page = await browser.newPage();
    await page.goto(`${holocron.url}/flows`);
    await page.getByTestId('flow-row').first().waitFor({ timeout: 20_000 });
    const input = page.getByTestId('filter-input');
    await input.fill('verdict=DROPPED http-stat=500');
    await input.press('Enter');
    const error = page.getByTestId('filter-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('unknown filter kind "http-stat"');
    expect(await error.textContent()).toContain('did you mean "http-status"');
    expect(await page.getByTestId('filter-error-underline').textContent()).toBe('http-stat=500');
    // Nothing was applied: no chip, the URL unchanged, rows still listed.
    expect(await page.getByTestId('filter-chip').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('q')).toBeNull();
    expect(await page.getByTestId('flow-row').count()).toBeGreaterThan(0);

    // Values seen recently are offered once the kind is typed; picking one adds the chip.
    await input.fill('from:pod=default/tie');
    const value = page.getByTestId('filter-suggestion').filter({ hasText: 'default/tiefighter' });
    await value.first().waitFor();
    await value.first().click();
    await page.locator('[data-testid="filter-chip"][data-term="from:pod=default/tiefighter"]').waitFor();
    expect(await page.getByTestId('filter-error').count()).toBe(0);

    // A hand-edited URL with a bad term: the good terms apply, the bad one is shown and ignored.
    await page.goto(`${holocron.url}/flows?q=${encodeURIComponent('verdict=DROPPED port=99999')}`);
    await page.getByTestId('filter-chip-invalid').waitFor();
    expect(await page.getByTestId('filter-chip').getAttribute('data-term')).toBe('verdict=DROPPED');
    expect(await page.getByTestId('filter-error').textContent()).toContain('port=');
    await page.getByTestId('flow-row').first().waitFor({ timeout: 20_000 });
    const verdicts = await page.$$eval('[data-testid="flow-row"]', (rows) => rows.map((r) => r.getAttribute('data-verdict')));
    expect(new Set(verdicts)).toEqual(new Set(['DROPPED']));
    await page.close();
  });

  it('walks SCENARIO step 2: filter to the exhaust port, find tiefighter, open the deep link elsewhere', async () => {
    // The incident happens about 27 s into the real-time cycle.
    const put = await waitFor(
      'the exhaust-port request to be stored',
      async () => {
        const page = await getJson<{ items: FlowSummary[] }>(`${holocron.url}/api/flows?q=${encodeURIComponent(EXHAUST)}&fields=summary`);
        return page.items.find((f) => f.httpMethod === 'PUT' && f.source.pod === 'tiefighter');
      },
      75_000,
    );
    // What the data says: the L7 request is observed at the replica's ingress (kind-worker2);
    // tiefighter itself runs on kind-worker.
    expect(put.node).toBe('kind-worker2');
    expect(put.destination.pod).toMatch(/^deathstar-/);

    const page = await browser.newPage({ viewport: { width: 1600, height: 950 } });
    await page.goto(`${holocron.url}/flows`);
    await page.getByTestId('flow-row').first().waitFor({ timeout: 20_000 });

    // "/" focuses the filter; the kinds are completed with their help text.
    await page.keyboard.press('/');
    await page.keyboard.type('http-pa');
    const suggestion = page.getByTestId('filter-suggestion').first();
    await suggestion.waitFor();
    expect(await suggestion.textContent()).toContain('http-path=');
    expect(await suggestion.textContent()).toContain('regular expression');
    await page.keyboard.type('th=exhaust-port');
    await page.keyboard.press('Enter');
    const chip = page.getByTestId('filter-chip');
    await chip.waitFor();
    expect(await chip.getAttribute('data-term')).toBe(EXHAUST);
    expect(new URL(page.url()).searchParams.get('q')).toBe(EXHAUST);

    const row = page.locator(`[data-testid="flow-row"][data-flow-id="${put.id}"]`);
    await row.waitFor({ timeout: 20_000 });
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain('default/tiefighter');
    expect(rowText).toContain('PUT');
    expect(rowText).toContain('/v1/exhaust-port');
    expect(rowText).toContain('kind-worker2'); // the node column: where it was observed
    for (const text of await page.$$eval('[data-testid="flow-row"]', (rows) => rows.map((r) => r.textContent ?? ''))) {
      expect(text).toContain('/v1/exhaust-port');
    }

    // Select it: the details say where each pod runs, not only where the flow was seen.
    await row.click();
    const details = page.getByTestId('flow-details');
    await details.getByTestId('from-node').waitFor();
    expect(await details.getByTestId('from-pod').textContent()).toContain('default/tiefighter');
    expect(await details.getByTestId('from-node').textContent()).toMatch(/^kind-worker\b(?!2)/);
    expect(await details.getByTestId('to-pod').textContent()).toMatch(/default\/deathstar-/);
    expect(await details.getByTestId('to-node').textContent()).toContain('kind-worker2');
    expect(await details.getByTestId('observed-node').textContent()).toContain('kind-worker2');
    expect(new URL(page.url()).searchParams.get('sel')).toBe(put.id);
    await screenshot(page, 'flows');

    // ↑/↓ move the selection (and the URL with it); the details follow.
    const ids = await rowIds(page);
    const at = ids.indexOf(put.id);
    const otherId = ids[at === 0 ? 1 : at - 1]!;
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press(at === 0 ? 'ArrowDown' : 'ArrowUp');
    await page.waitForFunction((id) => new URL(location.href).searchParams.get('sel') === id, otherId);
    await page.keyboard.press(at === 0 ? 'ArrowUp' : 'ArrowDown');
    await page.waitForFunction((id) => new URL(location.href).searchParams.get('sel') === id, put.id);
    // The URL moves first; the details follow a render later (CI once read the other flow's link).
    await details.locator(`[data-testid="open-flow"][href="/flows/${put.id}"]`).waitFor();
    await details.getByTestId('from-node').waitFor();

    // The deep link, in a fresh browser context (no cookies, no storage): the same flow.
    const link = `${holocron.url}/flows/${put.id}`;
    expect(await details.getByTestId('open-flow').getAttribute('href')).toBe(`/flows/${put.id}`);
    const fresh = await browser.newContext({ viewport: { width: 1600, height: 1200 } });
    const other = await fresh.newPage();
    const res = await other.goto(link);
    expect(res?.status()).toBe(200);
    await other.getByTestId('flow-detail').waitFor();
    expect(await other.getByTestId('flow-title').textContent()).toContain('default/tiefighter');
    expect(await other.getByTestId('to-pod').textContent()).toMatch(/default\/deathstar-\w+-\w+/);
    expect(await other.getByTestId('to-node').textContent()).toContain('kind-worker2');
    expect(await other.getByTestId('from-node').textContent()).toMatch(/^kind-worker\b(?!2)/);
    const l7 = (await other.getByTestId('flow-l7').textContent()) ?? '';
    expect(l7).toContain('PUT');
    expect(l7).toContain('http://deathstar.default.svc.cluster.local/v1/exhaust-port');
    expect(await other.getByTestId('flow-verdict').textContent()).toContain('FORWARDED');
    expect(await other.getByTestId('neighbor').count()).toBeGreaterThan(0);
    expect(await other.getByTestId('json-inspector').textContent()).toContain(put.id);
    await screenshot(other, 'flow-detail');
    // A list link shared before the selection was `sel` names it `flow`: the same row and details open.
    await other.goto(`${holocron.url}/flows?flow=${put.id}`);
    await other.getByTestId('flow-details').getByTestId('from-pod').waitFor({ timeout: 20_000 });
    expect(await other.getByTestId('flow-details').getByTestId('from-pod').textContent()).toContain('default/tiefighter');
    await fresh.close();

    // Enter opens the selected flow in this tab too.
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/flows/${put.id}`);
    await page.getByTestId('flow-detail').waitFor();
    await page.close();
  });

  it('holds new rows back while scrolled away from the top, and shows them on request', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 700 } });
    await page.goto(`${holocron.url}/flows`);
    await page.getByTestId('flow-row').first().waitFor({ timeout: 20_000 });
    await waitFor('more rows than fit', async () => (await rowCount(page)) > 60);
    const table = page.getByTestId('flows-table');
    await table.evaluate((el) => el.scrollTo({ top: 400 }));
    const held = await rowCount(page);
    const banner = page.getByTestId('new-rows');
    await banner.waitFor({ timeout: 20_000 });
    expect(await banner.textContent()).toMatch(/new flows? — show/);
    expect(await rowCount(page)).toBe(held);
    expect(await page.getByTestId('live-status').textContent()).toBe('● live'); // not paused: just held
    await banner.click();
    await banner.waitFor({ state: 'detached' });
    expect(await table.evaluate((el) => el.scrollTop)).toBe(0);
    expect(await rowCount(page)).toBeGreaterThan(held);
    await page.close();
  });

  it('filters by a value with one click, and excludes with the other', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.goto(`${holocron.url}/flows?q=${encodeURIComponent(EXHAUST)}&cols=time,src-pod,dst-pod,verdict,http-path,node`);
    const row = page.getByTestId('flow-row').first();
    await row.waitFor({ timeout: 20_000 });
    // Only the columns asked for are shown.
    expect(await page.getByRole('columnheader').count()).toBe(6);

    const srcCell = row.getByRole('gridcell').nth(1);
    const src = ((await srcCell.textContent()) ?? '').replace(/[+−]/g, '').trim();
    await srcCell.hover();
    await srcCell.getByTestId('filter-in').click();
    await page.locator(`[data-testid="filter-chip"][data-term="from:pod=${src}"]`).waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe(`${EXHAUST} from:pod=${src}`);

    const nodeCell = page.getByTestId('flow-row').first().getByRole('gridcell').last();
    const node = ((await nodeCell.textContent()) ?? '').replace(/[+−]/g, '').trim();
    await nodeCell.hover();
    await nodeCell.getByTestId('filter-out').click();
    await page.locator(`[data-testid="filter-chip"][data-term="!node=${node}"]`).waitFor();
    expect(await page.getByTestId('filter-chip').count()).toBe(3);
    // Every exhaust-port flow is observed on that node: nothing is left, and the page says why.
    const empty = page.getByTestId('flows-empty');
    await empty.waitFor();
    expect(await empty.textContent()).toContain('No flows match this filter');
    await page.close();
  });

  it('says clearly when a flow link points to nothing stored', async () => {
    const page = await browser.newPage();
    const res = await page.goto(`${holocron.url}/flows/00000000-0000-4000-8000-000000000000`);
    expect(res?.status()).toBe(404);
    const box = page.getByTestId('flow-not-found');
    await box.waitFor();
    expect(await box.textContent()).toContain('older than the retention');
    await page.close();
  });
});

// Beyond Hubble UI's fixed 1024 rows: the list reaches back through everything stored, page by
// page as the user scrolls, and the time range narrows it.
describe('flows view over a stored history', () => {
  let holocron: RunningHolocron;
  let browser: Browser;
  let stored = 0;

  beforeAll(async () => {
    // Death Star cycles replayed back to back as recent history, until a few pages are stored;
    // then the agent stops, so the history holds still while the test reads it.
    holocron = await startHolocron({ agentArgs: ['--source', 'scenario:death-star', '--rate', '3000', '--loop'] });
    browser = await launchChromium();
    await waitFor(
      'a few pages of flows',
      async () => (await getJson<{ store: { flows: number } }>(`${holocron.url}/api/health`)).store.flows > 2500,
      60_000,
    );
    await holocron.stopAgent();
    let last = -1;
    stored = await waitFor('ingest to settle', async () => {
      const health = await getJson<{ store: { flows: number } }>(`${holocron.url}/api/health`);
      const n = health.store.flows;
      const settled = n > 0 && n === last;
      last = n;
      if (settled) return n;
      await new Promise((r) => setTimeout(r, 800));
      return null;
    });
  });

  afterAll(async () => {
    await browser?.close();
    await holocron?.stop();
  });

  it('loads older flows by infinite scroll until the start of the stored history', async () => {
    expect(stored).toBeGreaterThan(2500); // several pages (500, then 1000 each)
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${holocron.url}/flows`);
    await page.getByTestId('flow-row').first().waitFor({ timeout: 20_000 });
    const table = page.getByTestId('flows-table');
    const end = page.getByTestId('history-end');
    await waitFor('the start of the history', async () => {
      await table.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      return (await end.count()) > 0;
    });
    const shown = Number(((await page.getByTestId('row-count').textContent()) ?? '').replace(/[^\d]/g, ''));
    expect(shown).toBe(stored);
    // Scrolled away from the top: the newest row is no longer rendered (virtualised), ~40 rows are.
    expect(await page.getByTestId('flow-row').count()).toBeLessThan(120);
    await page.close();
  });

  it('narrows to an absolute time range kept in the URL, with export links for the same view', async () => {
    const all = await getJson<{ items: FlowSummary[] }>(`${holocron.url}/api/flows?limit=1000&fields=summary`);
    const newest = all.items[0]!;
    const sinceMs = Math.floor(newest.ts / 1000) - 2000;
    const since = new Date(sinceMs).toISOString().replace(/\.\d+Z$/, 'Z');
    const until = new Date(sinceMs + 1000).toISOString().replace(/\.\d+Z$/, 'Z');
    const expected = all.items.filter((f) => f.ts >= Date.parse(since) * 1000 && f.ts <= Date.parse(until) * 1000).length;
    const page = await browser.newPage();
    await page.goto(`${holocron.url}/flows?since=${since}&until=${until}`);
    await page.getByTestId('row-count').waitFor();
    await waitFor('the range to load', async () => (await page.getByTestId('flows-loading').count()) === 0);
    const shown = Number(((await page.getByTestId('row-count').textContent()) ?? '').replace(/[^\d]/g, ''));
    expect(shown).toBe(expected);
    expect(await page.getByTestId('live-status').textContent()).toContain('live tail off');
    const href = (await page.getByTestId('export-ndjson').getAttribute('href')) ?? '';
    const exportUrl = new URL(href, holocron.url);
    expect(exportUrl.searchParams.get('since')).toBe(since);
    expect(exportUrl.searchParams.get('until')).toBe(until);
    const lines = (await (await fetch(exportUrl)).text()).split('\n').filter(Boolean);
    expect(lines).toHaveLength(expected);
    await page.close();
  });

  it('picks the same window with the time-window picker: an absolute range typed in UTC, then a quick range', async () => {
    const all = await getJson<{ items: FlowSummary[] }>(`${holocron.url}/api/flows?limit=1000&fields=summary`);
    const sinceMs = Math.floor(all.items[0]!.ts / 1000 / 1000) * 1000 - 2000;
    const input = (ms: number) => new Date(ms).toISOString().slice(0, 19); // datetime-local, read as UTC
    const page = await browser.newPage();
    await page.goto(`${holocron.url}/flows`);
    await page.getByTestId('flow-row').first().waitFor({ timeout: 20_000 });
    const picker = page.getByTestId('time-range');
    await picker.getByRole('button', { name: 'custom…' }).click();
    await picker.getByLabel('since (UTC)').fill(input(sinceMs));
    await picker.getByLabel('until (UTC)').fill(input(sinceMs + 1000));
    await picker.getByRole('button', { name: 'Apply' }).click();
    await page.waitForFunction(() => new URL(location.href).searchParams.has('until'));
    const url = new URL(page.url());
    expect(url.searchParams.get('since')).toBe(new Date(sinceMs).toISOString().replace('.000Z', 'Z'));
    expect(url.searchParams.get('until')).toBe(new Date(sinceMs + 1000).toISOString().replace('.000Z', 'Z'));
    await page.getByTestId('live-status').filter({ hasText: 'live tail off' }).waitFor();
    // The picker names the window it holds, and a quick range replaces it.
    expect(await picker.getByRole('button', { name: /→/ }).textContent()).toBe(`${input(sinceMs).replace('T', ' ')} → ${input(sinceMs + 1000).replace('T', ' ')}`);
    await picker.getByRole('button', { name: '1 h' }).click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('range') === '1h');
    expect(new URL(page.url()).searchParams.has('since')).toBe(false);
    expect(await picker.getByRole('button', { name: '1 h' }).getAttribute('aria-pressed')).toBe('true');
    // Back undoes a window change (it is a history entry), and the page follows.
    await page.goBack();
    await page.waitForFunction(() => new URL(location.href).searchParams.has('until'));
    await page.close();
  });
});
