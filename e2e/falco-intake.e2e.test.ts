import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { falcoClockTime, falcoIsoTime, parseFalcoTime } from '@/lib/domain/rules/falco-time';
import type { TetragonEventJson } from '@/lib/domain/wire-types';
import { launchChromium, screenshot } from './support/browser';
import { rawFetch } from './support/e2e-token';
import { getJson, startHolocron, waitFor, type RunningHolocron } from './support/holocron-server';

/**
 * A Falco user's path: a real Falco (here: its http_output JSON, as Falco posts it) reports
 * `cat /etc/shadow` in the scenario's tiefighter container; Holocron stores the alert beside its
 * own, linked to the Tetragon process, and the browser goes from the alert to that process on
 * the pod's timeline.
 */
describe('Falco http_output alerts, linked to the Tetragon process tree', () => {
  let holocron: RunningHolocron;
  let browser: Browser;
  let cat: TetragonEventJson;

  beforeAll(async () => {
    // The Falco-dialect test rule files beside the defaults, as a Falco user would drop theirs in.
    const rulesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-falco-rules-'));
    const dialect = path.resolve(__dirname, '..', 'lib', 'domain', 'rules', 'testing', 'falco-dialect');
    for (const f of fs.readdirSync(dialect)) fs.copyFileSync(path.join(dialect, f), path.join(rulesDir, f));
    holocron = await startHolocron({ env: { HOLOCRON_RULES_DIR: rulesDir } });
    browser = await launchChromium();
    const page = await waitFor('the incident\'s cat exec', async () => {
      const q = encodeURIComponent('binary=^/usr/bin/cat$ event-type=exec');
      const res = await getJson<{ items: { event: TetragonEventJson }[] }>(`${holocron.url}/api/events?q=${q}`);
      return res.items.length > 0 ? res.items : null;
    });
    cat = page[0]!.event;
  });

  afterAll(async () => {
    await browser?.close();
    await holocron?.stop();
  });

  /** What Falco's http_output posts for its "Read sensitive file untrusted" rule (json_output: true). */
  function falcoAlert(): Record<string, unknown> {
    const p = cat.process_exec!.process!;
    const containerId = p.pod!.container!.id!.replace(/^[a-z-]+:\/\//, '').slice(0, 12);
    const t = parseFalcoTime(cat.time)!;
    const time = falcoIsoTime(t);
    const clock = falcoClockTime(t);
    return {
      hostname: 'kind-worker',
      output: `${clock}: Warning Sensitive file opened for reading by non-trusted program (file=/etc/shadow gparent=containerd-shim ggparent=<NA> evt_type=openat user=root user_uid=0 user_loginuid=-1 process=cat proc_exepath=/usr/bin/cat parent=sh command=cat /etc/shadow terminal=34816 container_id=${containerId} container_name=spaceship)`,
      output_fields: {
        'container.id': containerId,
        'container.name': 'spaceship',
        'evt.time': 0,
        'evt.type': 'openat',
        'fd.name': '/etc/shadow',
        'proc.cmdline': 'cat /etc/shadow',
        'proc.exepath': '/usr/bin/cat',
        'proc.name': 'cat',
        'proc.pid': p.pid,
        'proc.pname': 'sh',
        'user.name': 'root',
      },
      priority: 'Warning',
      rule: 'Read sensitive file untrusted',
      source: 'syscall',
      tags: ['T1555', 'container', 'filesystem', 'host', 'maturity_stable', 'mitre_credential_access'],
      time,
    };
  }

  const post = (body: string, auth = true) =>
    // rawFetch: the e2e fetch adds the token by itself; this test decides when to send it.
    rawFetch(`${holocron.url}/api/falco/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${holocron.token}` } : {}) },
      body,
    });

  it('takes the alert, links it to the cat process, and refuses what is not a Falco alert', async () => {
    expect((await post(JSON.stringify(falcoAlert()), false)).status).toBe(401);
    const bad = await post('09:14:06: Warning Sensitive file opened');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/not JSON .*json_output: true/);
    const noRule = await post(JSON.stringify({ ...falcoAlert(), rule: undefined }));
    expect(noRule.status).toBe(400);
    expect((await noRule.json()).error).toMatch(/^rule: /);

    const res = await post(JSON.stringify(falcoAlert()));
    expect(res.status).toBe(202);
    const answer = await res.json();
    expect(answer).toMatchObject({
      accepted: 1,
      duplicates: 0,
      alerts: [{ rule: 'Read sensitive file untrusted', origin: 'falco', stored: 'new', link: { exec_id: cat.process_exec!.process!.exec_id, pod: 'tiefighter', namespace: 'default' } }],
    });
    const again = await (await post(JSON.stringify(falcoAlert()))).json();
    expect(again).toMatchObject({ accepted: 0, duplicates: 1 });
  });

  it('shows it on /alerts beside Holocron\'s own and follows it to the process timeline', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1100 } });
    await page.goto(`${holocron.url}/alerts`);
    const row = page.locator('[data-testid="alert-row"][data-rule="Read sensitive file untrusted"]');
    await row.waitFor({ timeout: 15_000 });
    await expect(row.getByTestId('falco-origin').textContent()).resolves.toBe('Falco');
    await expect(page.locator('[data-testid="alert-row"][data-rule="Read sensitive file"]').count()).resolves.toBe(1);
    // The effective rule set: the defaults running, the Falco files' rules with their state.
    await page.getByTestId('rule-set').locator('summary').click();
    const ruleSet = page.getByTestId('rule-set');
    await expect(ruleSet.locator('summary').textContent()).resolves.toMatch(/running.*for other event sources — 4 files/);
    await expect(ruleSet.locator('[data-testid="rule-set-row"][data-state="not_applicable"]').count()).resolves.toBe(3);
    await expect(ruleSet.locator('[data-testid="rule-set-row"][data-state="skipped"]').count()).resolves.toBe(1);
    await expect(ruleSet.locator('[data-testid="rule-set-row"][data-state="error"]').count()).resolves.toBe(0);
    await expect(page.getByTestId('rule-notices').textContent()).resolves.toContain('plugin k8saudit 0.7.0 is not loaded');
    await expect(ruleSet.textContent()).resolves.toContain('uses fields Tetragon does not provide (comparisons on them are false): proc.tty');
    await screenshot(page, 'falco-intake-alerts');

    await row.getByTestId('alert-link').click();
    await page.waitForURL(/\/alerts\/fa-/);
    await expect(page.getByTestId('alert-detail').textContent()).resolves.toContain('Falco http_output');
    await expect(page.getByTestId('alert-detail').textContent()).resolves.toContain('linked by pid, container.id, proc.exepath');
    await expect(page.getByTestId('alert-output').textContent()).resolves.toContain('Sensitive file opened for reading by non-trusted program');
    await screenshot(page, 'falco-intake-detail');

    const execId = cat.process_exec!.process!.exec_id!;
    const timelineHref = `/pods/default/tiefighter?sel=${encodeURIComponent(execId)}`;
    await expect(page.getByTestId('evidence-timeline').getAttribute('href')).resolves.toBe(timelineHref);
    await page.getByTestId('evidence-timeline').click();
    await page.waitForURL(`**${timelineHref}`);
    const selected = page.locator('[data-testid="timeline-row"][aria-selected="true"]');
    await selected.waitFor({ timeout: 15_000 });
    await expect(selected.getAttribute('data-exec-id')).resolves.toBe(execId);
    await expect(selected.getAttribute('data-binary')).resolves.toBe('/usr/bin/cat');
    await screenshot(page, 'falco-intake-timeline');
    await page.close();
  });
});
