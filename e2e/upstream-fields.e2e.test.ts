import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from './support/browser';
import { startHolocron, type RunningHolocron } from './support/holocron-server';
import {
  BAD_LINE,
  CAPTURE_POD,
  captureNdjson,
  DNS_FLOW,
  DROPPED_EVENTS,
  HOSTILE_LABEL,
  KAFKA_FLOW,
  LOST_FLOWS,
} from './support/upstream-capture';

// Issue 14, the UI half: a gzip capture of real-shaped `tetra getevents` / `hubble observe` lines
// goes in through the import page, and every view shows what the agents sent — the new Hubble
// fields, every Tetragon kind, throttles and losses where they happened, full binary paths.
describe('upstream fields, throttles and losses in the browser', () => {
  let holocron: RunningHolocron;
  let browser: Browser;
  let page: Page;
  let dir: string;
  const dialogs: string[] = [];
  const t0 = Date.now() - 10 * 60_000;

  beforeAll(async () => {
    holocron = await startHolocron({ agentArgs: null });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-capture-'));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  });

  afterAll(async () => {
    await browser?.close();
    await holocron?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports a gzip capture through the page: progress, report with the bad line, links over the imported span', async () => {
    const ndjson = captureNdjson(t0);
    const file = path.join(dir, 'capture.json.gz');
    fs.writeFileSync(file, zlib.gzipSync(ndjson));
    const lines = ndjson.trim().split('\n').length;

    await page.goto(`${holocron.url}/`);
    await page.getByRole('link', { name: 'Import' }).click();
    await page.waitForURL(/\/import$/);
    await page.locator('[data-testid="import-file"]').setInputFiles(file);
    const report = page.locator('[data-testid="import-report"]');
    await report.waitFor({ timeout: 30_000 });
    await screenshot(page, 'import-report');

    expect(await page.locator('[data-testid="report-lines"]').innerText()).toBe(String(lines));
    expect(await page.locator('[data-testid="report-bad"]').innerText()).toBe('1');
    const errors = await page.locator('[data-testid="import-error"]').allInnerTexts();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^line ${BAD_LINE}\\s`));
    // 15 Tetragon lines and 3 Hubble lines; whatever is not a flow or process event is stored in place or counted as other.
    const added = Number(await page.locator('[data-testid="report-events-added"]').innerText()) + Number(await page.locator('[data-testid="report-flows-added"]').innerText());
    const other = Number(await page.locator('[data-testid="report-skipped"]').innerText());
    expect(added + other).toBe(lines - 1);
    expect(Number(await page.locator('[data-testid="report-events-added"]').innerText())).toBeGreaterThanOrEqual(13);

    // The links open the views over exactly the span of the lines.
    const href = await page.locator('[data-testid="import-open-processes"]').getAttribute('href');
    const u = new URL(href!, holocron.url);
    expect(u.searchParams.get('since')).toMatch(/\.\d{3}123Z$/); // to the microsecond of the first line
    expect(Date.parse(u.searchParams.get('since')!)).toBe(t0);
    expect(Date.parse(u.searchParams.get('until')!)).toBe(t0 + 50_000);

    // Importing the same file again adds nothing.
    await page.locator('[data-testid="import-file"]').setInputFiles(file);
    await page.waitForFunction(() => document.querySelector('[data-testid="report-duplicates"]')?.textContent !== '0', null, { timeout: 30_000 });
    expect(await page.locator('[data-testid="report-events-added"]').innerText()).toBe('0');
    expect(await page.locator('[data-testid="report-flows-added"]').innerText()).toBe('0');
  });

  it('takes a file dropped on the page (the same capture again: all duplicates)', async () => {
    await page.goto(`${holocron.url}/import`);
    const ndjson = captureNdjson(t0);
    const transfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'dropped.ndjson', { type: 'application/x-ndjson' }));
      return dt;
    }, ndjson);
    await page.dispatchEvent('[data-testid="import-drop"]', 'drop', { dataTransfer: transfer });
    await page.locator('[data-testid="import-report"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="import-report"] h2').innerText()).toContain('dropped.ndjson');
    expect(await page.locator('[data-testid="report-events-added"]').innerText()).toBe('0');
    expect(Number(await page.locator('[data-testid="report-duplicates"]').innerText())).toBeGreaterThanOrEqual(15);
  });

  it('moves the progress bar while a capture of several pieces streams in', async () => {
    // ~3 MiB of flows: three or four requests of whole lines. Each answer is held back a little so
    // the bar can be seen between pieces; the server does the real work.
    const flows = Array.from({ length: 7000 }, (_, i) =>
      JSON.stringify({
        flow: {
          time: new Date(t0 + 55_000 + i).toISOString(),
          uuid: `0b0b0b0b-1414-4000-8000-${String(i).padStart(12, '0')}`,
          verdict: 'FORWARDED',
          IP: { source: '10.244.3.17', destination: '10.244.1.40', ipVersion: 'IPv4' },
          l4: { TCP: { source_port: 40000 + (i % 20000), destination_port: 9092 } },
          source: { namespace: 'empire', pod_name: CAPTURE_POD.name, labels: ['k8s:app=tie-bomber'] },
          destination: { namespace: 'empire', pod_name: 'kafka-0', labels: ['k8s:app=kafka'] },
          Type: 'L3_L4',
          node_name: 'kind-worker3',
          Summary: 'TCP Flags: ACK, PSH — padding the line to a realistic size for the progress test',
        },
        node_name: 'kind-worker3',
        time: new Date(t0 + 55_000 + i).toISOString(),
      }),
    );
    const file = path.join(dir, 'many-flows.ndjson.gz');
    fs.writeFileSync(file, zlib.gzipSync(`${flows.join('\n')}\n`));
    await page.route('**/api/import', async (route) => {
      await new Promise((r) => setTimeout(r, 400));
      await route.continue();
    });
    await page.goto(`${holocron.url}/import`);
    await page.locator('[data-testid="import-file"]').setInputFiles(file);
    const seen = new Set<number>();
    const bar = page.locator('[role="progressbar"]');
    while (!(await page.locator('[data-testid="import-report"]').isVisible())) {
      const v = await bar.getAttribute('aria-valuenow', { timeout: 1000 }).catch(() => null);
      if (v !== null) seen.add(Number(v));
      if (seen.size === 2) await screenshot(page, 'import-progress');
      await page.waitForTimeout(100);
    }
    await page.unroute('**/api/import');
    expect([...seen].some((v) => v > 0 && v < 100)).toBe(true);
    expect(await page.locator('[data-testid="report-flows-added"]').innerText()).toBe('7,000');
    expect(await page.locator('[data-testid="report-bad"]').innerText()).toBe('0');
  });

  it('shows the new Hubble fields on the flow page, hostile strings inert', async () => {
    await page.goto(`${holocron.url}/flows/${KAFKA_FLOW}`);
    await page.locator('[data-testid="flow-fields"]').waitFor();
    const observed = await page.locator('[data-testid="flow-observed"]').innerText();
    expect(observed).toContain('Hubble 1.19.4+g1f2e3d4');
    expect(observed).toContain('lxc9f2e1d0c (index 14)');
    expect(observed).toContain('ESTABLISHED');
    expect(observed).toContain('TO_PROXY');
    expect(observed).toContain('kubernetes.io/hostname=kind-worker3');
    // The label's markup is text and its bidi override a visible escape.
    expect(observed).toContain('<img src=x onerror="window.__pwned=1">');
    expect(observed).not.toContain('\u202E');
    expect(await page.locator('[data-testid="flow-kafka"]').innerText()).toMatch(/API key\s+produce[\s\S]*topic\s+empire-announce[\s\S]*correlation id\s+42/);
    expect(await page.locator('[data-testid="flow-verdict"]').innerText()).toContain('empire/bomber-to-kafka (CiliumNetworkPolicy)');
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await screenshot(page, 'flow-new-fields');

    await page.goto(`${holocron.url}/flows/${DNS_FLOW}`);
    await page.locator('[data-testid="flow-dns"]').waitFor();
    expect(await page.locator('[data-testid="flow-dns"]').innerText()).toMatch(/observed by\s+proxy/);
    expect(await page.locator('[data-testid="flow-tunnel"]').innerText()).toMatch(/VXLAN[\s\S]*VNI\s+2/);
    expect(await page.locator('[data-testid="flow-observed"]').innerText()).toMatch(/reply \(reply\)\s+yes/);
    expect(HOSTILE_LABEL).toContain('\u202E');
    expect(dialogs).toEqual([]);
  });

  it('draws the lost_events line as a gap with its count in the flows table', async () => {
    const since = new Date(t0 - 1000).toISOString();
    const until = new Date(t0 + 50_000).toISOString(); // before the progress test's 7,000 flows
    await page.goto(`${holocron.url}/flows?since=${since}&until=${until}`);
    const gap = page.locator('[data-testid="loss-gap-row"]');
    await gap.first().waitFor({ timeout: 15_000 });
    expect(await gap.first().getAttribute('data-count')).toBe(String(LOST_FLOWS));
    expect(await gap.first().innerText()).toMatch(/77 lost[\s\S]*PERF_EVENT_RING_BUFFER, cpu 3/);
    await gap.first().click();
    await page.locator('[data-testid="flow-loss"]').waitFor();
    expect(await page.locator('[data-testid="flow-loss"]').innerText()).toMatch(/count\s+77/);
    await screenshot(page, 'flows-loss-gap');
  });

  it('draws rate_limit_info as a gap in the processes table and reads every kind', async () => {
    const since = new Date(t0 - 1000).toISOString();
    const until = new Date(t0 + 60_000).toISOString();
    await page.goto(`${holocron.url}/processes?since=${since}&until=${until}`);
    const gap = page.locator('[data-testid="loss-gap-row"]');
    await gap.first().waitFor({ timeout: 15_000 });
    expect(await gap.first().getAttribute('data-count')).toBe(String(DROPPED_EVENTS));
    const verbs = await page.locator('[data-testid="event-row"]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).innerText));
    const all = verbs.join('\n');
    for (const v of ['LSM', 'uprobe', 'usdt', 'load', 'throttle', 'resume', 'THROTTLE_START cri-containerd-']) expect(all).toContain(v);
    await screenshot(page, 'processes-loss-gap');

    // The gap opens its own line: what the agent said it dropped, the exact upstream JSON beside it.
    await gap.first().click();
    await page.waitForURL(/\/events\//);
    await page.locator('[data-testid="kind-facts-card"]').waitFor();
    expect(await page.locator('[data-testid="kind-facts-card"]').innerText()).toContain(`${DROPPED_EVENTS} process events (rate limit)`);
    expect(await page.locator('[data-testid="json-inspector"]').innerText()).toContain('number_of_dropped_process_events');

    // A throttle names a cgroup and no process: its page says so.
    await page.goto(`${holocron.url}/processes?since=${since}&until=${until}&q=${encodeURIComponent('event-type=throttle')}`);
    await page.locator('[data-testid="event-row"]').first().click();
    await page.waitForURL(/\/events\//);
    const facts = await page.locator('[data-testid="kind-facts-card"]').innerText();
    expect(facts).toMatch(/Throttle\s+THROTTLE_(START|STOP)/);
    expect(facts).toMatch(/Cgroup\s+cri-containerd-7a1c9e0b/);
    expect(await page.locator('[data-testid="event-page"]').innerText()).toContain('A throttle names a cgroup, not a process.');
  });

  it('shows the pod timeline with full binary paths, a throttle band, a loss gap and the LSM event', async () => {
    await page.goto(`${holocron.url}/pods/${CAPTURE_POD.namespace}/${CAPTURE_POD.name}`);
    await page.locator('[data-testid="timeline-row"]').first().waitFor();
    const paths = await page.locator('[data-testid="row-binary"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-path')));
    expect(paths).toEqual(expect.arrayContaining(['/usr/sbin/kworkerd', '/tmp/kworkerd']));
    const rowTexts = await page.locator('[data-testid="row-binary"]').allTextContents();
    expect(rowTexts).toEqual(expect.arrayContaining(['/usr/sbin/kworkerd', '/tmp/kworkerd']));

    const band = page.locator('[data-testid="throttle-band"]');
    await band.waitFor({ timeout: 15_000 });
    expect(await band.count()).toBe(1);
    const loss = page.locator('[data-testid="loss-gap"]');
    expect(await loss.getAttribute('data-count')).toBe(String(DROPPED_EVENTS));
    expect(await loss.innerText()).toContain('1,204 lost');
    expect(await page.locator('[data-testid="timeline-incomplete"]').innerText()).toMatch(/1 throttle span, 1,204 events dropped/);

    const markers = await page.locator('[data-testid="process-marker"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-label') ?? ''));
    expect(markers.some((m) => m.startsWith('lsm bprm_check_security /tmp/kworkerd'))).toBe(true);
    await screenshot(page, 'pod-timeline-throttle-loss');

    // The LSM event's page: the binary it checked and the IMA hash.
    const lsmHref = await page.locator('[data-testid="process-marker"][data-label^="lsm "]').first().getAttribute('href');
    await page.goto(`${holocron.url}${lsmHref}`);
    await page.locator('[data-testid="kind-facts-card"]').waitFor();
    expect(await page.locator('[data-testid="kind-facts-card"]').innerText()).toMatch(/IMA hash\s+sha256:5d41402a/);
    expect(await page.locator('[data-testid="hook-card"]').innerText()).toContain('binprm /tmp/kworkerd -rwxrwxrwx');
    await screenshot(page, 'event-lsm');
  });
});
