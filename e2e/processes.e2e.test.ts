import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TetragonEventJson } from '@/lib/domain/wire-types';
import { launchChromium, screenshot } from './support/browser';
import { getJson, startHolocron, waitFor, type RunningHolocron } from './support/holocron-server';
import { stressPodNdjson } from './support/stress-pod';

// SCENARIO.md steps 3, 4 and 6 as a responder walks them in the browser: from the exhaust-port
// flow to the curl that made it and its ancestry, to the deathstar pod's process timeline, into
// the `kill` exec in the JSON inspector, and out as an NDJSON export.
interface Item {
  id: string;
  pod: string;
  namespace: string;
  execId: string;
  binary: string;
  args: string;
  kind: string;
  l7Type?: string;
  httpMethod?: string;
}

describe('process views: the Death Star incident', () => {
  let holocron: RunningHolocron;
  let browser: Browser;
  let flowUuid: string;
  let kill: Item;

  beforeAll(async () => {
    holocron = await startHolocron();
    browser = await launchChromium();
    kill = await waitFor('the kill exec to be stored', async () => {
      const page = await getJson<{ items: Item[] }>(`${holocron.url}/api/events?q=${encodeURIComponent('binary=^/usr/bin/kill$ event-type=exec')}`);
      return page.items[0];
    });
    // The incident is stored within a second or so; wait for its flows and the restart too.
    await waitFor('the deathstar restart to be stored', async () => {
      const page = await getJson<{ items: Item[] }>(`${holocron.url}/api/events?q=${encodeURIComponent(`pod=default/${kill.pod} binary=deathstar event-type=exec`)}`);
      return page.items.length > 0;
    });
    flowUuid = await waitFor('the PUT /v1/exhaust-port request flow', async () => {
      const page = await getJson<{ items: Item[] }>(`${holocron.url}/api/flows?q=${encodeURIComponent('http-path=exhaust-port')}`);
      return page.items.find((f) => f.l7Type === 'REQUEST' && f.httpMethod === 'PUT')?.id;
    });
  });

  afterAll(async () => {
    await browser?.close();
    await holocron?.stop();
  });

  // One context per page, closed by the test (so no close is left in flight when the browser goes).
  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: holocron.url });
    return context.newPage();
  }

  const chainBinaries = (page: Page, testId: string) =>
    page.getByTestId(testId).getByTestId('chain-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-binary')));

  it('goes from the exhaust-port flow to the tiefighter curl and its ancestry (containerd-shim → sh → curl)', async () => {
    const page = await newPage();
    await page.goto(`${holocron.url}/flows/${flowUuid}`);
    // The flow page carries the processes panel once its engineer places <FlowProcesses>; until then
    // the same answer comes from the API it uses.
    const panel = page.getByTestId('flow-processes');
    const hasPanel = await panel.waitFor({ timeout: 5000 }).then(
      () => true,
      () => false,
    );
    if (hasPanel) {
      await panel.getByTestId('connecting-process-link').click();
    } else {
      const answer = await getJson<{ connecting: { chain: { execEventId: string | null; binary: string }[] } | null }>(`${holocron.url}/api/flows/${flowUuid}/processes`);
      expect(answer.connecting?.chain.map((p) => p.binary).slice(0, 3)).toEqual(['/usr/bin/curl', '/bin/sh', '/usr/bin/containerd-shim-runc-v2']);
      await page.goto(`${holocron.url}/events/${answer.connecting!.chain[0]!.execEventId}`);
    }
    await page.waitForURL(/\/events\//);
    await expect(page.getByTestId('event-title').textContent()).resolves.toContain('/usr/bin/curl -s -XPUT deathstar.default.svc.cluster.local/v1/exhaust-port');
    await expect(page.getByTestId('summary-pod').textContent()).resolves.toBe('default/tiefighter');
    // The agent reports the node's running processes at start, so the chain goes up to init.
    expect((await chainBinaries(page, 'ancestry-chain')).slice(-3)).toEqual(['/usr/bin/containerd-shim-runc-v2', '/bin/sh', '/usr/bin/curl']);

    // Its tcp_connect: the destination pod resolved from flows, and the connection's flows.
    await page.getByTestId('process-event-list').getByRole('link', { name: /tcp 10\.244\.1\.17:\d+ -> / }).first().click();
    await page.waitForSelector('[data-testid="socket-destination"]');
    await expect(page.getByTestId('destination-pod').textContent()).resolves.toBe(`default/${kill.pod}`);
    const flows = await page.getByTestId('connection-flows').getByTestId('flow-link').allTextContents();
    expect(flows.some((f) => f.includes('PUT /v1/exhaust-port'))).toBe(true);

    // The same answer over HTTP: GET /api/events/<id>/flows.
    const connectId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const api = await getJson<{ items: { id: string }[]; destinations: { eventId: string; destination: { pod: string } | null }[] }>(`${holocron.url}/api/events/${connectId}/flows`);
    expect(api.items.map((f) => f.id)).toContain(flowUuid);
    expect(api.destinations.find((d) => d.eventId === connectId)?.destination?.pod).toBe(kill.pod);
    await page.context().close();
  });

  it('shows the deathstar pod timeline: deathstar → sh → truncate, kill; the SIGKILL exit; the restart', async () => {
    const page = await newPage();
    await page.goto(`${holocron.url}/pods/default/${kill.pod}`);
    await page.getByTestId('timeline-row').first().waitFor();
    const rows = () =>
      page.getByTestId('timeline-row').evaluateAll((els) =>
        els
          .map((e) => ({
            binary: e.getAttribute('data-binary'),
            depth: Number(e.getAttribute('data-depth')),
            tone: e.getAttribute('data-tone'),
            label: e.querySelector('[data-testid="bar-label"]')?.textContent ?? '',
            y: e.getBoundingClientRect().top,
          }))
          .sort((a, b) => a.y - b.y),
      );
    const tree = await rows();
    expect(tree.map((r) => `${'  '.repeat(r.depth)}${r.binary}`)).toEqual([
      '/usr/bin/containerd-shim-runc-v2',
      '  /usr/bin/deathstar',
      '    /bin/sh',
      '      /usr/bin/truncate',
      '      /usr/bin/kill',
      '  /usr/bin/deathstar',
    ]);
    expect(tree[0]!.tone).toBe('host'); // the host parent, dimmed
    expect(tree[1]).toMatchObject({ tone: 'sigkill' });
    expect(tree[1]!.label).toContain('SIGKILL');
    expect(tree[5]!.label).toContain('running');

    // The truncate's file kprobe is a tick on its bar, explained on hover.
    const truncateRow = page.locator('[data-testid="timeline-row"][data-binary="/usr/bin/truncate"]');
    const tick = truncateRow.getByTestId('process-marker');
    await expect(tick.getAttribute('data-label')).resolves.toBe('truncate /var/log/deathstar/access.log');
    await tick.hover();
    await expect(page.getByTestId('marker-tooltip').textContent()).resolves.toContain('truncate /var/log/deathstar/access.log');

    // Fold the handler shell's subtree and unfold it.
    const shRow = page.locator('[data-testid="timeline-row"][data-binary="/bin/sh"]');
    await shRow.getByRole('button', { name: 'collapse' }).click();
    await expect(page.locator('[data-testid="timeline-row"][data-binary="/usr/bin/kill"]').count()).resolves.toBe(0);
    await shRow.getByRole('button', { name: /expand 2 hidden/ }).click();
    await page.locator('[data-testid="timeline-row"][data-binary="/usr/bin/kill"]').waitFor();

    // Without host parents the restarted deathstar is another root.
    await page.getByLabel('host parents').click();
    await page.waitForURL(/host=0/);
    await waitFor('the shim to go', async () => (await rows()).every((r) => r.binary !== '/usr/bin/containerd-shim-runc-v2'));
    const lifted = await rows();
    expect(lifted.filter((r) => r.binary === '/usr/bin/deathstar').map((r) => r.depth)).toEqual([0, 0]);
    await page.getByLabel('host parents').click();
    await page.waitForURL((u) => !u.search.includes('host=0'));

    // Select the kill: details, ancestry and the selection in the URL; zoom to the handler shell.
    await page.locator('[data-testid="timeline-row"][data-binary="/usr/bin/kill"]').click();
    await page.waitForURL(/[?&]sel=/);
    expect(new URL(page.url()).searchParams.get('sel')).toBe(kill.execId);
    const details = page.getByTestId('process-details');
    await expect(details.textContent()).resolves.toContain('-9 1');
    await expect(details.getByTestId('details-ancestry').textContent()).resolves.toMatch(/containerd-shim-runc-v2.*deathstar.*sh.*kill/s);
    await shRow.dblclick();
    await page.waitForURL(/from=\d+/);
    await page.locator('[data-testid="timeline-row"][data-binary="/usr/bin/kill"]').click();
    await screenshot(page, 'pod-timeline');

    // The URL alone reopens the same view.
    const url = page.url();
    const again = await newPage();
    await again.goto(url);
    await again.getByTestId('process-details').waitFor();
    await expect(again.getByTestId('process-details').textContent()).resolves.toContain('/usr/bin/kill');
    // A link shared before the selection was `sel` names it `exec`: it opens the same process.
    const old = new URL(url);
    old.searchParams.set('exec', old.searchParams.get('sel')!);
    old.searchParams.delete('sel');
    await again.goto(old.toString());
    await expect(again.locator('[data-testid="timeline-row"][aria-selected="true"]').getAttribute('data-binary')).resolves.toBe('/usr/bin/kill');
    await expect(again.getByTestId('process-details').textContent()).resolves.toContain('/usr/bin/kill');
    await again.context().close();

    // On to the kill exec (step 4).
    await details.getByTestId('open-exec-event').click();
    await page.waitForURL(new RegExp(`/events/${kill.id}$`));
    await page.context().close();
  });

  it('opens the kill exec: /usr/bin/kill -9 1, pod labels, workload, CAP_SYS_ADMIN, exact JSON', async () => {
    const page = await newPage();
    await page.goto(`${holocron.url}/events/no-such-event`);
    await expect(page.getByTestId('event-missing').textContent()).resolves.toContain('No event with id no-such-event is stored');
    await page.goto(`${holocron.url}/events/${kill.id}`);
    await expect(page.getByTestId('summary-binary').textContent()).resolves.toBe('/usr/bin/kill');
    await expect(page.getByTestId('summary-args').textContent()).resolves.toBe('-9 1');
    await expect(page.getByTestId('summary-labels').textContent()).resolves.toMatch(/class=deathstar.*org=empire/);
    await expect(page.getByTestId('summary-workload').textContent()).resolves.toBe('deathstar (Deployment)');
    await expect(page.getByTestId('summary-start').textContent()).resolves.toMatch(/^\d{4}-\d\d-\d\dT/);
    await expect(page.getByTestId('caps-effective').textContent()).resolves.toContain('CAP_SYS_ADMIN');
    expect((await chainBinaries(page, 'ancestry-chain')).slice(-4)).toEqual(['/usr/bin/containerd-shim-runc-v2', '/usr/bin/deathstar', '/bin/sh', '/usr/bin/kill']);
    await expect(page.getByTestId('process-event-list').textContent()).resolves.toContain('💥');

    // The inspector holds the exact upstream JSON.
    const inspector = page.getByTestId('json-inspector');
    const row = (path: string) => inspector.locator(`[data-path='${path}']`);
    await expect(row('.process_exec.process.binary').textContent()).resolves.toContain('"/usr/bin/kill"');
    await expect(row('.process_exec.process.arguments').textContent()).resolves.toContain('"-9 1"');
    await expect(row('.process_exec.process.pod.workload').textContent()).resolves.toContain('"deathstar"');
    await inspector.getByTestId('json-search').fill('cap_sys_admin');
    // effective and permitted, of the kill and of its parent shell
    await expect(inspector.getByTestId('json-search-count').textContent()).resolves.toBe('1 of 4');
    await expect(inspector.locator('[data-match="current"]').getAttribute('data-path')).resolves.toMatch(/^\.process_exec\.process\.cap\.(permitted|effective)\[\d+\]$/);

    // Copy a jq path and a value with the keyboard, read them back from the clipboard.
    await inspector.getByTestId('json-search').fill('');
    await row('.process_exec.process.pod.pod_labels').click(); // unfold the labels
    const labelRow = row('.process_exec.process.pod.pod_labels.class');
    await labelRow.click();
    await page.keyboard.press('p');
    await inspector.getByTestId('json-status').getByText('Copied .process_exec.process.pod.pod_labels.class', { exact: true }).waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe('.process_exec.process.pod.pod_labels.class');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('c');
    await inspector.getByTestId('json-status').getByText(/^Copied the value at .*pod_labels\.org$/).waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe('empire');
    await screenshot(page, 'event-kill');

    // This event's JSON as a file.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-json').click()]);
    const saved = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as TetragonEventJson;
    expect(saved.process_exec?.process?.binary).toBe('/usr/bin/kill');
    expect(saved.process_exec?.process?.arguments).toBe('-9 1');
    expect(saved.process_exec?.process?.cap?.effective).toContain('CAP_SYS_ADMIN');
    await page.context().close();
  });

  it('draws a 10,000-process pod with a few dozen rows in the page, hostile arguments inert', async () => {
    // Sent in parts of ~4 MB: Next's proxy buffers request bodies only up to
    // experimental.proxyClientMaxBodySize (10 MB by default) and cuts the rest.
    const lines = stressPodNdjson(Date.now() - 5 * 60_000).split('\n').filter(Boolean);
    for (let i = 0; i < lines.length; i += 5000) {
      const res = await fetch(`${holocron.url}/api/import`, { method: 'POST', body: `${lines.slice(i, i + 5000).join('\n')}\n`, headers: { 'content-type': 'application/x-ndjson' } });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { errors: unknown[] }).errors).toEqual([]);
    }
    const page = await newPage();
    const opened = Date.now();
    await page.goto(`${holocron.url}/pods/load/stress-0`);
    await page.getByTestId('timeline-row').first().waitFor();
    console.log(`10,000-process timeline drawn ${Date.now() - opened} ms after navigation`);
    await expect(page.getByText(/10,002 processes/).count()).resolves.toBe(1); // + the host shim
    // Virtualised: a screenful of rows exists, not ten thousand.
    expect(await page.getByTestId('timeline-row').count()).toBeLessThan(100);
    // The last process is reachable with the keyboard, and its hostile arguments stay text.
    await page.getByTestId('timeline-rows').focus();
    await page.keyboard.press('End');
    const last = page.getByTestId('timeline-row').filter({ hasText: '\\x1b[31mred' });
    await last.waitFor();
    await expect(last.getAttribute('aria-selected')).resolves.toBe('true');
    await expect(last.textContent()).resolves.toContain('\\u202e<img');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await screenshot(page, 'pod-timeline-10k');

    // The same pod in the events table: a page at a time, older pages as the user scrolls.
    await page.goto(`${holocron.url}/processes?q=${encodeURIComponent('pod=load/stress-0')}&live=0`);
    await page.getByTestId('event-row').first().waitFor();
    await expect(page.getByTestId('events-count').textContent()).resolves.toBe('200+ events');
    for (let i = 0; i < 3; i++) {
      await page.getByTestId('events-table').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      await page.waitForTimeout(300);
    }
    await waitFor('older pages', async () => Number((await page.getByTestId('events-count').textContent())!.replace(/\D/g, '')) >= 600, 10_000);
    expect(await page.getByTestId('event-row').count()).toBeLessThan(120);
    await page.context().close();
  });

  it('answers bad parameters of the process APIs with 400 naming the parameter', async () => {
    for (const [path, param] of [
      ['/api/pods/Default/x/tree', 'namespace'],
      ['/api/pods/default/-x/tree', 'pod'],
      ['/api/pods/default/tiefighter/tree?limit=0', 'limit'],
      ['/api/pods/default/tiefighter/tree?since=yesterday', 'since'],
      ['/api/flows/%3Cx%3E/processes', 'uuid'],
      ['/api/events/%3Cx%3E/flows', 'id'],
    ] as const) {
      const res = await fetch(`${holocron.url}${path}`);
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { param: string }).param).toBe(param);
    }
    expect((await fetch(`${holocron.url}/api/flows/00000000-0000-0000-0000-000000000000/processes`)).status).toBe(404);
    const empty = await getJson<{ execs: unknown[]; events: number; truncated: boolean }>(`${holocron.url}/api/pods/default/no-such-pod/tree`);
    expect(empty).toMatchObject({ execs: [], markers: [], embedded: [], events: 0, truncated: false });
  });

  it('tails new events live, and catches up on what arrived while paused', async () => {
    let pid = 500;
    const importExec = async (args: string) => {
      const now = new Date().toISOString();
      const line = { process_exec: { process: { exec_id: Buffer.from(`kind-worker:${Date.now()}:${++pid}`).toString('base64'), pid, binary: '/bin/echo', arguments: args, start_time: now, pod: { namespace: 'load', name: 'live-0' } } }, node_name: 'kind-worker', time: now };
      const res = await fetch(`${holocron.url}/api/import`, { method: 'POST', body: `${JSON.stringify(line)}\n` });
      expect(res.status).toBe(200);
    };
    const page = await newPage();
    await page.goto(`${holocron.url}/processes?q=${encodeURIComponent('pod=load/live-0')}`);
    await page.getByTestId('events-empty').waitFor();
    await page.getByTestId('live-status').filter({ hasText: '● live' }).waitFor();
    const row = (text: string) => page.getByTestId('event-row').filter({ hasText: text });

    await importExec('first-live-line');
    await row('first-live-line').waitFor({ timeout: 5000 });

    await page.getByTestId('pause-button').click();
    await page.waitForURL(/live=0/);
    await importExec('while-paused');
    await page.waitForTimeout(800);
    expect(await row('while-paused').count()).toBe(0);

    await page.getByTestId('pause-button').click();
    await page.waitForURL((u) => !u.search.includes('live=0'));
    await row('while-paused').waitFor({ timeout: 5000 });
    await page.context().close();
  });

  it('lists the deathstar events at a glance, opens one by keyboard, and exports the incident as NDJSON', async () => {
    const page = await newPage();
    // Log in the way the demo's one-time URL does: the browser then holds a session cookie, which
    // its own downloads (the export) carry.
    const view = `/processes?q=${encodeURIComponent(`pod=default/${kill.pod}`)}`;
    await page.goto(`${holocron.url}/api/login?token=${encodeURIComponent(holocron.token)}&next=${encodeURIComponent(view)}`);
    await page.waitForURL(/\/processes\?/);
    await page.getByTestId('event-row').first().waitFor();
    const lines = await page.getByTestId('event-row').allTextContents();
    expect(lines.some((l) => l.includes('🚀process') && l.includes('/usr/bin/kill') && l.includes('-9 1'))).toBe(true);
    expect(lines.some((l) => l.includes('💥exit') && l.includes('SIGKILL'))).toBe(true);
    expect(lines.some((l) => l.includes('📝truncate') && l.includes('/var/log/deathstar/access.log'))).toBe(true);
    await screenshot(page, 'processes');

    // Narrow with the filter bar: the URL holds it.
    await page.getByTestId('filter-input').fill('binary=kill');
    await page.getByTestId('filter-input').press('Enter');
    await page.waitForURL(/q=.*binary/);
    await waitFor('only kill rows', async () => {
      const texts = await page.getByTestId('event-row').allTextContents();
      return texts.length > 0 && texts.every((t) => t.includes('/usr/bin/kill'));
    });

    // The NDJSON export of what the view shows, read line by line.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-ndjson').click()]);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    const events = text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as TetragonEventJson);
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      expect(Object.keys(e).filter((k) => k.startsWith('process_'))).toHaveLength(1);
      expect(typeof e.node_name).toBe('string');
      expect(e.time).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/);
    }
    const exec = events.find((e) => e.process_exec);
    expect(exec?.process_exec?.process).toMatchObject({ binary: '/usr/bin/kill', arguments: '-9 1' });
    expect(exec?.process_exec?.process?.pod?.name).toBe(kill.pod);

    // Keyboard, as on /flows: the arrows select from anywhere on the page, Esc clears, then
    // into the table (g), select the first row, open it.
    await page.getByRole('heading', { name: 'Process events' }).click(); // leave the filter input
    await page.keyboard.press('ArrowDown');
    await page.waitForURL(/sel=/);
    await page.keyboard.press('Escape');
    await page.waitForURL((u) => !u.searchParams.has('sel'));
    await page.keyboard.press('g');
    await page.keyboard.press('ArrowDown');
    await page.waitForURL(/sel=/);
    const selected = new URL(page.url()).searchParams.get('sel');
    await page.keyboard.press('Enter');
    // Polled by count: a locator.waitFor started during this client-side navigation can miss it.
    await waitFor('the event page', async () => (await page.getByTestId('event-page').count()) === 1, 15_000);
    expect(new URL(page.url()).pathname).toBe(`/events/${selected}`);
    await page.context().close();
  });
});
