import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioNdjson } from '@/test/fixtures/scenario-records';
import { launchChromium, screenshot } from './support/browser';
import { getJson, startHolocron, waitFor, type RunningHolocron } from './support/holocron-server';
import { INCIDENT_RULES } from './support/incident-rules';

// SCENARIO.md step 5: the alerts the incident raised, each one click from its evidence.

interface AlertItem {
  id: string;
  rule: string;
  priority: string;
  execId: string;
  namespace: string;
  pod: string;
  eventId: string;
  event: { rule: string; output: string };
}

async function alertRules(page: Page): Promise<string[]> {
  return (await page.locator('[data-testid="alert-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-rule') ?? ''))).sort();
}

describe('alerts of the Death Star incident', () => {
  let holocron: RunningHolocron;
  let browser: Browser;
  let alerts: AlertItem[];

  beforeAll(async () => {
    holocron = await startHolocron();
    browser = await launchChromium();
    alerts = await waitFor('the five incident alerts', async () => {
      const page = await getJson<{ items: AlertItem[] }>(`${holocron.url}/api/alerts`);
      return page.items.length >= 5 ? page.items : null;
    });
    // The cycle is sent in about a second: give the tail time to land, then nothing may be added.
    await waitFor('the whole cycle to be stored', async () => {
      const health = await getJson<{ store: { events: number } }>(`${holocron.url}/api/health`);
      return health.store.events > 200;
    });
    await new Promise((r) => setTimeout(r, 1500));
    alerts = (await getJson<{ items: AlertItem[] }>(`${holocron.url}/api/alerts`)).items;
  });

  afterAll(async () => {
    await browser?.close();
    await holocron?.stop();
  });

  it('answers exactly the five incident rules over the API, with counts by priority', async () => {
    expect(alerts.map((a) => a.rule).sort()).toEqual(INCIDENT_RULES);
    const counts = await getJson<{ total: number; byPriority: Record<string, number>; loadErrors: unknown[] }>(`${holocron.url}/api/alerts/counts`);
    expect(counts).toMatchObject({ total: 5, byPriority: { NOTICE: 1, WARNING: 3, CRITICAL: 1 }, loadErrors: [] });
    const bad = await fetch(`${holocron.url}/api/alerts?priority=loud`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ param: 'priority' });
    const critical = await getJson<{ items: AlertItem[] }>(`${holocron.url}/api/alerts?priority=critical`);
    expect(critical.items.map((a) => a.rule)).toEqual(['Kill of container init process']);

    // One alert with its evidence: the kill exec, `/usr/bin/kill -9 1` in the deathstar pod.
    const kill = critical.items[0]!;
    const detail = await getJson<AlertItem & { evidence: { eventId: string; event: { binary: string; args: string; node: string } }[] }>(
      `${holocron.url}/api/alerts/${kill.id}`,
    );
    expect(detail.event).toMatchObject({ rule: 'Kill of container init process', priority: 'Critical', source: 'syscall', hostname: 'kind-worker2' });
    expect(detail.evidence).toHaveLength(1);
    expect(detail.evidence[0]).toMatchObject({ eventId: kill.eventId, event: { binary: '/usr/bin/kill', args: '-9 1', node: 'kind-worker2' } });
    expect((await fetch(`${holocron.url}/api/alerts/al-nope`)).status).toBe(404);
  });

  it('shows the five alerts on /alerts with counts by priority, rule and namespace', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(`${holocron.url}/alerts`);
    await page.getByTestId('alert-row').nth(4).waitFor({ timeout: 15_000 });
    expect(await alertRules(page)).toEqual(INCIDENT_RULES);
    // Newest first: the kill of pid 1 ends the incident.
    await expect(page.getByTestId('alert-row').first().getAttribute('data-rule')).resolves.toBe('Kill of container init process');
    const tile = (p: string) => page.getByTestId(`priority-count-${p}`).getByTestId('priority-count').textContent();
    await expect(tile('NOTICE')).resolves.toBe('1');
    await expect(tile('WARNING')).resolves.toBe('3');
    await expect(tile('CRITICAL')).resolves.toBe('1');
    await expect(tile('EMERGENCY')).resolves.toBe('0');
    await expect(page.getByTestId('alerts-by-rule').getByTestId('facet-row').count()).resolves.toBe(5);
    await expect(page.getByTestId('alerts-by-namespace').getByTestId('facet-label').allTextContents()).resolves.toEqual(['default']);
    await expect(page.getByTestId('timeline-bar').count()).resolves.toBeGreaterThan(0);
    await page.getByText('● live').waitFor();
    await screenshot(page, 'alerts');

    // Clicking a count filters, and the filter is in the URL.
    await page.getByTestId('priority-count-WARNING').click();
    await page.waitForURL(/priority=WARNING/);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="alert-row"]').length === 4);
    await page.getByTestId('alerts-by-rule').getByText('Read sensitive file').click();
    await page.waitForURL(/rule=Read\+sensitive\+file/);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="alert-row"]').length === 1);
    expect(await alertRules(page)).toEqual(['Read sensitive file']);
    await page.close();
  });

  it('follows the terminal shell alert to its details and then to the process on the pod timeline', async () => {
    const shell = alerts.find((a) => a.rule === 'Terminal shell exec in container')!;
    const page = await browser.newPage({ viewport: { width: 1440, height: 1200 } });
    await page.goto(`${holocron.url}/alerts`);
    await page.locator('[data-testid="alert-row"][data-rule="Terminal shell exec in container"] [data-testid="alert-link"]').click();
    await page.waitForURL(`**/alerts/${shell.id}`);
    await expect(page.getByTestId('alert-detail-rule').textContent()).resolves.toBe('Terminal shell exec in container');
    await expect(page.getByTestId('alert-output').textContent()).resolves.toContain('pod=default/tiefighter');
    await expect(page.getByTestId('alert-json').textContent()).resolves.toContain('Terminal shell exec in container');
    await expect(page.getByTestId('mitre-tag').first().getAttribute('href')).resolves.toMatch(/^https:\/\/attack\.mitre\.org\/techniques\/T\d{4}\//);
    await screenshot(page, 'alert-detail');

    const timelineHref = `/pods/default/tiefighter?sel=${encodeURIComponent(shell.execId)}`;
    await expect(page.getByTestId('evidence-timeline').getAttribute('href')).resolves.toBe(timelineHref);
    await expect(page.getByTestId('evidence-event').getAttribute('href')).resolves.toBe(`/events/${encodeURIComponent(shell.eventId)}`);
    await expect(page.getByTestId('evidence-flows').getAttribute('href')).resolves.toMatch(/^\/flows\?q=pod%3Ddefault%2Ftiefighter&since=/);
    await page.getByTestId('evidence-timeline').click();
    await page.waitForURL(`**${timelineHref}`);
    const timelineBuilt = fs.existsSync(path.resolve(__dirname, '..', 'app', 'pods', '[namespace]', '[pod]', 'page.tsx'));
    if (timelineBuilt) {
      const selected = page.locator('[data-testid="timeline-row"][aria-selected="true"]');
      await selected.waitFor({ timeout: 15_000 });
      await expect(selected.getAttribute('data-exec-id')).resolves.toBe(shell.execId);
      await expect(selected.getAttribute('data-binary')).resolves.toBe('/bin/sh');
    } else {
      const res = await fetch(`${holocron.url}${timelineHref}`);
      expect(res.status).toBeLessThan(500);
    }
    await page.close();
  });
});

describe('alerts arriving live, hostile strings, and a broken rule file', () => {
  let holocron: RunningHolocron;
  let browser: Browser;

  beforeAll(async () => {
    const rulesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-rules-'));
    fs.writeFileSync(path.join(rulesDir, 'broken.yaml'), '- rule: Broken\n  desc: x\n  condition: proc.nmae = sh\n  output: x\n  priority: warning\n');
    holocron = await startHolocron({ agentArgs: null, env: { HOLOCRON_RULES_DIR: rulesDir } });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await holocron?.stop();
  });

  it('shows the rule-file problem, then alerts as they arrive, with event text kept inert', async () => {
    const health = await getJson<{ status: string; detection: { loadErrors: { file: string; line: number }[] } }>(`${holocron.url}/api/health`);
    expect(health.status).toBe('degraded');
    expect(health.detection.loadErrors).toEqual([expect.objectContaining({ file: expect.stringMatching(/broken\.yaml$/), line: 3 })]);

    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${holocron.url}/alerts`);
    await expect(page.getByTestId('rule-errors').textContent()).resolves.toMatch(/broken\.yaml:3.*proc\.nmae/);
    await page.getByTestId('alerts-empty').waitFor();
    await page.getByText('● live').waitFor();

    // A kubectl-exec shell in a pod whose name is markup, then the whole incident.
    const hostile = '<img src=x onerror=alert(1)>\u202eevil';
    const shellLine = {
      process_exec: {
        process: {
          exec_id: 'aG9zdGlsZToxOjE=', pid: 4242, binary: '/bin/sh', arguments: '-i', flags: 'execve clone',
          start_time: '2026-11-22T09:00:00Z', parent_exec_id: 'aG9zdGlsZToxOjA=',
          pod: { namespace: 'default', name: hostile, container: { id: 'containerd://abc', name: 'c', pid: 7 } },
        },
        parent: { exec_id: 'aG9zdGlsZToxOjA=', pid: 4000, binary: '/usr/bin/containerd-shim-runc-v2' },
      },
      node_name: 'kind-worker',
      time: new Date().toISOString(),
    };
    const res = await fetch(`${holocron.url}/api/import`, { method: 'POST', body: `${JSON.stringify(shellLine)}\n${scenarioNdjson()}` });
    expect(res.status).toBe(200);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="alert-row"]').length === 6, null, { timeout: 15_000 });
    expect((await alertRules(page)).filter((r) => r === 'Terminal shell exec in container')).toHaveLength(2);
    expect(await page.locator('img').count()).toBe(0);
    await expect(page.getByTestId('alert-list').textContent()).resolves.toContain('<img src=x onerror=alert(1)>\\u202eevil');
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
